package queue_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

// TestAccQueue_createWaitsForBusyPool: someone scales the pool out of band,
// then an apply adds a queue to it. DLI refuses to create a queue in a
// SCALING pool; the create is retried until the pool is AVAILABLE again and
// the apply converges, instead of failing on the first refusal.
func TestAccQueue_createWaitsForBusyPool(t *testing.T) {
	delays := acctest.FastDelays
	delays.PoolScale = 4 * time.Second
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_busy_pool"), acctest.Name("tfacc_busy_queue")
	poolHCL := func(maxCU int) string {
		return acctest.Pool{Name: pool, MaxCU: maxCU}.HCL()
	}
	queue := fmt.Sprintf(`
resource "dli_queue" "test" {
  name                       = %q
  elastic_resource_pool_name = dli_elastic_resource_pool.test.name
  cu_count                   = 16
}
`, name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{Config: env.Config(poolHCL(128))},
			{
				// The configuration follows the out-of-band change, so the
				// plan only adds the queue while the pool is still SCALING.
				PreConfig: func() { env.ScalePoolOutOfBand(t, pool, 64, 192) },
				Config:    env.Config(poolHCL(192), queue),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dli_elastic_resource_pool.test", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error { return env.RefusedThenAccepted("POST", "/queues", "DLI.0012") },
			},
		},
	})
}
