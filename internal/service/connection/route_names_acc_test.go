package connection_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

// Route names are 1 to 64 characters of any kind ("Creating a Route"): names
// with dots, spaces and non-ASCII letters are added, read back and deleted by
// name.
func TestAccEnhancedConnection_routeNamesAnyCharacters(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	name := acctest.Name("rn")
	long := strings.Repeat("路", 64)
	routes := func(rs ...[2]string) (string, statecheck.StateCheck) {
		hcl := make([]string, 0, len(rs))
		checks := make([]knownvalue.Check, 0, len(rs))
		for _, r := range rs {
			hcl = append(hcl, fmt.Sprintf("    { name = %q, cidr = %q },", r[0], r[1]))
			checks = append(checks, knownvalue.ObjectExact(map[string]knownvalue.Check{
				"name": knownvalue.StringExact(r[0]), "cidr": knownvalue.StringExact(r[1]),
			}))
		}
		cfg := env.Config(fmt.Sprintf(`
resource "dli_enhanced_connection" "test" {
  name      = %q
  vpc_id    = %q
  subnet_id = %q
  routes = [
%s
  ]
}
`, name, n.vpc, n.subnet, strings.Join(hcl, "\n")))
		return cfg, statecheck.ExpectKnownValue(resName, tfjsonpath.New("routes"), knownvalue.SetExact(checks))
	}
	all, allSet := routes([2]string{"route.a", "10.1.0.0/16"}, [2]string{"路由", "10.2.0.0/16"},
		[2]string{"office 2", "10.3.0.0/16"}, [2]string{long, "10.4.0.0/16"})
	fewer, fewerSet := routes([2]string{"route.a", "10.1.0.0/16"}, [2]string{"office 2", "10.3.0.0/16"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: all, ConfigStateChecks: []statecheck.StateCheck{allSet}, ConfigPlanChecks: acctest.EmptyPlanAfterApply()},
			{Config: fewer, ConfigStateChecks: []statecheck.StateCheck{fewerSet}, ConfigPlanChecks: acctest.Planned(resName, plancheck.ResourceActionUpdate)},
		},
	})
}
