package queue_test

import (
	"errors"
	"fmt"
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
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

const addr = "dli_queue.test"

// importIgnore lists what an import cannot recover: timeouts exist only in
// configuration.
var importIgnore = []string{"timeouts"}

// poolConfig is a standard pool with room for 64 CUs of queues.
func poolConfig(pool string) string { return acctest.Pool{Name: pool}.HCL() }

// queueConfig is a queue in the test pool; extra is added inside the block.
func queueConfig(name string, cu int, extra string) string {
	return acctest.Queue{Name: name, Pool: "test", CU: cu, Extra: []string{extra}}.HCL()
}

func TestAccQueue_basic(t *testing.T) {
	env := acctest.New(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	cfg := func(cu int, description string) string {
		return env.Config(poolConfig(pool), queueConfig(name, cu, fmt.Sprintf("  description = %q", description)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: cfg(16, "test"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("elastic_resource_pool_name"), knownvalue.StringExact(pool)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("queue_type"), knownvalue.StringExact("sql")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(16)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact("test")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("platform"), knownvalue.StringExact("x86_64")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("feature"), knownvalue.StringExact("basic")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("engine"), knownvalue.StringExact("spark")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("labels"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("queue_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_spec"), knownvalue.Int64Exact(16)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			acctest.ImportStep(addr, name, importIgnore...),
			{
				// Scale out in place.
				Config: cfg(48, "test"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(48)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_spec"), knownvalue.Int64Exact(48)),
				},
			},
			{
				// Scale in in place.
				Config: cfg(32, "test"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(32)),
				},
			},
			{
				// DLI cannot change a description: the queue is replaced.
				Config: cfg(32, "changed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact("changed")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(32)),
				},
			},
			{
				// Removing the pool from the configuration asks for a
				// standalone queue: the queue is replaced, not kept in the pool.
				Config: env.Config(poolConfig(pool), fmt.Sprintf(`
resource "dli_queue" "test" {
  name        = %q
  cu_count    = 16
  description = "changed"
}
`, name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("elastic_resource_pool_name"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(16)),
				},
			},
		},
	})
}

// TestAccQueue_generalMixedCase creates a general queue whose configured name
// has upper case: DLI lowers it, which must cause no diff, and the import must
// find the queue although the queue list defaults to SQL queues.
func TestAccQueue_generalMixedCase(t *testing.T) {
	env := acctest.New(t)
	pool, name := acctest.Name("tfacc_pool"), "TfAcc_General_"+strings.ToUpper(acctest.Name("q")[2:])
	config := env.Config(poolConfig(pool), queueConfig(name, 16, `
  queue_type    = "general"
  platform      = "x86_64"
  resource_mode = 1
  labels        = ["multi_az=2"]
  tags          = { owner = "tfacc" }
`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("queue_type"), knownvalue.StringExact("general")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("engine"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("resource_mode"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("labels"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("multi_az=2")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"),
						knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact("tfacc")})),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			acctest.ImportStep(addr, name, importIgnore...),
			{
				// The same name in lower case is the same queue: no change at all.
				Config: strings.Replace(config, fmt.Sprintf("%q", name), fmt.Sprintf("%q", strings.ToLower(name)), 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccQueue_refreshIsOneRequest checks the performance rule: refreshing a
// queue reads GET one queue only, never the queue list, for SQL queues and for
// general queues (which have no engine to look up).
func TestAccQueue_refreshIsOneRequest(t *testing.T) {
	for _, queueType := range []string{"sql", "general"} {
		t.Run(queueType, func(t *testing.T) {
			env := acctest.New(t)
			env.RequireEmulator(t)
			pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
			config := env.Config(poolConfig(pool), queueConfig(name, 16, fmt.Sprintf("  queue_type = %q", queueType)))
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             env.CheckQueuesDestroyed(t, name),
				Steps: []resource.TestStep{
					{Config: config},
					env.RefreshStep(config,
						env.CheckRequests("refresh reads only the queue", func(recs []emulator.RequestRecord) error {
							var gets int
							for _, r := range recs {
								if !strings.Contains(r.Path, "/queues") || strings.Contains(r.Path, "elastic-resource-pools") {
									continue
								}
								if r.Method != "GET" || !strings.HasSuffix(r.Path, "/queues/"+name) {
									return fmt.Errorf("refresh sent %s %s?%s; want only GET one queue", r.Method, r.Path, r.Query)
								}
								gets++
							}
							if gets == 0 {
								return errors.New("refresh sent no GET for the queue")
							}
							return nil
						})),
				},
			})
		})
	}
}

func TestAccQueue_disappears(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: env.Config(poolConfig(pool), queueConfig(name, 16, "")),
				Check: func(*terraform.State) error {
					env.Emulator.DeleteQueueNow(name)
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					},
				},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// TestAccQueue_createTimeoutTaints interrupts the wait after creation: the
// queue must be tracked (tainted, so the next plan replaces it), never lost.
func TestAccQueue_createTimeoutTaints(t *testing.T) {
	delays := acctest.FastDelays
	delays.QueueCreate = 4 * time.Second
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	cfg := func(create string) string {
		return env.Config(poolConfig(pool), queueConfig(name, 16, fmt.Sprintf("  timeouts { create = %q }", create)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config:      cfg("1s"),
				ExpectError: regexp.MustCompile(`(?s)Error Creating DLI Queue.*to reach 16 CUs timed out`),
			},
			{
				Config: cfg("1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(16)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("platform"), knownvalue.StringExact("x86_64")),
				},
			},
		},
	})
}

// TestAccQueue_refusals covers DLI refusing a scale and a deletion: the scale
// leaves the state at the old size (so the next plan retries), and the refused
// deletion's error names the blocker and says what to do.
func TestAccQueue_refusals(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue")
	cfg := func(cu int) string { return env.Config(poolConfig(pool), queueConfig(name, cu, "")) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{Config: cfg(16)},
			{
				PreConfig: func() {
					env.Emulator.AddFault(emulator.Fault{Method: "PUT", PathRegexp: "/elastic-resource-pools/[^/]+/queues/[^/]+$", Status: 400,
						Code: "DLI.0009", Message: "Queue is restarting", Count: 1})
				},
				Config:      cfg(32),
				ExpectError: regexp.MustCompile(`(?s)Error Scaling DLI Queue.*DLI.0009 Queue is restarting`),
			},
			{
				Config: cfg(16),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cu_count"), knownvalue.Int64Exact(16)),
				},
			},
			{
				PreConfig: func() {
					env.Emulator.AddFault(emulator.Fault{Method: "DELETE", PathRegexp: "/v1.0/[^/]+/queues/[^/]+$", Status: 400,
						Code: "DLI.0009", Message: "Queue " + name + " is bound to enhanced connection test1; unbind it first", Count: 1})
				},
				Config:      cfg(16),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)Error Deleting DLI Queue.*enhanced connection test1.*if a connection was\s+bound to it meanwhile`),
			},
		},
	})
}

func TestAccQueue_invalid(t *testing.T) {
	env := acctest.New(t)
	standalone := func(extra string) string {
		return env.Config(fmt.Sprintf(`
resource "dli_queue" "test" {
  name     = "tfacc_invalid"
%s
}
`, extra))
	}
	inPool := func(extra string) string {
		return env.Config(poolConfig("tfacc_invalid_pool"), queueConfig("tfacc_invalid", 16, extra))
	}
	step := func(config, want string) resource.TestStep {
		return resource.TestStep{Config: config, PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step(env.Config(poolConfig("p_ok"), queueConfig("_bad", 16, "")), `must not start with an underscore`),
			step(env.Config(poolConfig("p_ok"), queueConfig("12345", 16, "")), `must not consist of digits only`),
			step(env.Config(poolConfig("p_ok"), queueConfig("bad-name", 16, "")), `letters, digits and underscores`),
			step(env.Config(poolConfig("p_ok"), queueConfig("Default", 16, "")), `"Default"(\n.*)*reserved by DLI for its\s+system queue`),
			step(env.Config(`
resource "dli_queue" "test" {
  name     = "DEFAULT"
  cu_count = 16
}
`), `"DEFAULT"(\n.*)*reserved by DLI for its\s+system queue`),
			step(env.Config(poolConfig("p_ok"), queueConfig("tfacc_q", 20, "")), `multiple of 16`),
			step(env.Config(poolConfig("p_ok"), queueConfig("tfacc_q", 0, "")), `between 16 and 32000`),
			step(standalone("  cu_count = 32"), `16, 64 or 256`),
			step(inPool(`  queue_type = "spark"`), `queue_type.*(\n.*)*value must be one of`),
			step(inPool(`  platform = "arm"`), `platform.*(\n.*)*value must be one of`),
			step(inPool(`  feature = "pro"`), `feature.*(\n.*)*value must be one of`),
			step(inPool(`  engine = "flink"`), `engine.*(\n.*)*value must be one of`),
			step(inPool(`  resource_mode = 2`), `resource_mode.*(\n.*)*value must be one of`),
			step(inPool("  queue_type = \"general\"\n  engine = \"hetuEngine\""), `Engine Not Allowed For A General Queue`),
			step(inPool("  queue_type = \"general\"\n  feature = \"ai\""), `AI Feature Needs A SQL Queue`),
			step(inPool("  feature = \"ai\"\n  platform = \"aarch64\""), `AI Feature Needs x86_64`),
		},
	})
}
