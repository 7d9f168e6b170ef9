package pool_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
)

const addr = "dli_elastic_resource_pool.test"

var (
	uuidRe    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	rfc3339Re = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
)

// poolHCL is the package's shorthand for acctest.Pool labelled "test".
func poolHCL(name string, minCU, maxCU int, extra ...string) string {
	return acctest.Pool{Name: name, MinCU: minCU, MaxCU: maxCU, Extra: extra}.HCL()
}

func attr(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

func expect(name string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, attr(name), v)
}

// TestAccElasticResourcePool_basic follows the walkthrough's pool through
// create, import, in-place updates and a replacing change.
func TestAccElasticResourcePool_basic(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("elastic_pool_dli")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	newID := statecheck.CompareValue(compare.ValuesDiffer())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.Config(poolHCL(name, 64, 64,
					`cidr_in_vpc = "172.16.0.0/14"`, `description = "test"`, `tags = { owner = "acctest" }`)),
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("name", knownvalue.StringExact(name)),
					expect("id", knownvalue.StringRegexp(uuidRe)),
					expect("status", knownvalue.StringExact("AVAILABLE")),
					expect("min_cu", knownvalue.Int64Exact(64)),
					expect("max_cu", knownvalue.Int64Exact(64)),
					expect("cidr_in_vpc", knownvalue.StringExact("172.16.0.0/14")),
					expect("description", knownvalue.StringExact("test")),
					expect("enterprise_project_id", knownvalue.StringExact("0")),
					expect("tags", knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact("acctest")})),
					expect("label", knownvalue.MapExact(map[string]knownvalue.Check{})),
					expect("queues", knownvalue.ListSizeExact(0)),
					expect("current_cu", knownvalue.NotNull()),
					expect("actual_cu", knownvalue.NotNull()),
					expect("owner", knownvalue.NotNull()),
					expect("created_at", knownvalue.StringRegexp(rfc3339Re)),
					sameID.AddStateValue(addr, attr("id")),
					newID.AddStateValue(addr, attr("id")),
				},
			},
			{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: name,
				// Tags are read back through the tag API.
				ImportStateVerify: true,
			},
			{
				Config: env.Config(poolHCL(name, 80, 128,
					`cidr_in_vpc = "172.16.0.0/14"`, `description = "scaled"`, `tags = { owner = "acctest" }`)),
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("min_cu", knownvalue.Int64Exact(80)),
					expect("max_cu", knownvalue.Int64Exact(128)),
					expect("description", knownvalue.StringExact("scaled")),
					expect("status", knownvalue.StringExact("AVAILABLE")),
					sameID.AddStateValue(addr, attr("id")),
				},
			},
			{
				// Dropping the description empties it rather than leaving a diff.
				Config:           env.Config(poolHCL(name, 80, 128, `cidr_in_vpc = "172.16.0.0/14"`, `tags = { owner = "acctest" }`)),
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("description", knownvalue.StringExact("")),
					expect("max_cu", knownvalue.Int64Exact(128)),
					sameID.AddStateValue(addr, attr("id")),
				},
			},
			{
				Config:           env.Config(poolHCL(name, 80, 128, `cidr_in_vpc = "172.16.0.0/16"`, `tags = { owner = "acctest" }`)),
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("cidr_in_vpc", knownvalue.StringExact("172.16.0.0/16")),
					expect("status", knownvalue.StringExact("AVAILABLE")),
					newID.AddStateValue(addr, attr("id")),
				},
			},
		},
	})
}

// TestAccElasticResourcePool_defaults leaves every optional argument unset:
// DLI's defaults must not show up as a difference, before or after import.
func TestAccElasticResourcePool_defaults(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("acc_pool_defaults")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:           env.Config(poolHCL(name, 64, 64)),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("cidr_in_vpc", knownvalue.StringExact("172.16.0.0/12")),
					expect("description", knownvalue.StringExact("")),
					expect("enterprise_project_id", knownvalue.StringExact("0")),
					expect("tags", knownvalue.Null()),
				},
			},
			acctest.ImportStep(addr, name),
		},
	})
}

// TestAccElasticResourcePool_basicEdition creates a basic-edition pool, whose
// CU range is 16-64, reads its label back on import and scales it in place.
func TestAccElasticResourcePool_basicEdition(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("acc_pool_basic")
	label := `label = { spec = "basic" }`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:           env.Config(poolHCL(name, 16, 16, label)),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("label", knownvalue.MapExact(map[string]knownvalue.Check{"spec": knownvalue.StringExact("basic")})),
					expect("max_cu", knownvalue.Int64Exact(16)),
				},
			},
			acctest.ImportStep(addr, name),
			{
				Config:            env.Config(poolHCL(name, 16, 64, label)),
				ConfigPlanChecks:  acctest.Planned(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{expect("max_cu", knownvalue.Int64Exact(64))},
			},
		},
	})
}

