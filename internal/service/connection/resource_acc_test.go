package connection_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
)

const resName = "dli_enhanced_connection.test"

// Destination network: the seed's VPC and subnet on the emulator; on the real
// cloud they must name a VPC and two subnets of it.
const (
	envVPCID     = "DLI_ACC_VPC_ID"
	envSubnetID  = "DLI_ACC_SUBNET_ID"
	envSubnetID2 = "DLI_ACC_SUBNET_ID_2"
	envRouteTbl  = "DLI_ACC_ROUTE_TABLE_ID"
)

type network struct{ vpc, subnet, subnet2, routeTable string }

func destination(t *testing.T, env *acctest.Env) network {
	t.Helper()
	if env.Emulator != nil {
		return network{
			vpc:        "22094d8f-c310-4621-913d-4c4d655d8495",
			subnet:     "78f2562a-36e4-4b39-95b9-f5aab22e1281",
			subnet2:    "5b1c6a8e-4d2f-4e1a-9c3b-7a8d9e0f1a2b",
			routeTable: "9d4f2c1a-6b3e-4f5a-8c7d-2e1f0a9b8c7d",
		}
	}
	n := network{os.Getenv(envVPCID), os.Getenv(envSubnetID), os.Getenv(envSubnetID2), os.Getenv(envRouteTbl)}
	if n.vpc == "" || n.subnet == "" || n.subnet2 == "" || n.routeTable == "" {
		t.Skipf("on the real cloud set %s, %s, %s and %s to a VPC, two of its subnets and the route table "+
			"of the second", envVPCID, envSubnetID, envSubnetID2, envRouteTbl)
	}
	return n
}

// poolHCL is the seed's elastic resource pool (min = max = 64 CU).
func poolHCL(name string) string { return labelledPoolHCL("test", name) }

func labelledPoolHCL(label, name string) string {
	return acctest.Pool{Label: label, Name: name, CIDR: "172.16.0.0/14", Description: "test"}.HCL()
}

// queueHCL is the seed's queue1 in that pool.
func queueHCL(name string) string { return describedQueueHCL(name, "test") }

// describedQueueHCL is queueHCL with another description (a change that
// replaces the queue under the same name).
func describedQueueHCL(name, description string) string {
	return acctest.Queue{Name: name, Pool: "test", Type: "sql", CU: 16, Description: description}.HCL()
}

// seedHosts are the two hosts of the seed's connection.
const seedHosts = `[
    { name = "ecs-97f8-0001", ip = "192.168.0.1" },
    { name = "ecs-97f8-0002", ip = "192.168.0.2" },
  ]`

// connectionHCL is a connection bound to the pool of poolHCL; extra is
// inserted verbatim into the resource body.
func connectionHCL(name string, n network, subnet, extra string) string {
	return fmt.Sprintf(`
resource "dli_enhanced_connection" "test" {
  name                   = %q
  vpc_id                 = %q
  subnet_id              = %q
  elastic_resource_pools = [dli_elastic_resource_pool.test.name]
%s
}
`, name, n.vpc, subnet, extra)
}

// bindingsAre checks the bindings attribute: each expected kind/name, ACTIVE.
func bindingsAre(bs ...[2]string) statecheck.StateCheck {
	checks := make([]knownvalue.Check, 0, len(bs))
	for _, b := range bs {
		checks = append(checks, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"kind":    knownvalue.StringExact(b[0]),
			"name":    knownvalue.StringExact(b[1]),
			"status":  knownvalue.StringExact(client.BindingStatusActive),
			"peer_id": knownvalue.NotNull(),
			"err_msg": knownvalue.StringExact(""),
		}))
	}
	return statecheck.ExpectKnownValue(resName, tfjsonpath.New("bindings"), knownvalue.ListExact(checks))
}

func hostsAre(hs ...[2]string) statecheck.StateCheck {
	checks := make([]knownvalue.Check, 0, len(hs))
	for _, h := range hs {
		checks = append(checks, knownvalue.ObjectExact(map[string]knownvalue.Check{
			"name": knownvalue.StringExact(h[0]),
			"ip":   knownvalue.StringExact(h[1]),
		}))
	}
	return statecheck.ExpectKnownValue(resName, tfjsonpath.New("hosts"), knownvalue.ListExact(checks))
}

// bindingsKept: a change that binds or unbinds nothing plans the bindings as
// they are, rather than as "known after apply".
var bindingsKept = plancheck.ExpectKnownValue(resName, tfjsonpath.New("bindings"), knownvalue.ListSizeExact(1))

