//go:build linux

package scenarios_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestAccScenario_restartMidApply: the emulator (with a state file) goes down
// right after the pool's create was accepted and comes back on the same
// address. The interrupted apply fails (the pool's wait times out on refused
// connections) naming the unreachable API, with the pool tracked; the next
// apply converges with no orphan. The test holds the port throughout, so no
// other process can take it during the outage.
func TestAccScenario_restartMidApply(t *testing.T) {
	stateFile := filepath.Join(t.TempDir(), "dli-state.json")
	cfg := scenarioConfig(t, func(c *emulator.Config) { c.StateFile = stateFile })
	port := holdPort(t)
	first, err := emulator.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	stopFirst, err := port.serve(first)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stopFirst)
	env := &acctest.Env{Emulator: first, URL: port.URL(), Region: cfg.Region, AccessKey: cfg.AccessKey,
		SecretKey: cfg.SecretKey, ProjectID: first.ProjectID()}
	s := newStack("sc_restart")
	// One retry only, so that the outage outlasts the client's retries; the
	// pool's wait rides out failed polls, so its create timeout (2s) must
	// end inside the 4-second outage for the apply to fail.
	provider := strings.Replace(env.ProviderBlock(), "project_id", "max_retries  = 1\n  project_id", 1)
	stackHCL := strings.Replace(s.hcl(128, 16), `  description = "scenario"`,
		`  description = "scenario"`+"\n  timeouts { create = \"2s\" }", 1)
	config := provider + stackHCL

	// The restart runs beside the apply; it reports through restarted (an
	// error, or nil once the second emulator is up) and never touches t, which
	// may have ended by then. Cleanup cancels it, waits for it, and stops the
	// second emulator.
	ctx, cancel := context.WithCancel(context.Background())
	restarted := make(chan error, 1)
	var wg sync.WaitGroup
	var stopAgain func() // written by the restart, read after wg.Wait
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		if stopAgain != nil {
			stopAgain()
		}
	})
	restart := func() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			stopAgain, err = restartAfterPoolCreate(ctx, port, first, stopFirst, cfg)
			restarted <- err
		}()
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   restart,
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Error\s+Creating\s+DLI\s+Elastic\s+Resource\s+Pool.*timed\s+out.*connection\s+refused.*no\s+response`),
			},
			{
				PreConfig: func() {
					select {
					case err := <-restarted:
						if err != nil {
							t.Fatal(err)
						}
					case <-time.After(30 * time.Second):
						t.Fatal("the emulator did not come back")
					}
				},
				Config: config,
				Check:  func(st *terraform.State) error { return onlyTracked(t, env, s, st) },
			},
		},
	})
}

// restartAfterPoolCreate waits until first has accepted a pool create, stops
// it, keeps the port dark (refusing connections) for 4 seconds, and serves a new emulator loaded
// from the state file on the same port. It returns the new server's stop.
func restartAfterPoolCreate(ctx context.Context, port *heldPort, first *emulator.Emulator, stopFirst func(),
	cfg emulator.Config) (func(), error) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(30 * time.Second)
	for !poolCreateAccepted(first) {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-deadline:
			return nil, errors.New("the pool create never reached the emulator")
		case <-tick.C:
		}
	}
	stopFirst()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(4 * time.Second):
	}
	again, err := emulator.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("restarting the emulator from its state file: %w", err)
	}
	return port.serve(again)
}

func poolCreateAccepted(e *emulator.Emulator) bool {
	for _, r := range e.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/elastic-resource-pools") && r.Status == 200 {
			return true
		}
	}
	return false
}
