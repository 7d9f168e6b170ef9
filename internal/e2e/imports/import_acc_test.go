package imports

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// header pins the provider's source, as users' configurations do.
const header = `terraform {
  required_providers {
    dli = {
      source = "opendli/dli"
    }
  }
}

provider "dli" {}
`

// objects creates one of each resource type, with the nested and optional
// attributes that generated configuration has to reproduce: a pool with a
// description and CIDR, a general queue in it, and a connection with a bound
// pool and queue, hosts and routes.
const objects = `
resource "dli_elastic_resource_pool" "pool" {
  name        = "import_pool"
  description = "imported by blocks"
  cidr_in_vpc = "172.16.0.0/14"
  min_cu      = 64
  max_cu      = 64
}

resource "dli_queue" "queue" {
  name                       = "import_queue"
  queue_type                 = "general"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.pool.name
}

resource "dli_enhanced_connection" "conn" {
  name                   = "import_conn"
  vpc_id                 = "22094d8f-c310-4621-913d-4c4d655d8495"
  subnet_id              = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
  elastic_resource_pools = [dli_elastic_resource_pool.pool.name]
  queues                 = [dli_queue.queue.name]

  hosts = [
    { name = "db-primary", ip = "192.168.0.10" },
    { name = "db-replica", ip = "192.168.0.11" },
  ]

  routes = [
    { name = "datacenter_a", cidr = "10.10.0.0/16" },
    { name = "datacenter_b", cidr = "10.20.0.0/16" },
  ]
}
`

// addresses of the three resources in every configuration of this test.
var addresses = []string{
	"dli_elastic_resource_pool.pool",
	"dli_queue.queue",
	"dli_enhanced_connection.conn",
}

// TestAccImport_blocksAndGeneratedConfig creates one object of each type with
// Terraform, then adopts them into fresh states twice: with import blocks
// beside the same configuration, and with import blocks alone and
// -generate-config-out. Both plans must import every object without changes,
// and after applying them a plan must be empty.
func TestAccImport_blocksAndGeneratedConfig(t *testing.T) {
	// Every lifecycle completes on the next read: this test is about import,
	// and the provider binary polls on its real, slower curve.
	env := acctest.NewWithDelays(t, emulator.Delays{DeletedRetention: time.Minute})
	env.RequireEmulator(t)
	cli := tfcli.New(t)
	cli.Env = []string{
		provider.EnvRegion + "=" + env.Region,
		provider.EnvAccessKey + "=" + env.AccessKey,
		provider.EnvSecretKey + "=" + env.SecretKey,
		provider.EnvProjectID + "=" + env.ProjectID,
		provider.EnvEndpoint + "=" + env.URL,
		provider.EnvIAMEndpoint + "=" + env.URL,
	}

	origin := workDir(t, header+objects)
	cli.MustRun(t, origin, "apply", "-auto-approve", "-no-color")
	expectUserAgent(t, env.Emulator.Requests())
	connID := strings.TrimSpace(cli.MustRun(t, origin, "state", "show", "-no-color",
		"dli_enhanced_connection.conn").Stdout)
	connID = attribute(t, connID, "id")
	ids := map[string]string{
		"dli_elastic_resource_pool.pool": "import_pool",
		"dli_queue.queue":                "import_queue",
		"dli_enhanced_connection.conn":   connID,
	}

	t.Run("import blocks", func(t *testing.T) {
		dir := workDir(t, header+objects+importBlocksFor(addresses, ids))
		expectImportsNoOp(t, cli, dir, addresses, nil)
		cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color", "plan.out")
		expectNoChanges(t, cli, dir, "plan after import")
	})

	t.Run("generate-config-out", func(t *testing.T) {
		dir := workDir(t, header+importBlocksFor(addresses, ids))
		generated := filepath.Join(dir, "generated.tf")
		t.Cleanup(func() {
			// What the CLI generated explains most failures of this subtest.
			if b, err := os.ReadFile(generated); t.Failed() && err == nil {
				t.Logf("generated.tf:\n%s", b)
			}
		})
		expectImportsNoOp(t, cli, dir, addresses, []string{"-generate-config-out=generated.tf"})
		b, err := os.ReadFile(generated)
		if err != nil {
			t.Fatalf("no generated configuration: %v", err)
		}
		for _, a := range addresses {
			typ, name, _ := strings.Cut(a, ".")
			if !strings.Contains(string(b), fmt.Sprintf("resource %q %q", typ, name)) {
				t.Errorf("generated.tf has no block for %s:\n%s", a, b)
			}
		}
		cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color", "plan.out")
		expectNoChanges(t, cli, dir, "plan after import")
	})
}

// expectUserAgent checks how the released binary identifies itself: the SDK's
// own User-Agent, extended with the provider's name and the version that the
// build's -ldflags set.
func expectUserAgent(t *testing.T, recs []emulator.RequestRecord) {
	t.Helper()
	if len(recs) == 0 {
		t.Fatal("the emulator logged no requests")
	}
	want := "terraform-provider-dli/" + tfcli.Version
	for _, r := range recs {
		if !strings.HasPrefix(r.UserAgent, "huaweicloud-usdk-go/") || !strings.Contains(r.UserAgent, want) {
			t.Fatalf("%s %s came with User-Agent %q, want the SDK's extended with %q", r.Method, r.Path, r.UserAgent, want)
		}
	}
}

// workDir is a fresh directory holding main.tf.
func workDir(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// planJSON is the part of `show -json` of a saved plan that the test reads.
type planJSON struct {
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			Actions   []string        `json:"actions"`
			Importing json.RawMessage `json:"importing"`
		} `json:"change"`
	} `json:"resource_changes"`
}

// attribute picks `name = "value"` out of `state show` output.
func attribute(t *testing.T, show, name string) string {
	t.Helper()
	for _, line := range strings.Split(show, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && strings.TrimSpace(k) == name {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	t.Fatalf("no %s in:\n%s", name, show)
	return ""
}
