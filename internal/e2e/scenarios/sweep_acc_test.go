package scenarios_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/bench"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// sweepStack is the lifecycle the sweep repeats: a pool, a queue in it, a
// standalone queue and a connection with bindings, hosts and routes.
type sweepStack struct {
	stack
	standalone string
}

// hcl is the first configuration (updated false) or the one every in-place
// update of the lifecycle applies at once (updated true): the pool's range,
// the pooled queue's size (a scaling-policy PUT), the standalone queue's
// size (the queue action, a delta), a bind and an unbind, the hosts, and
// a route deleted and another added.
func (s sweepStack) hcl(updated bool) string {
	poolMax, pooledCU, standaloneCU := 128, 16, 64
	pools, queues := "[dli_elastic_resource_pool.p.name]", "[dli_queue.q.name]"
	hosts, routes := `[{ name = "db1", ip = "192.168.0.10" }]`, `[{ name = "r1", cidr = "10.1.0.0/16" }]`
	if updated {
		poolMax, pooledCU, standaloneCU = 192, 32, 256
		pools, queues = "[]", "[dli_queue.q.name, dli_queue.s.name]"
		hosts, routes = `[{ name = "db2", ip = "192.168.0.11" }]`, `[{ name = "r2", cidr = "10.2.0.0/16" }]`
	}
	return acctest.Pool{Label: "p", Name: s.pool, MaxCU: poolMax}.HCL() +
		acctest.Queue{Label: "q", Name: s.queue, Pool: "p", CU: pooledCU}.HCL() +
		acctest.Queue{Label: "s", Name: s.standalone, CU: standaloneCU}.HCL() + fmt.Sprintf(`
resource "dli_enhanced_connection" "c" {
  name                   = %q
  vpc_id                 = %q
  subnet_id              = %q
  elastic_resource_pools = %s
  queues                 = %s
  hosts                  = %s
  routes                 = %s
}
`, s.conn, vpcID, subnetID, pools, queues, hosts, routes)
}

// sweepLifecycle runs create, every in-place update, an import and the
// destroy, checking after each step that the emulator holds exactly what the
// state tracks (nothing duplicated or orphaned; Terraform's own empty-plan
// check after each apply catches a size applied twice).
func sweepLifecycle(t *testing.T, env *acctest.Env) {
	s := sweepStack{newStack("sw"), acctest.Name("sw_standalone")}
	tracked := func(st *terraform.State) error {
		if err := onlyTracked(t, env, s.stack, st); err != nil {
			return err
		}
		_, err := env.Client(t).GetQueue(t.Context(), s.standalone)
		if err != nil && !client.IsNotFound(err) {
			return err
		}
		if inState := st != nil && st.RootModule().Resources["dli_queue.s"] != nil; (err == nil) != inState {
			return fmt.Errorf("standalone queue %s: exists %v, in the state %v", s.standalone, err == nil, inState)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return tracked(nil) },
		Steps: []resource.TestStep{
			{Config: env.Config(s.hcl(false)), Check: tracked},
			{Config: env.Config(s.hcl(true)), Check: tracked},
			{
				ResourceName: "dli_enhanced_connection.c",
				ImportState:  true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"tags"},
			},
			{
				ResourceName: "dli_queue.s",
				ImportState:  true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"tags"},
			},
		},
	})
}

// sweepOp is one operation of the request log: a method and a path pattern
// (names, ids and the project as wildcards; the query left out).
type sweepOp struct{ method, pattern string }

func (o sweepOp) String() string { return o.method + " " + o.pattern }

// pathRegexp matches the paths of the operation.
func (o sweepOp) pathRegexp() string {
	parts := strings.Split(o.pattern, "/")
	for i, p := range parts {
		if p == "*" || p == "{project}" {
			parts[i] = "[^/]+"
		} else {
			parts[i] = regexp.QuoteMeta(p)
		}
	}
	return "^" + strings.Join(parts, "/") + "$"
}

func opOf(r emulator.RequestRecord) sweepOp {
	method, rest, _ := strings.Cut(bench.Operation(r), " ")
	path, _, _ := strings.Cut(rest, "?")
	return sweepOp{method, path}
}

// TestAccScenario_transientFaultSweep records the requests of a full
// lifecycle, then runs it again once per distinct operation with one 503 on
// that operation's first request, and once per operation that changes
// something with the connection dropped after the request took effect. Every
// run converges with nothing duplicated or orphaned.
func TestAccScenario_transientFaultSweep(t *testing.T) {
	start := time.Now()
	rec := emulatorEnv(t)
	sweepLifecycle(t, rec)
	var ops []sweepOp
	for _, r := range rec.Emulator.Requests() {
		if op := opOf(r); !slices.Contains(ops, op) {
			ops = append(ops, op)
		}
	}
	t.Logf("the lifecycle made %d requests of %d operations in %s", len(rec.Emulator.Requests()), len(ops), time.Since(start).Round(time.Millisecond))
	type run struct {
		name  string
		op    sweepOp
		fault emulator.Fault
		hit   func(emulator.RequestRecord) bool
	}
	var runs []run
	for _, op := range ops {
		t.Logf("swept: %s", op)
		runs = append(runs, run{"503 " + op.String(), op,
			emulator.Fault{Method: op.method, PathRegexp: op.pathRegexp(), Status: 503, Code: "DLI.0999", Message: "injected", Count: 1},
			func(r emulator.RequestRecord) bool { return r.Status == 503 }})
		if op.method != "GET" {
			runs = append(runs, run{"drop after applying " + op.String(), op,
				emulator.Fault{Method: op.method, PathRegexp: op.pathRegexp(), Drop: true, AfterApply: true, Count: 1},
				func(r emulator.RequestRecord) bool { return r.Dropped }})
		}
	}
	t.Run("faults", func(t *testing.T) {
		for _, r := range runs {
			// A "/" in a subtest name would read as a level of -run.
			t.Run(strings.ReplaceAll(r.name, "/", "~"), func(t *testing.T) {
				t.Parallel()
				env := emulatorEnv(t)
				env.Emulator.AddFault(r.fault)
				sweepLifecycle(t, env)
				met := 0
				for _, req := range env.Emulator.Requests() {
					if opOf(req) == r.op && r.hit(req) {
						met++
					}
				}
				if met != 1 {
					t.Errorf("the injected fault was met %d times, want 1", met)
				}
			})
		}
	})
	t.Logf("%d faulted lifecycles after the recording; whole sweep took %s", len(runs), time.Since(start).Round(time.Millisecond))
}
