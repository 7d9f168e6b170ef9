package scenarios_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// TestAccScenario_partialFailureState: a create that fails after the object
// exists (a pool DLI reports FAILED, a connection whose peering FAILED, a
// queue whose create timeout ends while DLI still assigns it) leaves, on the
// CLI that runs the test (TF_ACC_TERRAFORM_PATH), exactly what a retry
// needs: the object tracked with its identity and tainted, and every other
// value as DLI reports it: a refresh changes nothing, so no computed value
// was left unknown, null or stale from the plan.
func TestAccScenario_partialFailureState(t *testing.T) {
	delays := acctest.FastDelays
	delays.QueueCreate = 4 * time.Second
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	cli := tfcli.New(t)

	pool := func(name string) string {
		return acctest.Pool{Label: "p", Name: name}.HCL()
	}
	cases := []struct {
		name, address string
		config        func(names stack) string
		arrange       func(names stack)
		// notApplied are attributes the provider leaves null on purpose
		// until it has applied them (a queue's extras after a failed
		// create), so that the replacement applies them.
		notApplied []string
	}{
		{
			name: "FAILED pool", address: "dli_elastic_resource_pool.p",
			config:  func(s stack) string { return pool(s.pool) },
			arrange: func(s stack) { env.Emulator.FailNext("pool", s.pool) },
		},
		{
			name: "FAILED peering", address: "dli_enhanced_connection.c",
			config: func(s stack) string {
				return pool(s.pool) + fmt.Sprintf(`
resource "dli_enhanced_connection" "c" {
  name                   = %q
  vpc_id                 = %q
  subnet_id              = %q
  elastic_resource_pools = [dli_elastic_resource_pool.p.name]
}
`, s.conn, vpcID, subnetID)
			},
			arrange: func(s stack) { env.Emulator.FailNext("binding", s.pool) },
		},
		{
			name: "queue create timeout", address: "dli_queue.q",
			config: func(s stack) string {
				return pool(s.pool) + fmt.Sprintf(`
resource "dli_queue" "q" {
  name                       = %q
  elastic_resource_pool_name = dli_elastic_resource_pool.p.name
  cu_count                   = 16
  timeouts { create = "2s" }
}
`, s.queue)
			},
			arrange:    func(stack) {},
			notApplied: []string{"scaling_policies", "spark_driver"},
		},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStack(fmt.Sprintf("sc_part%d", i))
			dir := t.TempDir()
			config := env.ProviderBlock() + tc.config(s)
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
				t.Fatal(err)
			}
			tc.arrange(s)
			res := cli.Run(t, dir, "apply", "-auto-approve", "-no-color")
			if res.ExitCode == 0 {
				t.Fatalf("the apply succeeded; the test needs its create to fail\n%s", res.Stdout)
			}
			failed := stateObjects(t, cli, dir)[tc.address]
			if !failed.Tainted {
				t.Errorf("%s is not tainted after its create failed: %+v", tc.address, failed)
			}
			if id, _ := failed.Values["id"].(string); id == "" {
				t.Errorf("%s has no id after its create failed: %v", tc.address, failed.Values)
			}
			// A refresh reads every value back from DLI: what the failed
			// create left must already be what DLI reports.
			cli.MustRun(t, dir, "apply", "-refresh-only", "-auto-approve", "-no-color")
			refreshed := stateObjects(t, cli, dir)[tc.address]
			for k, want := range refreshed.Values {
				if slices.Contains(tc.notApplied, k) {
					if got := failed.Values[k]; got != nil {
						t.Errorf("%s.%s after the failed create: %#v; want null (not applied)", tc.address, k, got)
					}
					continue
				}
				if got := failed.Values[k]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s.%s after the failed create: %#v; DLI reports %#v", tc.address, k, got, want)
				}
			}
			if !refreshed.Tainted {
				t.Errorf("%s lost its taint on refresh", tc.address)
			}
			// The retry the taint asks for converges (in time, this time).
			env.Emulator.SetDelays(acctest.FastDelays)
			defer env.Emulator.SetDelays(delays)
			cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color")
			if plan := cli.Run(t, dir, "plan", "-detailed-exitcode", "-no-color"); plan.ExitCode != 0 {
				t.Errorf("plan after the retry: exit %d, want 0\n%s\n%s", plan.ExitCode, plan.Stdout, plan.Stderr)
			}
			cli.MustRun(t, dir, "destroy", "-auto-approve", "-no-color")
		})
	}
}