// bindingsRecomputed: binding or unbinding plans the bindings as unknown.
var bindingsRecomputed = plancheck.ExpectUnknownValue(resName, tfjsonpath.New("bindings"))

// connectionID returns the id of the connection in the state.
func connectionID(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[resName]
	if !ok || rs.Primary.ID == "" {
		return "", fmt.Errorf("%s is not in the state", resName)
	}
	return rs.Primary.ID, nil
}

// dliHolds checks the connection DLI holds for the one in the state.
func dliHolds(t *testing.T, env *acctest.Env, check func(*client.Connection) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := connectionID(s)
		if err != nil {
			return err
		}
		conn, err := env.Client(t).GetConnection(context.Background(), id)
		if err != nil {
			return err
		}
		return check(conn)
	}
}

// The seed's connection: bound to a pool, two hosts; then import, and the host
// mapping changed, emptied with [] and with the attribute removed.
func TestAccEnhancedConnection_basic(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("test1")
	base := env.Config(poolHCL(pool))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: base + connectionHCL(name, n, n.subnet, "  hosts = "+seedHosts+"\n  tags = { owner = \"acctest\" }"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("created_at"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("vpc_id"), knownvalue.StringExact(n.vpc)),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("subnet_id"), knownvalue.StringExact(n.subnet)),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("elastic_resource_pools"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(pool)})),
					// None is [] whether the configuration writes [] or leaves it out.
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("queues"), knownvalue.SetExact(nil)),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("routes"), knownvalue.SetExact(nil)),
					bindingsAre([2]string{"pool", pool}),
					hostsAre([2]string{"ecs-97f8-0001", "192.168.0.1"}, [2]string{"ecs-97f8-0002", "192.168.0.2"}),
				},
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			},
			{
				ResourceName:      resName,
				ImportState:       true,
				ImportStateVerify: true,
				// DLI neither returns tags nor lets them be read any other way.
				ImportStateVerifyIgnore: []string{"tags"},
			},
			{
				Config: base + connectionHCL(name, n, n.subnet, `  hosts = [
    { name = "ecs-97f8-0002", ip = "192.168.0.22" },
    { name = "db.internal", ip = "10.0.0.5" },
  ]
  tags = { owner = "acctest" }`),
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsKept),
				ConfigStateChecks: []statecheck.StateCheck{
					hostsAre([2]string{"ecs-97f8-0002", "192.168.0.22"}, [2]string{"db.internal", "10.0.0.5"}),
					bindingsAre([2]string{"pool", pool}),
				},
			},
			{
				Config:           base + connectionHCL(name, n, n.subnet, "  hosts = []\n  tags = { owner = \"acctest\" }"),
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("hosts"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			{
				Config:           base + connectionHCL(name, n, n.subnet, "  hosts = "+seedHosts+"\n  tags = { owner = \"acctest\" }"),
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate),
			},
			{
				// Removing the attribute clears the mapping too.
				Config:           base + connectionHCL(name, n, n.subnet, "  tags = { owner = \"acctest\" }"),
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("hosts"), knownvalue.ListExact(nil)),
					bindingsAre([2]string{"pool", pool}),
				},
				Check: dliHolds(t, env, func(conn *client.Connection) error {
					if len(conn.Hosts) != 0 {
						return fmt.Errorf("DLI still has hosts %v", conn.Hosts)
					}
					return nil
				}),
			},
		},
	})
}

// A queue is bound in place, waited for until ACTIVE, then unbound in place.
func TestAccEnhancedConnection_bindQueue(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, queue, name := acctest.Name("pool"), acctest.Name("queue1"), acctest.Name("test1")
	base := env.Config(poolHCL(pool), queueHCL(queue))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:            base + connectionHCL(name, n, n.subnet, ""),
				ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", pool})},
				ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			},
			{
				Config:           base + connectionHCL(name, n, n.subnet, "  queues = [dli_queue.test.name]"),
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsRecomputed),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("queues"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(queue)})),
					bindingsAre([2]string{"pool", pool}, [2]string{"queue", queue}),
				},
			},
			{
				ResourceName:            resName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"tags"},
			},
			{
				Config:           base + connectionHCL(name, n, n.subnet, ""),
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsRecomputed),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("queues"), knownvalue.SetExact(nil)),
					bindingsAre([2]string{"pool", pool}),
				},
			},
		},
	})
}

