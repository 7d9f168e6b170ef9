package scenarios_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// TestAccScenario_progressLogged applies a pool and a queue in it, scales the
// pool slowly and destroys both with TF_LOG_PROVIDER=INFO, and finds in the
// provider's log, at INFO, the progress lines of each wait: the object, its
// status, what the wait is for and the time waited, repeated by the
// heartbeat while the pool keeps SCALING. (The provider runs in the test
// process, so TF_ACC_LOG sets the level of the log file that the CLI would
// set from TF_LOG_PROVIDER.)
func TestAccScenario_progressLogged(t *testing.T) {
	delays := acctest.FastDelays
	delays.PoolScale = 3 * time.Second // several heartbeats long
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	defer func(h time.Duration) { wait.Heartbeat = h }(wait.Heartbeat)
	wait.Heartbeat = 500 * time.Millisecond

	logFile := filepath.Join(t.TempDir(), "provider.log")
	t.Setenv("TF_LOG_PROVIDER", "INFO")
	t.Setenv("TF_ACC_LOG", "INFO")
	t.Setenv("TF_ACC_LOG_PATH", logFile)

	pool, queue := acctest.Name("progress_pool"), acctest.Name("progress_queue")
	config := func(maxCU int) string {
		return env.Config(fmt.Sprintf(`
resource "dli_elastic_resource_pool" "p" {
  name   = %q
  max_cu = %d
  min_cu = 64
}

resource "dli_queue" "q" {
  name                       = %q
  elastic_resource_pool_name = dli_elastic_resource_pool.p.name
  cu_count                   = 16
}
`, pool, maxCU, queue))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(64)},
			{Config: config(128)},
		},
	})

	logged, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the provider log: %v", err)
	}
	elapsed := `(\d+h)?(\d+m)?\d+s`
	// Every line must be the provider's at INFO, the level users set.
	info := `\[INFO\] +dli: `
	for _, want := range []string{
		info + `pool ` + pool + `: (CREATING|AVAILABLE), waiting for AVAILABLE, ` + elapsed,
		info + `pool ` + pool + `: AVAILABLE, done after ` + elapsed,
		info + `queue ` + queue + `: \d+ CUs, creating, waiting for 16 CUs, ` + elapsed + `|` + info + `queue ` + queue + `: 16 CUs, done after`,
		info + `pool ` + pool + `: gone, done after ` + elapsed,
	} {
		if !regexp.MustCompile(want).Match(logged) {
			t.Errorf("the provider log lacks a line matching %q", want)
		}
	}
	// The scaling lasts several heartbeats: the unchanged status is repeated.
	scaling := regexp.MustCompile(info+`pool `+pool+`: SCALING, 64→128 CU, waiting for AVAILABLE, `+elapsed).FindAll(logged, -1)
	if len(scaling) < 2 {
		t.Errorf("the provider log has %d SCALING lines for the pool, want the first and at least one heartbeat", len(scaling))
	}
	if t.Failed() {
		for _, l := range regexp.MustCompile(`[^\n]*(pool|queue) [a-z0-9_]+: [^\n]*`).FindAll(logged, -1) {
			t.Logf("%s", l)
		}
	}
}
