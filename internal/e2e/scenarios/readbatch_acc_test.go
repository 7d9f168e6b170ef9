package scenarios_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// batchFleetHCL is a fleet of every shape a Read handles: pools with and
// without description, label and tags; queues with labels, tags, scaling
// policies, Spark driver settings, in either pool; connections bound to pools
// and queues, with hosts, routes and tags, and one bound to nothing.
func batchFleetHCL(prefix string) string {
	n := func(s string) string { return prefix + "_" + s }
	return fmt.Sprintf(`
resource "dli_elastic_resource_pool" "a" {
  name        = %[1]q
  min_cu      = 64
  max_cu      = 128
  description = "batched reads"
  label       = { spec = "standard" }
  tags        = { owner = "batch", tier = "a" }
}

resource "dli_elastic_resource_pool" "b" {
  name   = %[2]q
  min_cu = 64
  max_cu = 64
}

resource "dli_queue" "labelled" {
  name                       = %[3]q
  elastic_resource_pool_name = dli_elastic_resource_pool.a.name
  cu_count                   = 16
  labels                     = ["multi_az=2"]
  description                = "labels"
}

resource "dli_queue" "tagged" {
  name                       = %[4]q
  elastic_resource_pool_name = dli_elastic_resource_pool.a.name
  cu_count                   = 16
  tags                       = { team = "etl" }
}

resource "dli_queue" "policies" {
  name                       = %[5]q
  elastic_resource_pool_name = dli_elastic_resource_pool.a.name
  cu_count                   = 16
  scaling_policies = [
    { priority = 1, impact_start_time = "00:00", impact_stop_time = "24:00", min_cu = 16, max_cu = 16 },
    { priority = 2, impact_start_time = "08:00", impact_stop_time = "20:00", min_cu = 16, max_cu = 64, inherit_elastic_resource_pool_max_cu = true },
  ]
}

resource "dli_queue" "driver" {
  name                       = %[6]q
  elastic_resource_pool_name = dli_elastic_resource_pool.a.name
  cu_count                   = 16
  spark_driver = {
    max_instance          = 2
    max_concurrent        = 4
    max_prefetch_instance = 1
  }
}

resource "dli_queue" "plain" {
  count                      = 3
  name                       = "%[7]s_${count.index}"
  elastic_resource_pool_name = dli_elastic_resource_pool.b.name
  cu_count                   = 16
}

resource "dli_enhanced_connection" "full" {
  name                   = %[8]q
  vpc_id                 = %[11]q
  subnet_id              = %[12]q
  elastic_resource_pools = [dli_elastic_resource_pool.a.name]
  queues                 = [dli_queue.plain[0].name]
  hosts = [
    { name = "db.internal", ip = "10.0.0.5" },
    { name = "ecs-0001", ip = "192.168.0.1" },
  ]
  routes = [{ name = "office", cidr = "10.10.0.0/16" }]
  tags   = { owner = "batch" }
}

resource "dli_enhanced_connection" "pool_b" {
  name                   = %[9]q
  vpc_id                 = %[11]q
  subnet_id              = %[12]q
  elastic_resource_pools = [dli_elastic_resource_pool.b.name]
}

resource "dli_enhanced_connection" "unbound" {
  name      = %[10]q
  vpc_id    = %[11]q
  subnet_id = %[12]q
  hosts     = [{ name = "cache", ip = "10.0.0.9" }]
}
`, n("pool_a"), n("pool_b"), n("q_labels"), n("q_tags"), n("q_policies"), n("q_driver"), n("q_plain"),
		n("c_full"), n("c_pool_b"), n("c_unbound"), vpcID, subnetID)
}

// dliAttributes is every attribute of every dli_ resource of a state, by
// address.
func dliAttributes(s *terraform.State) map[string]map[string]string {
	out := map[string]map[string]string{}
	for addr, r := range s.RootModule().Resources {
		if strings.HasPrefix(r.Type, "dli_") {
			out[addr] = r.Primary.Attributes
		}
	}
	return out
}