// TestAccElasticResourcePool_mixedCaseName: DLI lower-cases names. The
// configured spelling is kept, and a change of case alone is no replacement.
func TestAccElasticResourcePool_mixedCaseName(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("Acc_Pool_Mixed")
	sameID := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:           env.Config(poolHCL(name, 64, 64)),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("name", knownvalue.StringExact(name)),
					sameID.AddStateValue(addr, attr("id")),
				},
			},
			acctest.ImportStep(addr, name),
			{
				// A change of case alone is no change at all: the same pool,
				// as an import (which records DLI's lower case) needs too.
				Config:           env.Config(poolHCL(strings.ToLower(name), 64, 64)),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("name", knownvalue.StringExact(name)),
					sameID.AddStateValue(addr, attr("id")),
				},
			},
		},
	})
}

// TestAccElasticResourcePool_disappears deletes the pool out of band: the next
// refresh drops it and the plan creates it again.
func TestAccElasticResourcePool_disappears(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_gone")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.Config(poolHCL(name, 64, 64)),
				Check: func(*terraform.State) error {
					env.Emulator.DeletePoolNow(name)
					return nil
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// TestAccElasticResourcePool_failed: a pool that DLI reports FAILED is an
// error carrying its fail_reason, and the tainted pool is still destroyed.
func TestAccElasticResourcePool_failed(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_failed")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Emulator.FailNext("pool", name) },
				Config:      env.Config(poolHCL(name, 64, 64)),
				ExpectError: regexp.MustCompile(acctest.Words("is FAILED:").String() + `[\s\S]*` + acctest.Words("insufficient resources").String()),
			},
			// The FAILED pool is tracked (tainted), so the next apply replaces it.
			{
				Config: env.Config(poolHCL(name, 64, 64)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dli_elastic_resource_pool.test", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dli_elastic_resource_pool.test", tfjsonpath.New("status"), knownvalue.StringExact("AVAILABLE")),
				},
			},
		},
	})
}

// TestAccElasticResourcePool_invalid: every rule is checked at plan time,
// before any request reaches DLI.
func TestAccElasticResourcePool_invalid(t *testing.T) {
	env := acctest.New(t)
	ok := acctest.Name("acc_pool_invalid")
	step := func(hcl string, want string) resource.TestStep {
		return resource.TestStep{Config: env.Config(hcl), ExpectError: acctest.Words(want), PlanOnly: true}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step(poolHCL("_leading_underscore", 64, 64), "must not start with an underscore"),
			step(poolHCL("12345", 64, 64), "must not consist of digits only"),
			step(poolHCL("bad-name", 64, 64), "only letters, digits and underscores"),
			step(poolHCL(strings.Repeat("a", 129), 64, 64), "length must be between 1 and 128"),
			step(poolHCL(ok, 128, 64), "min_cu (128) must not be greater than max_cu (64)"),
			step(poolHCL(ok, 64, 70), "use a positive multiple of 16"),
			step(poolHCL(ok, 48, 64), "min_cu is 48; a standard-edition pool takes 64 to 32000"),
			step(poolHCL(ok, 64, 32016), "max_cu is 32016; a standard-edition pool takes 64 to 32000"),
			step(poolHCL(ok, 16, 128, `label = { spec = "basic" }`), "max_cu is 128; a basic-edition pool takes 16 to 64"),
			step(poolHCL(ok, 64, 64, `cidr_in_vpc = "172.16.0.0/33"`), "is not in CIDR notation"),
			step(poolHCL(ok, 64, 64, `cidr_in_vpc = "172.16.0.1/12"`), "has host bits set; use the network address 172.16.0.0/12"),
			step(poolHCL(ok, 64, 64, `cidr_in_vpc = "fd00::/8"`), "is not an IPv4 network"),
		},
	})
}

