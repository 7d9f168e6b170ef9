package connection_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

// Connection names may start with an underscore or consist of digits only,
// which pool and queue names may not: such connections are created, read back
// and imported like any other.
func TestAccEnhancedConnection_looseNames(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool := acctest.Name("pool")
	digits := fmt.Sprintf("%012d", time.Now().UnixNano()%1_000_000_000_000)
	for _, name := range []string{"_" + acctest.Name("dwh"), digits} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             env.CheckConnectionsDestroyed(t),
				Steps: []resource.TestStep{
					{
						Config: env.Config(poolHCL(pool), connectionHCL(name, n, n.subnet, "")),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(resName, tfjsonpath.New("name"), knownvalue.StringExact(name)),
							statecheck.ExpectKnownValue(resName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
						},
					},
					{
						ResourceName:            resName,
						ImportState:             true,
						ImportStateVerify:       true,
						ImportStateVerifyIgnore: []string{"timeouts"},
					},
				},
			})
		})
	}
}
