package queue_test

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// policy is one scaling_policies element in HCL.
func policy(priority int, start, stop string, minCU, maxCU int, extra string) string {
	return fmt.Sprintf(`    {
      priority          = %d
      impact_start_time = %q
      impact_stop_time  = %q
      min_cu            = %d
      max_cu            = %d
      %s
    },
`, priority, start, stop, minCU, maxCU, extra)
}

func policiesHCL(ps ...string) string {
	return "  scaling_policies = [\n" + strings.Join(ps, "") + "  ]\n"
}

// checkAPI asserts what DLI holds for the queue: its scaling policies (by
// priority) and its properties.
func checkAPI(t *testing.T, env *acctest.Env, pool, name string, wantPolicies []client.ScalingPolicy,
	wantProps map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c := env.Client(t)
		pq, err := c.FindPoolQueue(context.Background(), pool, name)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(pq.ScalingPolicies, wantPolicies) {
			return fmt.Errorf("DLI has scaling policies %+v, want %+v", pq.ScalingPolicies, wantPolicies)
		}
		props, err := c.GetQueueProperties(context.Background(), name)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(props, wantProps) {
			return fmt.Errorf("DLI has queue properties %v, want %v", props, wantProps)
		}
		return nil
	}
}

// TestAccQueue_scalingPoliciesAndSparkDriver creates a queue with scaling policies and Spark driver
// settings, imports it, changes both in place, and removes both.
func TestAccQueue_scalingPoliciesAndSparkDriver(t *testing.T) {
	env := acctest.New(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	cfg := func(extra string) string { return env.Config(poolConfig(pool), queueConfig(name, 16, extra)) }
	create := cfg(policiesHCL(
		policy(1, "00:00", "24:00", 16, 16, ""),
		policy(2, "08:00", "24:00", 16, 64, "inherit_elastic_resource_pool_max_cu = true"),
	) + `
  spark_driver = {
    max_instance          = 2
    max_concurrent        = 4
    max_prefetch_instance = 1
  }
`)
	update := cfg(policiesHCL(
		policy(3, "00:00", "06:00", 0, 16, "inherit_elastic_resource_pool_max_cu = false"),
		policy(1, "00:00", "24:00", 8, 16, ""),
		policy(2, "18:00", "24:00", 16, 32, ""),
	) + `
  spark_driver = {
    max_instance   = 3
    max_concurrent = 4
  }
`)
	inPlace := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: create,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaling_policies"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"priority": knownvalue.Int64Exact(1), "impact_start_time": knownvalue.StringExact("00:00"),
							"impact_stop_time": knownvalue.StringExact("24:00"), "min_cu": knownvalue.Int64Exact(16),
							"max_cu": knownvalue.Int64Exact(16), "inherit_elastic_resource_pool_max_cu": knownvalue.Bool(false),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"priority": knownvalue.Int64Exact(2), "impact_start_time": knownvalue.StringExact("08:00"),
							"impact_stop_time": knownvalue.StringExact("24:00"), "min_cu": knownvalue.Int64Exact(16),
							"max_cu": knownvalue.Int64Exact(64), "inherit_elastic_resource_pool_max_cu": knownvalue.Bool(true),
						}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("spark_driver"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"max_instance": knownvalue.Int64Exact(2), "max_concurrent": knownvalue.Int64Exact(4),
						"max_prefetch_instance": knownvalue.Int64Exact(1),
					})),
				},
				Check: checkAPI(t, env, pool, name, []client.ScalingPolicy{
					{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: 16},
					{Priority: 2, ImpactStartTime: "08:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: 64, InheritPoolMaxCU: true},
				}, map[string]string{
					"computeEngine.maxInstance": "2", "job.maxConcurrent": "4", "computeEngine.maxPrefetchInstance": "1",
				}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// An import reads both back; an unset inherit flag comes back
				// as false, which the configuration treats as the same.
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"scaling_policies"}, importIgnore...),
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					a := states[0].Attributes
					if a["scaling_policies.#"] != "2" || a["spark_driver.max_instance"] != "2" ||
						a["spark_driver.max_prefetch_instance"] != "1" {
						return fmt.Errorf("imported attributes: %v", a)
					}
					return nil
				},
			},
			{
				// The configuration after the import plans no change: the
				// unset inherit flag matches the imported false.
				Config: create,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config:           update,
				ConfigPlanChecks: inPlace,
				Check: checkAPI(t, env, pool, name, []client.ScalingPolicy{
					{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 8, MaxCU: 16},
					{Priority: 2, ImpactStartTime: "18:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: 32},
					{Priority: 3, ImpactStartTime: "00:00", ImpactStopTime: "06:00", MinCU: 0, MaxCU: 16},
				}, map[string]string{"computeEngine.maxInstance": "3", "job.maxConcurrent": "4"}),
			},
			{
				// Removing both: DLI's default policy again, properties deleted.
				Config:           cfg(""),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("scaling_policies"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("spark_driver"), knownvalue.Null()),
				},
				Check: checkAPI(t, env, pool, name, []client.ScalingPolicy{
					{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: 16},
				}, map[string]string{}),
			},
			{
				// A queue on the default policy imports with no scaling_policies.
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: importIgnore,
			},
		},
	})
}

