package imports

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// The round trip: every resource type, with a table of configurations that
// between them leave every optional argument out, set it, and set it to its
// zero value (false, 0, "", [], {}), spell names in mixed case, and meet the
// shapes the emulator can answer. Each table goes through
//
//   - create, then a plan that must be empty;
//   - import blocks beside the same configuration: every import a no-op,
//     then apply and an empty plan;
//   - `import` commands beside the same configuration (a second read follows
//     the import's own, which takes other paths), then an empty plan;
//   - import blocks alone with -generate-config-out: every import a no-op,
//     the generated configuration valid, then apply and an empty plan.
//
// Tags are left out: another change makes them readable. route_table_id is
// left out: DLI never reports it, so an import cannot know it (its first
// apply records it, see the connection's docs).

// roundTripCase is one resource block of a table.
type roundTripCase struct {
	// address is "<type>.<name>"; name is the label, the block follows it.
	address string
	body    string
}

// roundTripTable is the configuration one subtest creates: support blocks
// (pools and queues that connections bind, a pool for queues) count as cases
// too, since they are imported with the rest.
type roundTripTable struct {
	name  string
	cases []roundTripCase
	// prepare runs on the emulator before anything is created.
	prepare func(t *testing.T, e *emulator.Emulator)
}

func (tb roundTripTable) config() string {
	var b strings.Builder
	for _, c := range tb.cases {
		typ, name, _ := strings.Cut(c.address, ".")
		fmt.Fprintf(&b, "\nresource %q %q {\n%s\n}\n", typ, name, strings.TrimSpace(c.body))
	}
	return b.String()
}

var poolTable = roundTripTable{name: "pool", cases: []roundTripCase{
	{"dli_elastic_resource_pool.omitted", `
  name   = "RT_Pool_Omitted"
  min_cu = 64
  max_cu = 64`},
	{"dli_elastic_resource_pool.zero", `
  name        = "rt_pool_zero"
  min_cu      = 64
  max_cu      = 64
  description = ""
  label       = {}`},
	{"dli_elastic_resource_pool.set", `
  name                  = "rt_pool_set"
  min_cu                = 16
  max_cu                = 64
  description           = "Round trip"
  cidr_in_vpc           = "172.16.0.0/14"
  enterprise_project_id = "0"
  label                 = { spec = "basic" }`},
}}

var queueTable = roundTripTable{name: "queue",
	// The queue list may report an engine for a general queue too
	// ("Querying All Queues" lists engine for every queue): generated
	// configuration then carries it, and must be valid.
	prepare: func(_ *testing.T, e *emulator.Emulator) { e.SetGeneralQueueEngine("spark") },
	cases: []roundTripCase{
		{"dli_elastic_resource_pool.qpool", `
  name   = "RT_QPool"
  min_cu = 256
  max_cu = 256`},
		{"dli_queue.omitted", `
  name                       = "RT_Queue_Omitted"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.qpool.name`},
		{"dli_queue.zero", `
  name                       = "rt_queue_zero"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.qpool.name
  description                = ""
  labels                     = []
  scaling_policies           = []`},
		{"dli_queue.set", `
  name                       = "rt_queue_set"
  cu_count                   = 32
  elastic_resource_pool_name = "rt_qpool"
  queue_type                 = "sql"
  description                = "Round trip"
  platform                   = "x86_64"
  resource_mode              = 1
  feature                    = "basic"
  engine                     = "spark"
  enterprise_project_id      = "0"
  labels                     = ["multi_az=2"]
  scaling_policies = [{
    priority          = 1
    impact_start_time = "00:00"
    impact_stop_time  = "24:00"
    min_cu            = 16
    max_cu            = 32
  }]
  spark_driver = {
    max_instance          = 2
    max_prefetch_instance = 0
  }
  depends_on = [dli_elastic_resource_pool.qpool]`},
		{"dli_queue.inherit_false", `
  name                       = "rt_queue_inherit"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.qpool.name
  scaling_policies = [{
    priority                             = 1
    impact_start_time                    = "00:00"
    impact_stop_time                     = "24:00"
    min_cu                               = 8
    max_cu                               = 16
    inherit_elastic_resource_pool_max_cu = false
  }]`},
		{"dli_queue.general", `
  name                       = "rt_queue_general"
  queue_type                 = "general"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.qpool.name`},
		{"dli_queue.general_engine", `
  name                       = "rt_queue_general_engine"
  queue_type                 = "general"
  engine                     = "spark"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.qpool.name`},
		{"dli_queue.standalone", `
  name     = "rt_queue_standalone"
  cu_count = 16`},
	}}

