//go:build unix

package scenarios_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// interruptDelays keep every wait of the CLI's provider (which polls on its
// real curves) a few seconds long: long enough that the interrupt lands in
// the middle of it, short enough for a quick test.
var interruptDelays = emulator.Delays{
	PoolCreate: 2 * time.Second,
	// Longer than the CLI takes to start again and plan, so that the second
	// apply meets the pool still SCALING (see "pool scale").
	PoolScale:         4 * time.Second,
	PoolDelete:        time.Second,
	QueueCreate:       2 * time.Second,
	QueueDelete:       2 * time.Second,
	ConnectionPeering: 2 * time.Second,
	ConnectionDelete:  time.Second,
	DeletedRetention:  time.Minute,
}

// interruptPoint is where in the emulator's request log an apply is
// interrupted: the first accepted request with this method whose path ends
// so.
type interruptPoint struct {
	method, pathSuffix string
}

func (p interruptPoint) reached(recs []emulator.RequestRecord, from int) bool {
	for _, r := range recs[min(from, len(recs)):] {
		if r.Method == p.method && strings.HasSuffix(r.Path, p.pathSuffix) && r.Status >= 200 && r.Status < 300 {
			return true
		}
	}
	return false
}

// TestAccScenario_interruptedApplies sends SIGINT to the Terraform or
// OpenTofu process (TF_ACC_TERRAFORM_PATH) at a chosen request of an apply,
// as Ctrl-C does, then runs the same command again: it must converge in one
// run, with one object of each kind in DLI, all of them in the state, and an
// empty plan after it. The points: a pool create, a pool scale, a queue
// create, a connection's peering wait, and a destroy (run again as destroy,
// which must leave nothing).
func TestAccScenario_interruptedApplies(t *testing.T) {
	env := acctest.NewWithDelays(t, interruptDelays)
	env.RequireEmulator(t)
	cli := tfcli.New(t)

	cases := []struct {
		name string
		// before is applied to completion first (poolMax 0: nothing); with
		// poolOnly, only the stack's pool.
		before   int
		poolOnly bool
		// poolMax of the interrupted apply.
		poolMax int
		at      func(s stack) interruptPoint
		destroy bool
	}{
		{name: "pool create", poolMax: 128, at: func(stack) interruptPoint {
			return interruptPoint{"POST", "/elastic-resource-pools"}
		}},
		// The case: an apply that scales the pool and adds a queue
		// and a connection is interrupted once the scale is accepted; the
		// next apply meets the pool SCALING and must wait for it.
		{name: "pool scale", before: 128, poolOnly: true, poolMax: 192, at: func(s stack) interruptPoint {
			return interruptPoint{"PUT", "/elastic-resource-pools/" + s.pool}
		}},
		{name: "queue create", poolMax: 128, at: func(stack) interruptPoint {
			return interruptPoint{"POST", "/queues"}
		}},
		{name: "peering wait", poolMax: 128, at: func(stack) interruptPoint {
			return interruptPoint{"POST", "/datasource/enhanced-connections"}
		}},
		{name: "destroy", before: 128, poolMax: 128, destroy: true, at: func(s stack) interruptPoint {
			return interruptPoint{"DELETE", "/queues/" + s.queue}
		}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStack(fmt.Sprintf("sc_int%d", i))
			dir := t.TempDir()
			write := func(poolMax int, poolOnly bool) {
				hcl := s.hcl(poolMax, 16)
				if poolOnly {
					hcl, _, _ = strings.Cut(hcl, `resource "dli_queue"`)
				}
				config := env.ProviderBlock() + hcl
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			command := []string{"apply", "-auto-approve", "-no-color"}
			if tc.destroy {
				command = []string{"destroy", "-auto-approve", "-no-color"}
			}
			if tc.before != 0 {
				write(tc.before, tc.poolOnly)
				cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color")
			}
			write(tc.poolMax, false)

			start := time.Now()
			res := runInterrupted(t, env, cli, dir, tc.at(s), command)
			if res.ExitCode == 0 {
				t.Fatalf("the interrupted %s ended with exit 0: the interrupt came too late to test anything\n%s",
					command[0], res.Stdout)
			}
			res = cli.Run(t, dir, command...)
			if res.ExitCode != 0 {
				t.Fatalf("%s after the interrupt: exit %d\nstdout:\n%s\nstderr:\n%s", command[0], res.ExitCode, res.Stdout, res.Stderr)
			}
			tracked := stateObjects(t, cli, dir)
			if tc.destroy {
				if len(tracked) != 0 {
					t.Errorf("the state still tracks %v after the destroy", tracked)
				}
				expectDLIHolds(t, env, s, nil)
			} else {
				expectDLIHolds(t, env, s, tracked)
				if plan := cli.Run(t, dir, "plan", "-detailed-exitcode", "-no-color"); plan.ExitCode != 0 {
					t.Errorf("plan after the second apply: exit %d, want 0 (no changes)\n%s\n%s", plan.ExitCode, plan.Stdout, plan.Stderr)
				}
			}
			t.Logf("interrupted and converged in %s", time.Since(start).Round(100*time.Millisecond))
		})
	}
}