// Routes are added, changed (delete + add under the same name) and removed.
func TestAccEnhancedConnection_routes(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("test1")
	base := env.Config(poolHCL(pool))
	routesAre := func(rs ...[2]string) statecheck.StateCheck {
		checks := make([]knownvalue.Check, 0, len(rs))
		for _, r := range rs {
			checks = append(checks, knownvalue.ObjectExact(map[string]knownvalue.Check{
				"name": knownvalue.StringExact(r[0]), "cidr": knownvalue.StringExact(r[1]),
			}))
		}
		return statecheck.ExpectKnownValue(resName, tfjsonpath.New("routes"), knownvalue.SetExact(checks))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: base + connectionHCL(name, n, n.subnet, `  routes = [{ name = "office", cidr = "10.10.0.0/16" }]`),
				ConfigStateChecks: []statecheck.StateCheck{
					routesAre([2]string{"office", "10.10.0.0/16"}),
					bindingsAre([2]string{"pool", pool}),
				},
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			},
			{
				Config: base + connectionHCL(name, n, n.subnet, `  routes = [
    { name = "office", cidr = "10.10.0.0/16" },
    { name = "lab-2", cidr = "192.168.100.0/24" },
  ]`),
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsKept),
				ConfigStateChecks: []statecheck.StateCheck{routesAre([2]string{"office", "10.10.0.0/16"}, [2]string{"lab-2", "192.168.100.0/24"})},
			},
			{
				ResourceName:            resName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"tags"},
			},
			{
				Config: base + connectionHCL(name, n, n.subnet, `  routes = [
    { name = "office", cidr = "10.20.0.0/16" },
    { name = "lab-2", cidr = "192.168.100.0/24" },
  ]`),
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{routesAre([2]string{"office", "10.20.0.0/16"}, [2]string{"lab-2", "192.168.100.0/24"})},
			},
			{
				// A case-only rename replaces the route, so that DLI and the
				// state hold the configured spelling.
				Config: base + connectionHCL(name, n, n.subnet, `  routes = [
    { name = "Office", cidr = "10.20.0.0/16" },
    { name = "lab-2", cidr = "192.168.100.0/24" },
  ]`),
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{routesAre([2]string{"Office", "10.20.0.0/16"}, [2]string{"lab-2", "192.168.100.0/24"})},
				Check: dliHolds(t, env, func(conn *client.Connection) error {
					for _, r := range conn.Routes {
						if r.Name == "office" {
							return fmt.Errorf("DLI still has the route under its old spelling: %v", conn.Routes)
						}
					}
					return nil
				}),
			},
			{
				Config:            base + connectionHCL(name, n, n.subnet, ""),
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(resName, tfjsonpath.New("routes"), knownvalue.SetExact(nil))},
				Check: dliHolds(t, env, func(conn *client.Connection) error {
					if len(conn.Routes) != 0 {
						return fmt.Errorf("DLI still has routes %v", conn.Routes)
					}
					return nil
				}),
			},
		},
	})
}

// A new subnet means a new connection; the old one is deleted first.
func TestAccEnhancedConnection_replace(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("test1")
	base := env.Config(poolHCL(pool))
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: base + connectionHCL(name, n, n.subnet, ""),
				Check: func(s *terraform.State) (err error) {
					firstID, err = connectionID(s)
					return err
				},
			},
			{
				Config: base + connectionHCL(name, n, n.subnet2, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resName, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("subnet_id"), knownvalue.StringExact(n.subnet2)),
					bindingsAre([2]string{"pool", pool}),
				},
				Check: func(s *terraform.State) error {
					id, err := connectionID(s)
					if err != nil {
						return err
					}
					if id == firstID {
						return fmt.Errorf("connection %s was not replaced", id)
					}
					if _, err := env.Client(t).GetConnection(context.Background(), firstID); !client.IsNotFound(err) {
						return fmt.Errorf("the replaced connection %s should be gone, got %v", firstID, err)
					}
					return nil
				},
			},
			{
				// route_table_id is not reported by DLI: it is kept from the
				// configuration, without a diff, and a change replaces.
				Config: base + connectionHCL(name, n, n.subnet2, fmt.Sprintf("  route_table_id = %q", n.routeTable)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resName, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("route_table_id"), knownvalue.StringExact(n.routeTable)),
				},
			},
			{
				ResourceName:      resName,
				ImportState:       true,
				ImportStateVerify: true,
				// Neither is reported by DLI, so import cannot know them.
				ImportStateVerifyIgnore: []string{"route_table_id", "tags"},
			},
		},
	})
}

