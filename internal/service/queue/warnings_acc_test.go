package queue_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// TestAccQueue_replacementWarns: `plan` on the CLI under test shows the
// warning that replacing a queue stops its jobs, naming the queue and the
// change; a plan that scales the queue in place shows none.
func TestAccQueue_replacementWarns(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	cli := tfcli.New(t)
	dir := t.TempDir()
	pool, name := acctest.Name("acc_pool"), acctest.Name("acc_warned")
	write := func(extra string, cu int) {
		config := env.Config(poolConfig(pool), queueConfig(name, cu, extra))
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`  description = "nightly"`, 16)
	cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color")
	defer cli.MustRun(t, dir, "destroy", "-auto-approve", "-no-color")

	write(`  description = "hourly"`, 16)
	out := cli.MustRun(t, dir, "plan", "-no-color").Stdout
	for _, want := range []string{
		fmt.Sprintf("Warning: DLI Queue %s Will Be Replaced: Jobs Running On It Stop", name),
		fmt.Sprintf("Changing description replaces queue %s", name),
		"DLI stops the jobs running on the queue when it is deleted",
	} {
		if !acctest.Words(want).MatchString(out) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	write(`  description = "nightly"`, 32)
	if out := cli.MustRun(t, dir, "plan", "-no-color").Stdout; strings.Contains(out, "Will Be Replaced") {
		t.Errorf("a plan that scales in place warns:\n%s", out)
	}
}