var connectionTable = roundTripTable{name: "connection", cases: []roundTripCase{
	{"dli_elastic_resource_pool.cpool", `
  name   = "CEO_Upper_Pool"
  min_cu = 64
  max_cu = 64`},
	{"dli_queue.cqueue", `
  name                       = "MyQueue"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.cpool.name`},
	{"dli_enhanced_connection.omitted", `
  name      = "rt_conn_omitted"
  vpc_id    = "22094d8f-c310-4621-913d-4c4d655d8495"
  subnet_id = "78f2562a-36e4-4b39-95b9-f5aab22e1281"`},
	{"dli_enhanced_connection.zero", `
  name                   = "rt_conn_zero"
  vpc_id                 = "22094d8f-c310-4621-913d-4c4d655d8495"
  subnet_id              = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
  elastic_resource_pools = []
  queues                 = []
  hosts                  = []
  routes                 = []`},
	{"dli_enhanced_connection.set", `
  name                   = "RT_Conn_Set"
  vpc_id                 = "22094d8f-c310-4621-913d-4c4d655d8495"
  subnet_id              = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
  elastic_resource_pools = [dli_elastic_resource_pool.cpool.name]
  queues                 = [dli_queue.cqueue.name]
  hosts                  = [{ name = "db-primary", ip = "192.168.0.10" }]
  routes                 = [{ name = "DataCenter_A", cidr = "10.10.0.0/16" }]`},
}}

// TestAccImport_roundTrip runs the round trip of each resource type, in parallel,
// each against its own emulator with no lifecycle delays.
func TestAccImport_roundTrip(t *testing.T) {
	cli := tfcli.New(t)
	for _, tb := range []roundTripTable{poolTable, queueTable, connectionTable} {
		t.Run(tb.name, func(t *testing.T) {
			t.Parallel()
			roundTrip(t, *cli, tb)
		})
	}
}

func roundTrip(t *testing.T, cli tfcli.CLI, tb roundTripTable) {
	env := acctest.NewWithDelays(t, emulator.Delays{DeletedRetention: time.Minute})
	env.RequireEmulator(t)
	if tb.prepare != nil {
		tb.prepare(t, env.Emulator)
	}
	cli.Env = []string{
		provider.EnvRegion + "=" + env.Region,
		provider.EnvAccessKey + "=" + env.AccessKey,
		provider.EnvSecretKey + "=" + env.SecretKey,
		provider.EnvProjectID + "=" + env.ProjectID,
		provider.EnvEndpoint + "=" + env.URL,
		provider.EnvIAMEndpoint + "=" + env.URL,
	}
	config := header + tb.config()

	origin := workDir(t, config)
	cli.MustRun(t, origin, "apply", "-auto-approve", "-no-color")
	if !expectNoChanges(t, &cli, origin, "plan after create") {
		t.FailNow()
	}
	ids := importIDs(t, &cli, origin)
	addrs := make([]string, 0, len(tb.cases))
	for _, c := range tb.cases {
		addrs = append(addrs, c.address)
	}

	t.Run("import blocks", func(t *testing.T) {
		dir := workDir(t, config+importBlocksFor(addrs, ids))
		expectImportsNoOp(t, &cli, dir, addrs, nil)
		cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color", "plan.out")
		expectNoChanges(t, &cli, dir, "plan after applying the imports")
	})

	t.Run("import command", func(t *testing.T) {
		dir := workDir(t, config)
		for _, a := range addrs {
			cli.MustRun(t, dir, "import", "-no-color", a, ids[a])
		}
		expectNoChanges(t, &cli, dir, "plan after terraform import")
	})

	t.Run("generate-config-out", func(t *testing.T) {
		dir := workDir(t, header+importBlocksFor(addrs, ids))
		generated := filepath.Join(dir, "generated.tf")
		t.Cleanup(func() {
			if b, err := os.ReadFile(generated); t.Failed() && err == nil {
				t.Logf("generated.tf:\n%s", b)
			}
		})
		expectImportsNoOp(t, &cli, dir, addrs, []string{"-generate-config-out=generated.tf"})
		cli.MustRun(t, dir, "apply", "-auto-approve", "-no-color", "plan.out")
		expectNoChanges(t, &cli, dir, "plan after applying generated configuration")
	})
}