// runInterrupted runs command and sends SIGINT to the CLI as soon as the
// emulator has accepted the request of at.
func runInterrupted(t *testing.T, env *acctest.Env, cli *tfcli.CLI, dir string, at interruptPoint, command []string) tfcli.Result {
	t.Helper()
	from := len(env.Emulator.Requests())
	proc := cli.Start(t, dir, command...)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	sent := false
	for !sent {
		select {
		case <-ctx.Done():
			_ = proc.Interrupt()
			res := proc.Wait(t)
			t.Fatalf("%s %s never reached the emulator\n%s\n%s", at.method, at.pathSuffix, res.Stdout, res.Stderr)
		case <-tick.C:
			if at.reached(env.Emulator.Requests(), from) {
				if err := proc.Interrupt(); err != nil {
					t.Fatalf("interrupting the CLI: %v", err)
				}
				sent = true
			}
		}
	}
	res := proc.Wait(t)
	t.Logf("interrupted at %s ...%s: exit %d\n%s", at.method, at.pathSuffix, res.ExitCode, lastLines(res.Stdout+res.Stderr, 12))
	return res
}

// expectDLIHolds checks that DLI holds exactly the stack's objects the state
// tracks (none when tracked is empty), once each, with the identities the
// state records: nothing duplicated, nothing orphaned, nothing lost.
func expectDLIHolds(t *testing.T, env *acctest.Env, s stack, tracked map[string]stateObject) {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	value := func(addr, key string) (string, bool) {
		o, ok := tracked[addr]
		if !ok {
			return "", false
		}
		if o.Tainted {
			t.Errorf("%s is still tainted", addr)
		}
		v, _ := o.Values[key].(string)
		return v, true
	}

	p, err := c.GetPool(ctx, s.pool)
	id, inState := value("dli_elastic_resource_pool.p", "id")
	switch {
	case err != nil && !client.IsNotFound(err):
		t.Fatal(err)
	case err == nil && !inState:
		t.Errorf("pool %s exists but is not in the state", s.pool)
	case err != nil && inState:
		t.Errorf("the state tracks pool %s, which DLI does not hold", s.pool)
	case err == nil && id != p.ResourceID:
		t.Errorf("the state records pool id %q, DLI holds %q", id, p.ResourceID)
	}

	q, err := c.GetQueue(ctx, s.queue)
	id, inState = value("dli_queue.q", "id")
	switch {
	case err != nil && !client.IsNotFound(err):
		t.Fatal(err)
	case err == nil && !inState:
		t.Errorf("queue %s exists but is not in the state", s.queue)
	case err != nil && inState:
		t.Errorf("the state tracks queue %s, which DLI does not hold", s.queue)
	case err == nil && id != q.ResourceID:
		t.Errorf("the state records queue id %q, DLI holds %q", id, q.ResourceID)
	}

	conns, err := c.ListConnections(ctx, client.ConnectionFilter{Name: s.conn})
	if err != nil {
		t.Fatal(err)
	}
	var live []string
	for _, cn := range conns {
		if cn.Name == s.conn && !client.StatusIs(cn.Status, client.ConnectionStatusDeleted) {
			live = append(live, cn.ID)
		}
	}
	id, inState = value("dli_enhanced_connection.c", "id")
	switch {
	case len(live) > 1:
		t.Errorf("%d live connections named %s: a create was applied twice", len(live), s.conn)
	case len(live) == 1 && !inState:
		t.Errorf("connection %s exists but is not in the state", s.conn)
	case len(live) == 0 && inState:
		t.Errorf("the state tracks connection %s, which DLI does not hold", s.conn)
	case len(live) == 1 && id != live[0]:
		t.Errorf("the state records connection id %q, DLI holds %q", id, live[0])
	}
}
