package queue_test

import (
	"context"
	"fmt"
	"reflect"
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

// checkPolicies asserts the scaling policies DLI holds for the queue.
func checkPolicies(t *testing.T, env *acctest.Env, pool, name string, want []client.ScalingPolicy) resource.TestCheckFunc {
	return func(*terraform.State) error {
		pq, err := env.Client(t).FindPoolQueue(context.Background(), pool, name)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(pq.ScalingPolicies, want) {
			return fmt.Errorf("DLI has scaling policies %+v, want %+v", pq.ScalingPolicies, want)
		}
		return nil
	}
}

// noQueueAction asserts that no request used the queue action API: DLI
// cannot scale a queue in a pool with it.
func noQueueAction(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range env.Emulator.Requests() {
			if strings.HasSuffix(r.Path, "/action") {
				return fmt.Errorf("the queue action API was called: %s %s", r.Method, r.Path)
			}
		}
		return nil
	}
}

// TestAccQueue_pooledResize changes the cu_count of a queue in a pool: it is
// resized in place through its default scaling policy (never the queue
// action API, which DLI refuses for pooled queues), keeps a window DLI holds
// that the configuration does not manage, and converges.
func TestAccQueue_pooledResize(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	cfg := func(cu int) string { return env.Config(poolConfig(pool), queueConfig(name, cu, "")) }
	window := client.ScalingPolicy{Priority: 5, ImpactStartTime: "22:00", ImpactStopTime: "02:00", MinCU: 8, MaxCU: 16}
	inPlace := func(cu int64) resource.TestStep {
		return resource.TestStep{
			Config: cfg(int(cu)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(cu)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaling_policies"), knownvalue.Null()),
			},
			Check: resource.ComposeTestCheckFunc(noQueueAction(env), checkPolicies(t, env, pool, name, []client.ScalingPolicy{
				{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: cu, MaxCU: cu}, window,
			})),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: cfg(16),
				ConfigStateChecks: []statecheck.StateCheck{
					// Unset on a pooled queue: created dedicated, read back without a diff.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("resource_mode"), knownvalue.Int64Exact(1)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				// A window set outside Terraform, on top of DLI's default policy.
				Check: func(*terraform.State) error {
					return env.Client(t).UpdateQueueScalingPolicies(context.Background(), pool, name, []client.ScalingPolicy{
						{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: 16}, window,
					})
				},
			},
			inPlace(48),
			inPlace(32),
		},
	})
}

// TestAccQueue_policiesAndCUCount applies a default policy plus two windows
// that do not overlap, one crossing midnight, then resizes the queue by
// changing cu_count with the default policy's max_cu; both converge.
func TestAccQueue_policiesAndCUCount(t *testing.T) {
	env := acctest.New(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	cfg := func(cu int) string {
		return env.Config(poolConfig(pool), queueConfig(name, cu, policiesHCL(
			policy(1, "00:00", "24:00", 16, cu, ""),
			policy(50, "22:00", "06:00", 8, 16, ""),
			policy(100, "09:00", "18:00", 16, 32, ""),
		)))
	}
	want := func(cu int64) []client.ScalingPolicy {
		return []client.ScalingPolicy{
			{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: cu},
			{Priority: 50, ImpactStartTime: "22:00", ImpactStopTime: "06:00", MinCU: 8, MaxCU: 16},
			{Priority: 100, ImpactStartTime: "09:00", ImpactStopTime: "18:00", MinCU: 16, MaxCU: 32},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: cfg(16),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(16)),
				},
				Check: checkPolicies(t, env, pool, name, want(16)),
			},
			{
				// cu_count and the default policy's max_cu disagree.
				Config: env.Config(poolConfig(pool), queueConfig(name, 48, policiesHCL(
					policy(1, "00:00", "24:00", 16, 32, "")))),
				PlanOnly:    true,
				ExpectError: acctest.Words("cu_count is 48 but the default scaling policy (00:00-24:00, priority 1) has max_cu 32"),
			},
			{
				Config: cfg(32),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(32)),
				},
				Check: checkPolicies(t, env, pool, name, want(32)),
			},
		},
	})
}