// A connection deleted out of band (left DELETED, as DLI does) is recreated.
func TestAccEnhancedConnection_disappears(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("test1")
	cfg := env.Config(poolHCL(pool), connectionHCL(name, n, n.subnet, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id, err := connectionID(s)
					if err != nil {
						return err
					}
					env.Emulator.DeleteConnectionNow(id)
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resName, plancheck.ResourceActionCreate)},
				},
				ExpectNonEmptyPlan: true,
			},
			{
				// Apply again: recreated, bound and ACTIVE.
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", pool})},
				ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			},
		},
	})
}

// A peering that ends FAILED fails the apply with the pool's name and the reason.
func TestAccEnhancedConnection_failedBinding(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("test1")
	env.Emulator.FailNext("binding", pool)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.Config(poolHCL(pool), connectionHCL(name, n, n.subnet, "")),
				ExpectError: regexp.MustCompile(acctest.Words(fmt.Sprintf(`binding of elastic resource pool "%s"`, pool)).String() +
					`[\s\S]*` + acctest.Words("FAILED:").String() + `[\s\S]*` + acctest.Words("the destination VPC refused it").String()),
			},
			// The connection whose peering FAILED is tracked (tainted), so the
			// next apply replaces it, and this time every binding is ACTIVE.
			{
				Config: env.Config(poolHCL(pool), connectionHCL(name, n, n.subnet, "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resName, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("bindings"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name": knownvalue.StringExact(pool), "status": knownvalue.StringExact("ACTIVE"),
						}),
					})),
				},
			},
		},
	})
}

// Invalid arguments are refused at plan time, before any API call.
func TestAccEnhancedConnection_invalid(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	conn := func(name, extra string) string {
		return env.Config(fmt.Sprintf(`
resource "dli_enhanced_connection" "test" {
  name      = %q
  vpc_id    = %q
  subnet_id = %q
%s
}
`, name, n.vpc, n.subnet, extra))
	}
	cases := []struct {
		config string
		want   *regexp.Regexp
	}{
		{conn("test1", `  hosts = [{ name = "ecs-1", ip = "192.168.0.300" }]`), acctest.Words(`"192.168.0.300" is not an IPv4 address`)},
		{conn("test1", `  hosts = [{ name = "ecs-1", ip = "fd00::1" }]`), acctest.Words("Invalid IPv4 Address")},
		{conn("test1", `  hosts = [
    { name = "ecs-1", ip = "192.168.0.1" },
    { name = "ecs-1", ip = "192.168.0.2" },
  ]`), acctest.Words(`The host name "ecs-1" appears more than once`)},
		{conn("test1", `  hosts = [{ name = "1ecs", ip = "192.168.0.1" }]`), acctest.Words("must start with a letter")},
		{conn("test1", `  routes = [{ name = "r1", cidr = "10.0.0.0/33" }]`), acctest.Words(`"10.0.0.0/33" is not an IPv4 CIDR block`)},
		{conn("test1", `  routes = [{ name = "r1", cidr = "10.0.0.1/16" }]`), acctest.Words("has host bits set; use the network address 10.0.0.0/16")},
		{conn("test1", `  routes = [
    { name = "r1", cidr = "10.0.0.0/16" },
    { name = "r1", cidr = "10.1.0.0/16" },
  ]`), acctest.Words(`The route name "r1" appears more than once`)},
		// Route names: "Creating a Route" documents 1 to 64 characters and
		// no character set; characters a request path cannot carry are the
		// provider's own limit.
		{conn("test1", fmt.Sprintf(`  routes = [{ name = %q, cidr = "10.0.0.0/16" }]`, strings.Repeat("路", 65))),
			acctest.Words("UTF-8 character count must be between 1 and 64, got: 65")},
		{conn("test1", `  routes = [{ name = "", cidr = "10.0.0.0/16" }]`), acctest.Words("UTF-8 character count must be between 1 and 64, got: 0")},
		{conn("test1", `  routes = [{ name = "office/a", cidr = "10.0.0.0/16" }]`), acctest.Words(`The route name "office/a" contains "/"`)},
		{conn("test1", `  routes = [{ name = "a#b", cidr = "10.0.0.0/16" }]`), acctest.Words("cannot carry '/', '?', '#', '%' or control characters")},
		{conn("bad-name", ""), acctest.Words("may contain only letters, digits and underscores")},
		{conn("", ""), acctest.Words("string length must be between 1 and 64")},
		{conn("conn.1", ""), acctest.Words("may contain only letters, digits and underscores")},
		{conn(strings.Repeat("a", 65), ""), acctest.Words("string length must be between 1 and 64")},
		{conn("test1", `  queues = ["default"]`), acctest.Words(`value must be none of: ["default"]`)},
	}
	steps := make([]resource.TestStep, 0, len(cases)+2)
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: c.want})
	}
	// Connection names may start with an underscore or be all digits, which
	// pool and queue names may not: these plan a creation.
	for _, name := range []string{"_dwh", "2024"} {
		steps = append(steps, resource.TestStep{Config: conn(name, ""), PlanOnly: true, ExpectNonEmptyPlan: true})
	}
	// Route names of any characters plan, up to 64 of them (192 bytes here).
	steps = append(steps, resource.TestStep{Config: conn("test1", fmt.Sprintf(`  routes = [
    { name = "route.a", cidr = "10.1.0.0/16" },
    { name = "路由", cidr = "10.2.0.0/16" },
    { name = %q, cidr = "10.3.0.0/16" },
  ]`, strings.Repeat("路", 64))), PlanOnly: true, ExpectNonEmptyPlan: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})
	if env.Emulator != nil {
		for _, r := range env.Emulator.Requests() {
			if strings.Contains(r.Path, "enhanced-connections") {
				t.Errorf("invalid configurations reached the API: %s %s", r.Method, r.Path)
			}
		}
	}
}

