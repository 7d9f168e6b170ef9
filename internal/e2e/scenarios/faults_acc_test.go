package scenarios_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// Paths of the three resources' endpoints, for aiming faults.
const (
	poolsRe  = `/elastic-resource-pools$`
	poolRe   = `/elastic-resource-pools/[^/]+$`
	queuesRe = `/v1\.0/[^/]+/queues$`
	queueRe  = `/v1\.0/[^/]+/queues/[^/]+$`
	// A pooled queue is sized through its scaling policies (PUT, absolute values).
	queuePolicyRe = `/elastic-resource-pools/[^/]+/queues/[^/]+$`
	connsRe       = `/enhanced-connections$`
	connRe        = `/enhanced-connections/[^/]+$`
)

// addFaults registers faults on the test's emulator.
func addFaults(t *testing.T, env *acctest.Env, fs ...emulator.Fault) {
	t.Helper()
	for _, f := range fs {
		env.Emulator.AddFault(f)
	}
}

// faulted counts the requests answered 429 or 503 (only faults answer so).
func faulted(env *acctest.Env) int {
	n := 0
	for _, r := range env.Emulator.Requests() {
		if r.Status == 429 || r.Status == 503 {
			n++
		}
	}
	return n
}

// TestAccScenario_transientFaultsConverge: bursts of 503 and 429 on every
// kind of call during create, read, update and delete of a pool, a queue and a
// connection, plus a create whose 503 came after the service applied it. The
// applies converge, and nothing is left untracked or created twice.
func TestAccScenario_transientFaultsConverge(t *testing.T) {
	env := emulatorEnv(t)
	s := newStack("sc_faults")
	const (
		s503 = 503
		s429 = 429
	)
	throttled := func(method, path string, n int) emulator.Fault {
		return emulator.Fault{Method: method, PathRegexp: path, Status: s429, Code: "APIGW.0308", Message: "throttled", Count: n}
	}
	unavailable := func(method, path string, n int) emulator.Fault {
		return emulator.Fault{Method: method, PathRegexp: path, Status: s503, Code: "DLI.0999", Message: "service busy", Count: n}
	}
	tracked := func(st *terraform.State) error { return onlyTracked(t, env, s, st) }

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(st *terraform.State) error {
			if err := nothingLeft(t, env, s)(st); err != nil {
				return err
			}
			// Every injected fault was met: 14 in create, 6 in update, 1 in
			// the resize answered after it applied and 8 in delete.
			if got := faulted(env); got != 29 {
				return fmt.Errorf("%d requests were answered by an injected fault, want 29", got)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				// Create: creates refused before taking effect (503, 429), a
				// create answered 503 after taking effect, flaky reads.
				PreConfig: func() {
					addFaults(t, env,
						unavailable("POST", poolsRe, 2),
						throttled("POST", queuesRe, 3),
						emulator.Fault{Method: "POST", PathRegexp: connsRe, Status: s503, Code: "DLI.0999", AfterApply: true, Count: 1},
						unavailable("GET", poolsRe, 3),
						throttled("GET", queueRe, 3),
						unavailable("GET", connRe, 2),
					)
				},
				Config: env.Config(s.hcl(128, 16)),
				Check:  tracked,
			},
			{
				// Update: the pool's PUT (absolute values) after 503s, the
				// queue's scaling-policy PUT (absolute values too) after
				// 429s, reads throttled.
				PreConfig: func() {
					addFaults(t, env,
						unavailable("PUT", poolRe, 2),
						throttled("PUT", queuePolicyRe, 2),
						throttled("GET", poolsRe, 2),
					)
				},
				Config: env.Config(s.hcl(192, 32)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dli_elastic_resource_pool.p", tfjsonpath.New("max_cu"), knownvalue.Int64Exact(192)),
					statecheck.ExpectKnownValue("dli_queue.q", tfjsonpath.New("cu_count"), knownvalue.Int64Exact(32)),
				},
				Check: tracked,
			},
			{
				// A resize whose answer was lost after DLI applied it: the
				// policy PUT carries absolute values, so it is sent again and
				// the apply converges (the empty plan after it is checked).
				PreConfig: func() {
					addFaults(t, env, emulator.Fault{
						Method: "PUT", PathRegexp: queuePolicyRe, Status: s503, Code: "DLI.0999",
						Message: "service busy", AfterApply: true, Count: 1,
					})
				},
				Config: env.Config(s.hcl(192, 48)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dli_queue.q", tfjsonpath.New("cu_count"), knownvalue.Int64Exact(48)),
				},
			},
			{
				// Delete under 503s and throttling (deletes are safe to repeat).
				PreConfig: func() {
					addFaults(t, env,
						unavailable("DELETE", connRe, 2),
						throttled("DELETE", queueRe, 2),
						unavailable("DELETE", poolRe, 2),
						unavailable("GET", queueRe, 2),
					)
				},
				Config:  env.Config(s.hcl(192, 48)),
				Destroy: true,
			},
		},
	})
}