// TestAccQueue_refreshWithoutPoliciesIsOneRequest checks that a queue without
// scaling policies or Spark driver settings never reads the pool's queue list
// or the queue properties when refreshed.
func TestAccQueue_refreshWithoutPoliciesIsOneRequest(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	config := env.Config(poolConfig(pool), queueConfig(name, 16, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{Config: config},
			env.RefreshStep(config, env.ExpectRequests("", `/elastic-resource-pools/[^/]+/queues|/properties$`, 0)),
		},
	})
}

// TestAccQueue_propertiesUnavailable covers a region without the properties
// API (gateway APIGW.0101): refreshing keeps spark_driver, and a change of
// another attribute plans and applies.
func TestAccQueue_propertiesUnavailable(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	cfg := func(cu int) string {
		return env.Config(poolConfig(pool), queueConfig(name, cu, "  spark_driver = { max_concurrent = 8 }"))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{Config: cfg(16)},
			{
				PreConfig: func() {
					env.Emulator.AddFault(emulator.Fault{Method: "GET", PathRegexp: "/queues/[^/]+/properties$",
						Status: 404, Code: "APIGW.0101", Message: "The API does not exist or has not been published in the environment"})
				},
				Config: cfg(32),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("spark_driver").AtMapKey("max_concurrent"), knownvalue.Int64Exact(8)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(32)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("spark_driver").AtMapKey("max_concurrent"), knownvalue.Int64Exact(8)),
				},
				Check: func(*terraform.State) error {
					for _, r := range env.Emulator.Requests() {
						if r.Method == "GET" && strings.HasSuffix(r.Path, "/queues/"+name+"/properties") && r.ErrorCode == "APIGW.0101" {
							return nil
						}
					}
					return fmt.Errorf("the properties API was never asked (and refused)")
				},
			},
			{
				PreConfig: func() { env.Emulator.ClearFaults() },
				Config:    cfg(32),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccQueue_importPropertiesRefused covers an import where the queue's
// properties cannot be read (here: no permission): the import still succeeds,
// without spark_driver, while a properties answer that the queue is gone still
// fails it.
func TestAccQueue_importPropertiesRefused(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	config := env.Config(poolConfig(pool), queueConfig(name, 16, "  spark_driver = { max_concurrent = 8 }"))
	refuse := func(status int, code, message string) func() {
		return func() {
			env.Emulator.ClearFaults()
			env.Emulator.AddFault(emulator.Fault{Method: "GET", PathRegexp: "/queues/[^/]+/properties$",
				Status: status, Code: code, Message: message})
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:     refuse(403, "DLI.0013", "No permission to read the queue properties"),
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: name,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d objects, want 1", len(states))
					}
					a := states[0].Attributes
					if a["name"] != name || a["cu_count"] != "16" {
						return fmt.Errorf("imported name %q, cu_count %q; want %q, 16", a["name"], a["cu_count"], name)
					}
					for k := range a {
						if strings.HasPrefix(k, "spark_driver.") {
							return fmt.Errorf("imported %s = %q, want spark_driver unset", k, a[k])
						}
					}
					return nil
				},
			},
			{
				PreConfig:     refuse(404, "DLI.0002", "The queue does not exist"),
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: name,
				ExpectError:   regexp.MustCompile(`read properties of queue .*DLI\.0002`),
			},
			{
				PreConfig: env.Emulator.ClearFaults,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccQueue_scalingPoliciesAndSparkDriverInvalid(t *testing.T) {
	env := acctest.New(t)
	inPool := func(extra string) string {
		return env.Config(poolConfig("tfacc_invalid_pool"), queueConfig("tfacc_invalid", 16, extra))
	}
	step := func(config, want string) resource.TestStep {
		return resource.TestStep{Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	day := policy(1, "00:00", "24:00", 16, 16, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step(inPool(policiesHCL(policy(1, "00:00", "08:00", 16, 32, ""), policy(2, "08:00", "24:00", 16, 32, ""))),
				`no\s+policy\s+runs\s+from\s+00:00\s+to\s+24:00`),
			step(inPool(policiesHCL(policy(1, "00:00", "24:00", 16, 16, ""), policy(2, "00:00", "24:00", 16, 16, ""))),
				`priorities\s+1,\s+2\s+all\s+run\s+from\s+00:00\s+to\s+24:00`),
			step(inPool(policiesHCL(day, policy(2, "8:00", "10:00", 16, 32, ""))),
				`must\s+be\s+a\s+whole\s+hour\s+from\s+00:00\s+to\s+23:00`),
			step(inPool(policiesHCL(day, policy(2, "08:00", "10:30", 16, 32, ""))),
				`must\s+be\s+a\s+whole\s+hour\s+from\s+00:00\s+to\s+24:00`),
			step(inPool(policiesHCL(policy(1, "00:00", "24:00", 32, 16, ""))), `min_cu\s+32\s+greater\s+than\s+max_cu\s+16`),
			step(inPool(policiesHCL(day, policy(2, "22:00", "04:00", 16, 32, ""), policy(3, "03:00", "05:00", 16, 32, ""))),
				`priorities\s+3\s+\(03:00-05:00\)\s+and\s+2\s+\(22:00-04:00\)\s+overlap`),
			step(inPool(policiesHCL(day, policy(2, "12:00", "12:00", 16, 32, ""))), `its\s+window\s+is\s+empty`),
			step(inPool(policiesHCL(policy(1, "00:00", "24:00", 16, 30, ""))), `multiple\s+of\s+4`),
			step(inPool(policiesHCL(policy(101, "00:00", "24:00", 16, 32, ""))), `between\s+1\s+and\s+100`),
			step(env.Config(`
resource "dli_queue" "test" {
  name     = "tfacc_invalid"
  cu_count = 16
`+policiesHCL(day)+`}
`), `Scaling\s+Policies\s+Need\s+An\s+Elastic\s+Resource\s+Pool`),
			step(inPool("  spark_driver = {}"), `Empty\s+Spark\s+Driver\s+Settings`),
			step(inPool("  spark_driver = { max_concurrent = 33 }"), `between\s+1\s+and\s+32`),
			step(inPool("  spark_driver = {\n    max_instance = 2\n    max_prefetch_instance = 3\n  }"),
				`max_prefetch_instance\s+\(3\)\s+cannot\s+exceed\s+max_instance\s+\(2\)`),
			// Queue properties exist only on Spark SQL queues in a pool
			// (UG "Setting Queue Properties").
			step(env.Config(`
resource "dli_queue" "test" {
  name         = "tfacc_invalid"
  cu_count     = 16
  spark_driver = { max_concurrent = 4 }
}
`), `not\s+in\s+an\s+elastic\s+resource\s+pool`),
			step(inPool("  queue_type = \"general\"\n  spark_driver = { max_concurrent = 4 }"), `queue_type\s+is\s+"general"`),
			step(inPool("  engine = \"hetuEngine\"\n  spark_driver = { max_concurrent = 4 }"), `engine\s+is\s+"hetuEngine"`),
		},
	})
}