// A peering that FAILED while binding in place is retried by the next apply
// if still wanted, and unbound by the next apply if no longer wanted.
func TestAccEnhancedConnection_failedBindingInUpdate(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	n := destination(t, env)
	poolA, poolB, name := acctest.Name("poola"), acctest.Name("poolb"), acctest.Name("test1")
	pools := env.Config(poolHCL(poolA), labelledPoolHCL("b", poolB))
	config := func(bound string) string {
		return pools + fmt.Sprintf(`
resource "dli_enhanced_connection" "test" {
  name                   = %q
  vpc_id                 = %q
  subnet_id              = %q
  elastic_resource_pools = [%s]
}
`, name, n.vpc, n.subnet, bound)
	}
	onlyA := config("dli_elastic_resource_pool.test.name")
	both := config("dli_elastic_resource_pool.test.name, dli_elastic_resource_pool.b.name")
	failB := func() { env.Emulator.FailNext("binding", poolB) }
	failedB := regexp.MustCompile(acctest.Words(fmt.Sprintf(`binding of elastic resource pool "%s"`, poolB)).String() +
		`[\s\S]*` + acctest.Words("the destination VPC refused it").String())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: onlyA, ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", poolA})}},
			{PreConfig: failB, Config: both, ExpectError: failedB},
			{
				// Still wanted: bound again, ACTIVE this time.
				Config:           both,
				ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsRecomputed),
				ConfigStateChecks: []statecheck.StateCheck{
					bindingsAre([2]string{"pool", poolA}, [2]string{"pool", poolB}),
				},
			},
			{Config: onlyA, ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsRecomputed)},
			{PreConfig: failB, Config: both, ExpectError: failedB},
			{
				// No longer wanted: the FAILED peering alone plans an update that unbinds it.
				Config:            onlyA,
				ConfigPlanChecks:  acctest.Planned(resName, plancheck.ResourceActionUpdate, bindingsRecomputed),
				ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", poolA})},
			},
		},
	})
}

// TestAccEnhancedConnection_deleteWhileCreating: a connection whose create
// timed out while its peering was still CREATING is tracked (tainted), and
// its destroy waits out DLI's refusal to delete a connection that is being
// created (API ref "Deleting an Enhanced Datasource Connection").
func TestAccEnhancedConnection_deleteWhileCreating(t *testing.T) {
	d := acctest.FastDelays
	d.ConnectionPeering = 4 * time.Second
	env := acctest.NewWithDelays(t, d)
	env.RequireEmulator(t)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("creating")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := env.CheckConnectionsDestroyed(t)(s); err != nil {
				return err
			}
			for _, r := range env.Emulator.Requests() {
				if r.Method == "DELETE" && strings.Contains(r.Path, "/enhanced-connections/") && r.Status == 400 {
					return nil
				}
			}
			return fmt.Errorf("no connection delete was refused: the destroy did not meet a CREATING peering")
		},
		Steps: []resource.TestStep{{
			Config:      env.Config(poolHCL(pool), connectionHCL(name, n, n.subnet, `  timeouts { create = "1s" }`)),
			ExpectError: regexp.MustCompile(`(?i)timeout|deadline`),
		}},
	})
}
