package examples

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// validateOutput is the part of `terraform validate -json` the tests read.
type validateOutput struct {
	Valid       bool `json:"valid"`
	Diagnostics []struct {
		Severity string `json:"severity"`
		Summary  string `json:"summary"`
		Detail   string `json:"detail"`
	} `json:"diagnostics"`
}

// TestAccExamples_validate runs `validate` on every directory under examples/ that
// holds .tf files, with the CLI under test and the local provider build, so
// that the provider's own plan-time validators judge every example.
func TestAccExamples_validate(t *testing.T) {
	cli := tfcli.New(t)
	withHuaweicloudDouble(t, cli)
	t.Run("rejects", func(t *testing.T) { validateRejects(t, cli) })
	t.Run("rejects_huaweicloud", func(t *testing.T) { validateRejectsHuaweicloud(t, cli) })
	dirs := exampleDirs(t, filepath.Join(tfcli.ModuleRoot(t), "examples"))
	if len(dirs) < 5 {
		t.Fatalf("found only %d example directories: %v", len(dirs), dirs)
	}
	for _, rel := range dirs {
		t.Run(rel, func(t *testing.T) {
			work := t.TempDir()
			tfcli.CopyTF(t, filepath.Join(tfcli.ModuleRoot(t), "examples", rel), work)
			out := validate(t, cli, work)
			if !out.Valid {
				t.Fatalf("examples/%s is not valid: %+v", rel, out.Diagnostics)
			}
			for _, d := range out.Diagnostics {
				// The only warning expected is the CLI's note about the
				// development override that makes it use the local build.
				if d.Severity == "warning" && d.Summary != "Provider development overrides are in effect" {
					t.Errorf("examples/%s: warning %q: %s", rel, d.Summary, d.Detail)
				}
			}
		})
	}
}

// validateRejects proves that validation reaches the provider: a
// configuration that only the provider's validators can reject (a CU count
// that is not a multiple of 16) must fail. Without it, a validate that never
// loaded the provider would pass every example.
func validateRejects(t *testing.T, cli *tfcli.CLI) {
	work := t.TempDir()
	bad := `resource "dli_queue" "q" {
  name     = "q1"
  cu_count = 17
}
`
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	out := validate(t, cli, work)
	if out.Valid {
		t.Fatal("validate accepted cu_count = 17; the provider's validators did not run")
	}
	found := false
	for _, d := range out.Diagnostics {
		if d.Severity == "error" && strings.Contains(d.Detail+d.Summary, "16") {
			found = true
		}
	}
	if !found {
		t.Fatalf("expected an error about steps of 16 CUs, got %+v", out.Diagnostics)
	}
}

func validate(t *testing.T, cli *tfcli.CLI, dir string) validateOutput {
	t.Helper()
	res := cli.Run(t, dir, "validate", "-json", "-no-color")
	var out validateOutput
	if err := json.Unmarshal([]byte(res.Stdout), &out); err != nil {
		t.Fatalf("validate -json printed no JSON (exit %d): %v\nstdout:\n%s\nstderr:\n%s",
			res.ExitCode, err, res.Stdout, res.Stderr)
	}
	return out
}

// exampleDirs lists the directories under root that contain .tf files,
// relative to root and sorted.
func exampleDirs(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".terraform") {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(p) == ".tf" {
			rel, err := filepath.Rel(root, filepath.Dir(p))
			if err != nil {
				return err
			}
			seen[rel] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}
