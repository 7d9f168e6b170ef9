package pool_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// poolDeletes counts the pool's DELETE requests the emulator refused and
// accepted.
func poolDeletes(env *acctest.Env, name string) (refused, accepted int) {
	for _, r := range env.Emulator.Requests() {
		if r.Method != "DELETE" || !strings.HasSuffix(r.Path, "/elastic-resource-pools/"+name) {
			continue
		}
		if r.Status == 200 {
			accepted++
		} else if r.ErrorCode == "DLI.0009" {
			refused++
		}
	}
	return refused, accepted
}

// TestAccElasticResourcePool_destroyThroughCooldown: DLI refuses to delete a
// pool for a while after creating it (the incumbent's acceptance tests wait
// 15 minutes before deleting one). Replacing a tainted pool right after its
// creation, and a destroy right after an apply, wait the refusals out.
func TestAccElasticResourcePool_destroyThroughCooldown(t *testing.T) {
	d := acctest.FastDelays
	d.PoolDeleteCooldown = 3 * time.Second
	env := acctest.NewWithDelays(t, d)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_cool")
	config := env.Config(poolHCL(name, 64, 64))
	destroyed := env.CheckPoolsDestroyed(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := destroyed(s); err != nil {
				return err
			}
			// Two deletes (the replacement's and the destroy's), each refused
			// at least once during its pool's cool-down.
			if refused, accepted := poolDeletes(env, name); refused < 2 || accepted != 2 {
				return fmt.Errorf("pool deletes: %d refused, %d accepted; want the cool-down hit twice and 2 accepted", refused, accepted)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config},
			{
				Taint:            []string{addr},
				Config:           config,
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact("AVAILABLE")),
				},
			},
		},
	})
}

// TestAccElasticResourcePool_deleteCooldownTimeout: when the delete timeout
// ends while DLI still refuses, the error quotes DLI and says that a later
// destroy will succeed; the pool stays in the state, and it does.
func TestAccElasticResourcePool_deleteCooldownTimeout(t *testing.T) {
	d := acctest.FastDelays
	d.PoolDeleteCooldown = time.Hour
	env := acctest.NewWithDelays(t, d)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_cool")
	config := env.Config(poolHCL(name, 64, 64, `timeouts { delete = "2s" }`))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config:      config,
				Destroy:     true,
				ExpectError: acctest.Words("DLI still refused to delete elastic resource pool " + name),
			},
			{
				// The same failure also carries DLI's answer and the way out.
				Config:      config,
				Destroy:     true,
				ExpectError: acctest.Words("DLI.0009 Elastic resource pool " + name + " was created less than 1h0m0s ago"),
			},
			{
				Config:      config,
				Destroy:     true,
				ExpectError: acctest.Words("a later terraform destroy (or apply) will succeed"),
			},
			{
				// The pool is still managed: nothing to do. Once DLI accepts
				// deletes, the final destroy succeeds.
				PreConfig:        func() { env.Emulator.SetDelays(acctest.FastDelays) },
				Config:           config,
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			},
		},
	})
}

// TestAccElasticResourcePool_updateSendsBothCUs: as the incumbent provider
// does, every update carries max_cu and min_cu, even when one changed.
func TestAccElasticResourcePool_updateSendsBothCUs(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_both")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: env.Config(poolHCL(name, 64, 64))},
			{
				PreConfig:        env.Emulator.ResetRequests,
				Config:           env.Config(poolHCL(name, 64, 128)),
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("max_cu", knownvalue.Int64Exact(128)),
					expect("min_cu", knownvalue.Int64Exact(64)),
				},
				Check: func(*terraform.State) error {
					puts := 0
					for _, r := range env.Emulator.Requests() {
						if r.Method != "PUT" || !strings.HasSuffix(r.Path, "/elastic-resource-pools/"+name) {
							continue
						}
						puts++
						if !slices.Contains(r.BodyKeys, "max_cu") || !slices.Contains(r.BodyKeys, "min_cu") {
							return fmt.Errorf("pool update sent %v, want both max_cu and min_cu", r.BodyKeys)
						}
					}
					if puts == 0 {
						return fmt.Errorf("no pool update recorded")
					}
					return nil
				},
			},
		},
	})
}

// TestAccElasticResourcePool_staleAvailable: DLI may answer AVAILABLE, with
// the new range, for a moment after accepting a CU change, before it turns
// the pool SCALING. The update must not end on such a read: when the apply
// returns, the pool has scaled and is AVAILABLE.
func TestAccElasticResourcePool_staleAvailable(t *testing.T) {
	d := acctest.FastDelays
	d.PoolScaleLag = 300 * time.Millisecond
	d.PoolScale = 3 * time.Second
	env := acctest.NewWithDelays(t, d)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_lag")
	c := env.Client(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: env.Config(poolHCL(name, 64, 64))},
			{
				Config:           env.Config(poolHCL(name, 64, 128)),
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionUpdate),
				Check: func(*terraform.State) error {
					// Read the pool once the lag is over: a wait that ended on
					// the stale AVAILABLE returned then, and finds it SCALING.
					var put time.Time
					for _, r := range env.Emulator.Requests() {
						if r.Method == "PUT" && strings.HasSuffix(r.Path, "/elastic-resource-pools/"+name) {
							put = r.Time
						}
					}
					if put.IsZero() {
						return fmt.Errorf("no pool update recorded")
					}
					time.Sleep(time.Until(put.Add(d.PoolScaleLag + 200*time.Millisecond)))
					p, err := c.GetPool(context.Background(), name)
					if err != nil {
						return err
					}
					if !client.StatusIs(p.Status, client.PoolStatusAvailable) {
						return fmt.Errorf("the update returned while the pool is %s: the wait ended on an AVAILABLE read taken before DLI switched to SCALING", p.Status)
					}
					return nil
				},
			},
		},
	})
}

// TestAccElasticResourcePool_statusCase: statuses are compared ignoring case
// (the API reference also writes "Active"): a DLI that answers "Available"
// and "Scaling" still lets create, update and delete converge.
func TestAccElasticResourcePool_statusCase(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	env.Emulator.SetStatusCase(emulator.StatusTitle)
	name := acctest.Name("acc_pool_case")
	timeouts := "timeouts {\n    create = \"20s\"\n    update = \"20s\"\n    delete = \"20s\"\n  }"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.Config(poolHCL(name, 64, 64, timeouts)),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact("Available")),
				},
			},
			{
				Config:           env.Config(poolHCL(name, 64, 128, timeouts)),
				ConfigPlanChecks: acctest.Planned(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("max_cu", knownvalue.Int64Exact(128)),
					expect("status", knownvalue.StringExact("Available")),
				},
			},
		},
	})
}
