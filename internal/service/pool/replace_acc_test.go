package pool_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// The emulator's destination network (its seed's VPC and subnet).
const (
	seedVPC    = "22094d8f-c310-4621-913d-4c4d655d8495"
	seedSubnet = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
)

// poolWithQueueHCL is a pool with one queue in it; the pool's delete timeout
// is short so that a delete DLI keeps refusing fails within the test.
func poolWithQueueHCL(pool, cidr, queue string) string {
	return acctest.Pool{Name: pool, CIDR: cidr, Extra: []string{"timeouts {\n    delete = \"20s\"\n  }"}}.HCL() +
		acctest.Queue{Name: queue, Pool: "test", CU: 16}.HCL()
}

// TestAccElasticResourcePool_replaceHoldingQueues: a replacement of a pool
// whose queues are not replaced with it stops at the pool's delete, at once
// and before anything was deleted, naming the queues and the fix.
func TestAccElasticResourcePool_replaceHoldingQueues(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, queue := acctest.Name("acc_pool_held"), acctest.Name("acc_held_queue")
	before := env.Config(poolWithQueueHCL(pool, "172.16.0.0/18", queue))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: before},
			{
				Config: env.Config(poolWithQueueHCL(pool, "172.16.64.0/18", queue)),
				ExpectError: acctest.Words(fmt.Sprintf("elastic resource pool %s still holds the queues %s, and DLI "+
					"refuses to delete a pool that holds queues. Nothing was deleted.", pool, queue)),
			},
			{
				// Nothing changed: the pool keeps its network and its queue,
				// and the state still matches the first configuration.
				Config: before,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					acctest.PlanCheckFunc("DLI after the refused replacement", func() error {
						c := env.Client(t)
						p, err := c.GetPool(context.Background(), pool)
						if err != nil || p.CIDRInVPC != "172.16.0.0/18" {
							return fmt.Errorf("pool: %+v, %v", p, err)
						}
						if _, err := c.GetQueue(context.Background(), queue); err != nil {
							return fmt.Errorf("queue: %w", err)
						}
						return nil
					}),
				}},
			},
		},
	})
}

// TestAccElasticResourcePool_replaceHoldingQueuesWarns: the plan of such a
// replacement warns, naming the queues and the fix, on the CLI under test.
func TestAccElasticResourcePool_replaceHoldingQueuesWarns(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	cli := tfcli.New(t)
	dir := t.TempDir()
	write := func(cidr string) {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"),
			[]byte(env.Config(poolWithQueueHCL("warnpool", cidr, "warnqueue"))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("172.16.0.0/18")
	cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color")
	write("172.16.64.0/18")
	out := cli.MustRun(t, dir, "plan", "-no-color").Stdout
	for _, want := range []string{
		"DLI Will Refuse To Replace This Pool Unless Its Queues Are Replaced Too",
		"Changing cidr_in_vpc replaces elastic resource pool warnpool, which holds the queues warnqueue",
		"replace_triggered_by = [dli_elastic_resource_pool.<name>]",
	} {
		if !acctest.Words(want).MatchString(out) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	// A plan that does not replace the pool does not warn.
	write("172.16.0.0/18")
	if out := cli.MustRun(t, dir, "plan", "-no-color").Stdout; strings.Contains(out, "DLI Will Refuse") {
		t.Errorf("a plan without replacement warns:\n%s", out)
	}
	cli.MustRun(t, dir, "destroy", "-auto-approve", "-no-color")
}

// replacementExample is examples/scenarios/pool-replacement with the
// emulator's provider block and the provider address under test.
func replacementExample(t *testing.T, env *acctest.Env) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(tfcli.ModuleRoot(t), "examples", "scenarios", "pool-replacement", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	const block = `provider "dli" {}`
	if !strings.Contains(string(b), block) {
		t.Fatalf("the example has no %s block to point at the emulator", block)
	}
	// The CLI under test resolves a short source against its own registry;
	// the test framework serves the provider under its full address.
	const source = `source = "opendli/dli"`
	if !strings.Contains(string(b), source) {
		t.Fatalf("the example has no %s to point at the provider under test", source)
	}
	hcl := strings.Replace(string(b), source, fmt.Sprintf("source = %q", acctest.ProviderSource()), 1)
	return strings.Replace(hcl, block, env.ProviderBlock(), 1)
}

// TestAccElasticResourcePool_replaceWithQueues: the documented pattern
// (examples/scenarios/pool-replacement): with replace_triggered_by on its
// queues, a new cidr_in_vpc replaces the pool and its queues in one apply,
// while the connection that binds all three stays and ends bound to the
// new ones; the plan after is empty.
func TestAccElasticResourcePool_replaceWithQueues(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	example := replacementExample(t, env)
	vars := func(cidr string) config.Variables {
		return config.Variables{
			"vpc_id": config.StringVariable(seedVPC), "subnet_id": config.StringVariable(seedSubnet),
			"pool_cidr": config.StringVariable(cidr),
		}
	}
	const (
		poolAddr = "dli_elastic_resource_pool.analytics"
		connAddr = "dli_enhanced_connection.warehouse"
	)
	replaced := plancheck.ResourceActionDestroyBeforeCreate
	var peers map[string]string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: example, ConfigVariables: vars("172.16.0.0/18"),
				Check: func(*terraform.State) (err error) {
					peers, err = activePeers(t, env, "warehouse", 3)
					return err
				},
			},
			{
				Config: example, ConfigVariables: vars("172.16.64.0/18"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(poolAddr, replaced),
						plancheck.ExpectResourceAction("dli_queue.etl", replaced),
						plancheck.ExpectResourceAction("dli_queue.reports", replaced),
						plancheck.ExpectResourceAction(connAddr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("cidr_in_vpc"), knownvalue.StringExact("172.16.64.0/18")),
				},
				Check: func(*terraform.State) error {
					now, err := activePeers(t, env, "warehouse", 3)
					if err != nil {
						return err
					}
					for name, peer := range now {
						if peers[name] == peer {
							return fmt.Errorf("%s kept its old peering %s: it was not bound again", name, peer)
						}
					}
					return nil
				},
			},
		},
	})
}

// activePeers returns the peering of each binding of the named connection,
// by kind/name, after checking that there are n and each is ACTIVE.
func activePeers(t *testing.T, env *acctest.Env, conn string, n int) (map[string]string, error) {
	conns, err := env.Client(t).ListConnections(context.Background(), client.ConnectionFilter{Name: conn})
	if err != nil {
		return nil, err
	}
	if len(conns) != 1 {
		return nil, fmt.Errorf("%d connections named %s", len(conns), conn)
	}
	out := map[string]string{}
	for kind, bs := range map[string][]client.Binding{"pool": conns[0].Pools, "queue": conns[0].Queues} {
		for _, b := range bs {
			if !client.StatusIs(b.Status, client.BindingStatusActive) {
				return nil, fmt.Errorf("%s %s is %s", kind, b.Name, b.Status)
			}
			out[kind+"/"+b.Name] = b.PeerID
		}
	}
	if len(out) != n {
		return nil, fmt.Errorf("connection %s binds %v, want %d bindings", conn, out, n)
	}
	return out, nil
}
