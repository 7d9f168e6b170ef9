package connection_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestAccEnhancedConnection_identity: a connection records its id as its
// identity (Terraform and OpenTofu 1.12+), and an import block with that
// identity imports it with an empty plan.
func TestAccEnhancedConnection_identity(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	config := env.Config(acctest.RequiredProviders(), bareConnectionHCL(acctest.Name("ident"), n))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValueMatchesState(resName, tfjsonpath.New("id")),
				},
			},
			{Config: config, ResourceName: resName, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// TestAccEnhancedConnection_importByName: `terraform import` and an import
// block's id take the connection's name as well as its id; the imported
// state matches the created one and the plan after the import is empty.
func TestAccEnhancedConnection_importByName(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	name := acctest.Name("byname")
	config := env.Config(acctest.RequiredProviders(), bareConnectionHCL(name, n))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config: config, ResourceName: resName, ImportState: true, ImportStateId: name,
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// In another case: DLI keeps the case of connection names, and
				// the lookup falls back to a match ignoring case.
				Config: config, ResourceName: resName, ImportState: true, ImportStateId: strings.ToUpper(name),
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

// TestAccEnhancedConnection_importByNameFails: an import by a name that two
// connections share (ignoring case: DLI refuses two live connections with the
// same name) fails naming both ids; a name no connection has fails saying so.
func TestAccEnhancedConnection_importByNameFails(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	n := destination(t, env)
	prefix := acctest.Name("twin")
	lowerID := acctest.Seed(t, env.Emulator.SeedConnections, emulator.Seed{Prefix: prefix, Count: 1})[0]
	upperID := acctest.Seed(t, env.Emulator.SeedConnections, emulator.Seed{Prefix: strings.ToUpper(prefix), Count: 1})[0]
	lower, upper := prefix+"_0000", strings.ToUpper(prefix)+"_0000"
	mixed := "Twin" + strings.TrimPrefix(lower, "twin")
	config := env.Config(acctest.RequiredProviders(), bareConnectionHCL(mixed, n))
	importing := func(id, want string) resource.TestStep {
		return resource.TestStep{Config: config, ResourceName: resName, ImportState: true, ImportStateId: id, ExpectError: acctest.Words(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			importing(mixed, fmt.Sprintf(`import by name: 2 enhanced connections are named %q (ignoring case): %s (id %s), %s (id %s)`,
				mixed, upper, upperID, lower, lowerID)),
			importing("nosuch_conn", `import by name: no enhanced connection is named "nosuch_conn", exactly or ignoring case`),
		},
	})
}
