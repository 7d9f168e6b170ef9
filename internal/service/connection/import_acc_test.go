package connection_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
)

// TestAccEnhancedConnection_importWriteOnly: an import reads a connection's
// tags through the tag API but cannot know its route_table_id, which the next
// apply records in place as configured, since DLI has no way to read it. A
// tag change is then an in-place update, a tag added outside Terraform shows
// in the next plan, and a change of route_table_id replaces the connection.
func TestAccEnhancedConnection_importWriteOnly(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("imported")
	// The import step does not get the testing framework's provider source
	// added for it, so name the source the framework serves.
	source := acctest.RequiredProviders()
	base := env.Config(source, poolHCL(pool))
	// An empty routeTable leaves route_table_id out.
	config := func(owner, routeTable string) string {
		extra := fmt.Sprintf("  tags = { owner = %q }", owner)
		if routeTable != "" {
			extra += fmt.Sprintf("\n  route_table_id = %q", routeTable)
		}
		return base + connectionHCL(name, n, n.subnet, extra)
	}
	var id string
	recorded := func(owner, routeTable string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(resName, tfjsonpath.New("tags"),
				knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact(owner)})),
			statecheck.ExpectKnownValue(resName, tfjsonpath.New("route_table_id"), knownvalue.StringExact(routeTable)),
		}
	}
	sameConnection := func(s *terraform.State) error {
		got, err := connectionID(s)
		if err == nil && got != id {
			err = fmt.Errorf("connection %s was replaced by %s", id, got)
		}
		return err
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				// The pool; an import cannot be the first step anyway.
				Config: base,
			},
			{
				// Import a connection created outside Terraform.
				PreConfig: func() {
					id = env.CreateConnectionOutOfBand(t, client.CreateConnectionInput{
						Name: name, VPCID: n.vpc, SubnetID: n.subnet, RouteTableID: n.routeTable,
						Pools: []string{pool}, Tags: []client.Tag{{Key: "owner", Value: "acctest"}},
					})
				},
				Config:             config("acctest", n.routeTable),
				ResourceName:       resName,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					// s also holds the pool, which was in the state already.
					for _, is := range s {
						if is.ID != id {
							continue
						}
						if is.Attributes["tags.owner"] != "acctest" || is.Attributes["route_table_id"] != "" ||
							is.Attributes["name"] != name {
							return fmt.Errorf("imported connection = %v, want %s with tags owner=acctest, without route_table_id", is, name)
						}
						return nil
					}
					return fmt.Errorf("connection %s not imported: %v", id, s)
				},
			},
			{
				Config:            config("acctest", n.routeTable),
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsKept),
				ConfigStateChecks: recorded("acctest", n.routeTable),
				Check:             sameConnection,
			},
			{
				// A tag change is an in-place update through the tag API.
				Config:            config("changed", n.routeTable),
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate),
				ConfigStateChecks: recorded("changed", n.routeTable),
				Check:             sameConnection,
			},
			{
				// A tag added outside Terraform shows in the plan.
				PreConfig: func() {
					if err := env.Client(t).AddTags(context.Background(), client.TagConnection, id,
						[]client.Tag{{Key: "extra", Value: "x"}}); err != nil {
						t.Fatal(err)
					}
				},
				Config:            config("changed", n.routeTable),
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate),
				ConfigStateChecks: recorded("changed", n.routeTable),
				Check:             sameConnection,
			},
			{
				// Leaving route_table_id out is a change too (the real cloud
				// has only the one route table to test with).
				Config:           config("changed", ""),
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("route_table_id"), knownvalue.Null()),
				},
			},
		},
	})
}

// TestAccEnhancedConnection_importRouteTableOnly: with no tags configured,
// the first apply after an import records route_table_id alone in place.
func TestAccEnhancedConnection_importRouteTableOnly(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("imported_rt")
	source := acctest.RequiredProviders()
	base := env.Config(source, poolHCL(pool))
	config := base + connectionHCL(name, n, n.subnet, fmt.Sprintf("  route_table_id = %q", n.routeTable))
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: base},
			{
				PreConfig: func() {
					id = env.CreateConnectionOutOfBand(t, client.CreateConnectionInput{
						Name: name, VPCID: n.vpc, SubnetID: n.subnet, RouteTableID: n.routeTable, Pools: []string{pool},
					})
				},
				Config:             config,
				ResourceName:       resName,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
			},
			{
				Config:           config,
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsKept),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("route_table_id"), knownvalue.StringExact(n.routeTable)),
					// Read back by the import: none, which the configuration's
					// omission means too.
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("tags"), knownvalue.MapSizeExact(0)),
				},
			},
		},
	})
}