// attributeDiff lists every attribute that differs between two states.
func attributeDiff(byGet, byList map[string]map[string]string) []string {
	var diffs []string
	for addr, want := range byGet {
		got, found := byList[addr]
		if !found {
			diffs = append(diffs, addr+": missing from the list-served state")
			continue
		}
		for k, v := range want {
			if got[k] != v {
				diffs = append(diffs, fmt.Sprintf("%s.%s: GET-served %q, list-served %q", addr, k, v, got[k]))
			}
		}
		for k, v := range got {
			if _, ok := want[k]; !ok {
				diffs = append(diffs, fmt.Sprintf("%s.%s: only in the list-served state (%q)", addr, k, v))
			}
		}
	}
	for addr := range byList {
		if _, found := byGet[addr]; !found {
			diffs = append(diffs, addr+": only in the list-served state")
		}
	}
	sort.Strings(diffs)
	return diffs
}

// singleReads counts the requests that read one pool, queue or connection
// (a GET, or the pool list filtered by name), as opposed to whole lists.
func singleReads(reqs []emulator.RequestRecord) (n int) {
	for _, r := range reqs {
		if r.Method != "GET" {
			continue
		}
		switch {
		case strings.Contains(r.Path, "/elastic-resource-pools") && !strings.Contains(r.Path, "/queues") &&
			strings.Contains(r.Query, "name="):
			n++
		case strings.Contains(r.Path, "/v1.0/") && strings.Contains(r.Path, "/queues/"):
			n++
		case strings.Contains(r.Path, "/enhanced-connections/"):
			n++
		}
	}
	return n
}

// TestAccScenario_batchedReadsMatchGets refreshes one fleet twice: every Read
// served by its GET, then every Read served from the lists. Both states must
// agree on every attribute of every resource; a third refresh, batched as
// users get it, costs one GET and one list per kind beside the per-resource
// extras (tags, scaling policies, Spark driver settings).
func TestAccScenario_batchedReadsMatchGets(t *testing.T) {
	env := emulatorEnv(t)
	cfg := env.Config(batchFleetHCL(acctest.Name("rb")))
	t.Cleanup(func() { client.ReadBatching.Store(client.BatchAuto) })
	var byGet map[string]map[string]string
	refresh := func(mode int32, check func(*terraform.State) error) resource.TestStep {
		return resource.TestStep{
			RefreshState: true,
			PreConfig: func() {
				client.ReadBatching.Store(mode)
				env.Emulator.ResetRequests()
			},
			Check: check,
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			refresh(client.BatchOff, func(s *terraform.State) error {
				byGet = dliAttributes(s)
				if got := singleReads(env.Emulator.Requests()); got != len(byGet) {
					return fmt.Errorf("batching off: %d single-object reads for %d resources", got, len(byGet))
				}
				return nil
			}),
			refresh(client.BatchAlways, func(s *terraform.State) error {
				if diffs := attributeDiff(byGet, dliAttributes(s)); len(diffs) > 0 {
					return fmt.Errorf("list-served Reads differ from GET-served ones:\n%s", strings.Join(diffs, "\n"))
				}
				if got := singleReads(env.Emulator.Requests()); got != 0 {
					return fmt.Errorf("batching always: %d single-object reads, want every Read served from a list", got)
				}
				return nil
			}),
			refresh(client.BatchAuto, func(s *terraform.State) error {
				if diffs := attributeDiff(byGet, dliAttributes(s)); len(diffs) > 0 {
					return fmt.Errorf("batched Reads differ from GET-served ones:\n%s", strings.Join(diffs, "\n"))
				}
				// 2 pools, 7 queues, 3 connections: at most one GET per kind.
				if got := singleReads(env.Emulator.Requests()); got > 3 {
					return fmt.Errorf("batching as users get it: %d single-object reads, want at most one per kind", got)
				}
				return nil
			}),
		},
	})
}