// TestAccElasticResourcePool_queues: a pool lists the queues put into it, its
// reads use the name filter, and DLI's refusal to delete a pool that still
// holds queues reaches the user with the blocking queue's name.
func TestAccElasticResourcePool_queues(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_queues")
	queue := acctest.Name("acc_pool_queue")
	// A pool that still holds queues is not deleted: the provider stops at
	// once, naming them (a short timeout keeps a regression from hanging).
	config := env.Config(poolHCL(name, 64, 64, `timeouts { delete = "30s" }`))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					// Put a queue into the pool behind Terraform's back.
					return env.Client(t).CreateQueue(context.Background(), client.CreateQueueInput{
						Name: queue, Type: "sql", CUCount: 16, PoolName: name,
					})
				},
			},
			{
				PreConfig:        env.Emulator.ResetRequests,
				Config:           config,
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("queues", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(queue)})),
				},
				Check: func(*terraform.State) error { return onlyFilteredPoolReads(env, name) },
			},
			{
				Config:  config,
				Destroy: true,
				ExpectError: regexp.MustCompile(`(?s)Error Deleting DLI Elastic Resource Pool.*still\s+holds\s+the\s+queues\s+` + queue +
					`.*Nothing\s+was\s+deleted.*replace_triggered_by`),
			},
			{
				PreConfig:         func() { env.Emulator.DeleteQueueNow(queue) },
				Config:            config,
				ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{expect("queues", knownvalue.ListSizeExact(0))},
			},
		},
	})
}

// onlyFilteredPoolReads asserts that the pool was read, and only through the
// list filtered by its name: never by scanning every pool.
func onlyFilteredPoolReads(env *acctest.Env, name string) error {
	reads := 0
	for _, r := range env.Emulator.Requests() {
		if r.Method != "GET" || !strings.HasSuffix(r.Path, "/elastic-resource-pools") {
			continue
		}
		reads++
		if !strings.Contains(r.Query, "name="+name) {
			return fmt.Errorf("pool list read without the name filter: %s?%s", r.Path, r.Query)
		}
	}
	if reads == 0 {
		return fmt.Errorf("no pool reads recorded")
	}
	return nil
}

// TestAccElasticResourcePool_createTimeout: a pool that is still CREATING when
// the create timeout ends is already in the state, tainted, so the next apply
// replaces it instead of tripping over an untracked pool of the same name.
func TestAccElasticResourcePool_createTimeout(t *testing.T) {
	slow := acctest.FastDelays
	slow.PoolCreate = 10 * time.Minute
	env := acctest.NewWithDelays(t, slow)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_slow")
	config := env.Config(poolHCL(name, 64, 64, `timeouts { create = "2s" }`))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Error Creating DLI Elastic Resource Pool.*timed out.*CREATING`),
			},
			{
				PreConfig:        func() { env.Emulator.SetDelays(acctest.FastDelays) },
				Config:           config,
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact("AVAILABLE")),
				},
			},
		},
	})
}

// TestAccElasticResourcePool_tags: an import reads the pool's tags; a tag
// change is an in-place update through the tag API, and a change made
// outside Terraform shows in the next plan.
func TestAccElasticResourcePool_tags(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("acc_pool_tags")
	// The import step below does not get the testing framework's provider
	// source added for it, so name the source the framework serves.
	source := acctest.RequiredProviders()
	tagged := func(v string) string {
		return env.Config(source, poolHCL(name, 64, 64, fmt.Sprintf(`tags = { owner = %q }`, v)))
	}
	owner := func(v string) []statecheck.StateCheck {
		return []statecheck.StateCheck{expect("tags", knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact(v)}))}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				// Initialises the working directory: an import cannot be the first step.
				Config: env.Config(source),
			},
			{
				// Import, into an empty state, a pool created outside Terraform.
				PreConfig: func() {
					env.CreatePoolOutOfBand(t, client.CreatePoolInput{Name: name, MaxCU: 64, MinCU: 64, Tags: []client.Tag{{Key: "owner", Value: "acctest"}}}, client.PoolStatusAvailable)
				},
				Config:             tagged("acctest"),
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      name,
				ImportStatePersist: true,
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					if len(s) != 1 || s[0].Attributes["tags.owner"] != "acctest" || s[0].Attributes["max_cu"] != "64" {
						return fmt.Errorf("imported state = %v, want one pool, max_cu 64, tags owner=acctest", s)
					}
					return nil
				},
			},
			{Config: tagged("acctest"), PlanOnly: true},
			{
				Config:            tagged("changed"),
				ConfigPlanChecks:  acctest.Planned(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: owner("changed"),
			},
			{
				// Tags changed outside Terraform show in the plan.
				PreConfig: func() {
					c := env.Client(t)
					p, err := c.GetPool(context.Background(), name)
					if err != nil {
						t.Fatal(err)
					}
					if err := c.AddTags(context.Background(), client.TagPool, p.ResourceID, []client.Tag{{Key: "extra", Value: "x"}}); err != nil {
						t.Fatal(err)
					}
				},
				Config:            tagged("changed"),
				ConfigPlanChecks:  acctest.Planned(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: owner("changed"),
			},
		},
	})
}
