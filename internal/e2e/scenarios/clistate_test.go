package scenarios_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// stateObject is one resource of `show -json`.
type stateObject struct {
	Address string         `json:"address"`
	Tainted bool           `json:"tainted"`
	Values  map[string]any `json:"values"`
}

// stateObjects reads the resources of the state through the CLI.
func stateObjects(t *testing.T, cli *tfcli.CLI, dir string) map[string]stateObject {
	t.Helper()
	out := cli.MustRun(t, dir, "show", "-json").Stdout
	var doc struct {
		Values *struct {
			RootModule struct {
				Resources []stateObject `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("show -json: %v\n%s", err, out)
	}
	objects := map[string]stateObject{}
	if doc.Values != nil {
		for _, r := range doc.Values.RootModule.Resources {
			objects[r.Address] = r
		}
	}
	return objects
}

// lastLines is the end of a command's output, where Terraform reports how it ended.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
