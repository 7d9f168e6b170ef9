package connection_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

const queueAddr = "dli_queue.test"

const bindQueue = "  queues = [dli_queue.test.name]"

// TestAccEnhancedConnection_renameBoundQueue: renaming a queue the connection
// binds replaces the queue (Terraform deletes the old one before it updates
// the connection) and converges in one apply: the old queue is unbound
// before its delete, and the connection's update binds the new one and
// ignores the vanished one.
func TestAccEnhancedConnection_renameBoundQueue(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, q1, q2, name := acctest.Name("pool"), acctest.Name("queue1"), acctest.Name("queue2"), acctest.Name("conn")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:            env.Config(poolHCL(pool), queueHCL(q1), connectionHCL(name, n, n.subnet, bindQueue)),
				ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", pool}, [2]string{"queue", q1})},
			},
			{
				Config: env.Config(poolHCL(pool), queueHCL(q2), connectionHCL(name, n, n.subnet, bindQueue)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(queueAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction(resName, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", pool}, [2]string{"queue", q2})},
			},
		},
	})
}

// TestAccEnhancedConnection_replaceBoundQueueKeepingName: a change that
// replaces a bound queue under the same name leaves the connection's
// configuration unchanged, so Terraform plans no update of it; the queue is
// unbound before its delete and the new queue binds itself back, so one
// apply converges.
func TestAccEnhancedConnection_replaceBoundQueueKeepingName(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool, queue, name := acctest.Name("pool"), acctest.Name("queue1"), acctest.Name("conn")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.Config(poolHCL(pool), describedQueueHCL(queue, "first"),
					connectionHCL(name, n, n.subnet, bindQueue)),
			},
			{
				Config: env.Config(poolHCL(pool), describedQueueHCL(queue, "second"),
					connectionHCL(name, n, n.subnet, bindQueue)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(queueAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction(resName, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{bindingsAre([2]string{"pool", pool}, [2]string{"queue", queue})},
			},
		},
	})
}
