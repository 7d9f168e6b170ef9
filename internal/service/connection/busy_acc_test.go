package connection_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

// TestAccEnhancedConnection_bindWaitsForBusyPool: someone scales the pool out
// of band, then an apply binds it to an existing connection and creates a
// second connection bound to it. DLI refuses to bind a SCALING pool; both
// calls are retried until the pool is AVAILABLE again and the apply
// converges, instead of failing on the first refusal.
func TestAccEnhancedConnection_bindWaitsForBusyPool(t *testing.T) {
	delays := acctest.FastDelays
	delays.PoolScale = 4 * time.Second
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	n := destination(t, env)
	pool, name, second := acctest.Name("busy_pool"), acctest.Name("busy_conn"), acctest.Name("busy_conn2")
	poolHCL := func(maxCU int) string {
		return acctest.Pool{Name: pool, MaxCU: maxCU}.HCL()
	}
	conn := func(label, name, pools string) string {
		return fmt.Sprintf(`
resource "dli_enhanced_connection" %q {
  name      = %q
  vpc_id    = %q
  subnet_id = %q
%s
}
`, label, name, n.vpc, n.subnet, pools)
	}
	const bound = "  elastic_resource_pools = [dli_elastic_resource_pool.test.name]"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: env.Config(poolHCL(128), conn("test", name, ""))},
			{
				// The configuration follows the out-of-band change, so the
				// plan only binds while the pool is still SCALING.
				PreConfig: func() { env.ScalePoolOutOfBand(t, pool, 64, 192) },
				Config:    env.Config(poolHCL(192), conn("test", name, bound), conn("second", second, bound)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dli_elastic_resource_pool.test", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction(resName, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", pool})},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						return env.RefusedThenAccepted("POST", "/associate-queue", "DLI.0012")
					},
					func(*terraform.State) error {
						return env.RefusedThenAccepted("POST", "/enhanced-connections", "DLI.0012")
					},
				),
			},
		},
	})
}