// TestAccQueue_standaloneScaleRefused checks that the plan refuses what DLI
// cannot do to a queue outside a pool (user guide, "Elastic Scaling of
// Queues"): scale one of 16 CUs, or scale one of 64 CUs in; scaling one of
// 64 CUs out is applied.
func TestAccQueue_standaloneScaleRefused(t *testing.T) {
	env := acctest.New(t)
	small, mid := acctest.Name("tfacc_small"), acctest.Name("tfacc_mid")
	cfg := func(smallCU, midCU int) string {
		return env.Config(fmt.Sprintf(`
resource "dli_queue" "small" {
  name     = %q
  cu_count = %d
}

resource "dli_queue" "mid" {
  name     = %q
  cu_count = %d
}
`, small, smallCU, mid, midCU))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(env.CheckQueuesDestroyed(t, small), env.CheckQueuesDestroyed(t, mid)),
		Steps: []resource.TestStep{
			{Config: cfg(16, 64)},
			{Config: cfg(64, 64), PlanOnly: true, ExpectError: acctest.Words("cu_count cannot change from 16 to 64")},
			{Config: cfg(16, 16), PlanOnly: true, ExpectError: acctest.Words("has 64 CUs, which DLI cannot scale in")},
			{
				Config: cfg(16, 256),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("dli_queue.mid", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dli_queue.mid", tfjsonpath.New("cu_count"), knownvalue.Int64Exact(256)),
				},
			},
			{
				// A replaced queue is not scaled: a new size is fine.
				Config: env.Config(fmt.Sprintf(`
resource "dli_queue" "small" {
  name        = %q
  cu_count    = 64
  description = "replaced"
}

resource "dli_queue" "mid" {
  name     = %q
  cu_count = 256
}
`, small, mid)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dli_queue.small", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
			},
		},
	})
}

// TestAccQueue_followUpsWhileAssigning creates queues while DLI refuses work
// on them as "assigning" for a few seconds: the scaling policies, the Spark
// driver settings and the binding to a connection are retried until DLI
// accepts them, and the apply converges.
func TestAccQueue_followUpsWhileAssigning(t *testing.T) {
	delays := acctest.FastDelays
	delays.QueueAssigning = 2500 * time.Millisecond
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	pool, name, bound := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue"), acctest.Name("tfacc_bound")
	connName := acctest.Name("tfacc_conn")
	conn := func(queues string) string {
		return fmt.Sprintf(`
resource "dli_enhanced_connection" "test" {
  name                   = %q
  vpc_id                 = "22094d8f-c310-4621-913d-4c4d655d8495"
  subnet_id              = "0d8d6ac5-5c7c-4fa4-b7dd-3d0b1ee68c3a"
  elastic_resource_pools = [dli_elastic_resource_pool.test.name]
%s
}
`, connName, queues)
	}
	queues := queueConfig(name, 16, policiesHCL(
		policy(1, "00:00", "24:00", 16, 16, ""),
		policy(2, "22:00", "02:00", 8, 16, ""),
	)+`
  spark_driver = {
    max_instance   = 2
    max_concurrent = 4
  }
`) + fmt.Sprintf(`
resource "dli_queue" "bound" {
  name                       = %q
  elastic_resource_pool_name = dli_elastic_resource_pool.test.name
  cu_count                   = 16
}
`, bound)
	refused := func(method, pathSuffix string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for _, r := range env.Emulator.Requests() {
				if r.Method == method && strings.HasSuffix(r.Path, pathSuffix) && r.ErrorCode == "DLI.0012" {
					return nil
				}
			}
			var seen []string
			for _, r := range env.Emulator.Requests() {
				seen = append(seen, fmt.Sprintf("%s %s %d %s %s", r.Method, r.Path, r.Status, r.ErrorCode, r.Time.Format("05.000")))
			}
			return fmt.Errorf("no %s ...%s was refused as assigning: the test did not exercise the retry\n%s", method, pathSuffix, strings.Join(seen, "\n"))
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{Config: env.Config(poolConfig(pool), conn(""))},
			{
				Config: env.Config(poolConfig(pool), conn("  queues = [dli_queue.bound.name]"), queues),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("spark_driver").AtMapKey("max_instance"), knownvalue.Int64Exact(2)),
				},
				Check: resource.ComposeTestCheckFunc(
					refused("PUT", "/queues/"+name),
					refused("POST", "/associate-queue"),
					checkPolicies(t, env, pool, name, []client.ScalingPolicy{
						{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: 16},
						{Priority: 2, ImpactStartTime: "22:00", ImpactStopTime: "02:00", MinCU: 8, MaxCU: 16},
					}),
				),
			},
		},
	})
}