// importIDs reads, from the state, the id each address is imported with: a
// pool's or queue's name as DLI stores it (lower case, as a user copies it
// from the console), a connection's id.
func importIDs(t *testing.T, cli *tfcli.CLI, dir string) map[string]string {
	t.Helper()
	var st struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Type    string         `json:"type"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	out := cli.MustRun(t, dir, "show", "-json").Stdout
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("show -json: %v\n%s", err, out)
	}
	ids := map[string]string{}
	for _, r := range st.Values.RootModule.Resources {
		switch r.Type {
		case "dli_enhanced_connection":
			ids[r.Address] = fmt.Sprint(r.Values["id"])
		default:
			ids[r.Address] = strings.ToLower(fmt.Sprint(r.Values["name"]))
		}
	}
	return ids
}

func importBlocksFor(addrs []string, ids map[string]string) string {
	var b strings.Builder
	for _, a := range addrs {
		fmt.Fprintf(&b, "\nimport {\n  to = %s\n  id = %q\n}\n", a, ids[a])
	}
	return b.String()
}

// expectImportsNoOp plans into plan.out and requires every address to be
// imported with no change at all.
func expectImportsNoOp(t *testing.T, cli *tfcli.CLI, dir string, addrs, extra []string) {
	t.Helper()
	args := append([]string{"plan", "-no-color", "-out=plan.out"}, extra...)
	cli.MustRun(t, dir, args...)
	var p planJSON
	out := cli.MustRun(t, dir, "show", "-json", "plan.out").Stdout
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("show -json: %v\n%s", err, out)
	}
	seen := map[string]bool{}
	var bad []string
	for _, rc := range p.ResourceChanges {
		seen[rc.Address] = true
		imported := len(rc.Change.Importing) > 0 && string(rc.Change.Importing) != "null"
		if !imported || len(rc.Change.Actions) != 1 || rc.Change.Actions[0] != "no-op" {
			bad = append(bad, fmt.Sprintf("%s: %v (importing: %t)", rc.Address, rc.Change.Actions, imported))
		}
	}
	for _, a := range addrs {
		if !seen[a] {
			bad = append(bad, a+": not in the plan")
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		text := cli.Run(t, dir, "show", "-no-color", "plan.out").Stdout
		t.Fatalf("import plan is not a no-op for every resource:\n  %s\n%s", strings.Join(bad, "\n  "), text)
	}
}

// expectNoChanges requires `plan -detailed-exitcode` to find nothing to do.
func expectNoChanges(t *testing.T, cli *tfcli.CLI, dir, what string) bool {
	t.Helper()
	res := cli.Run(t, dir, "plan", "-detailed-exitcode", "-no-color")
	if res.ExitCode != 0 {
		t.Errorf("%s: exit %d, want 0 (no changes)\n%s\n%s", what, res.ExitCode, res.Stdout, res.Stderr)
		return false
	}
	return true
}
