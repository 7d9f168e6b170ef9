package queue_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// queueListsUnpaged checks that every queue list request asked for the whole
// list: the data source relies on DLI answering it at once (see ListQueues).
func queueListsUnpaged(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		lists := 0
		for _, r := range env.Emulator.Requests() {
			if r.Method == "GET" && strings.HasSuffix(r.Path, "/queues") && strings.HasPrefix(r.Path, "/v1.0/") {
				lists++
				if strings.Contains(r.Query, "page-size") || strings.Contains(r.Query, "current-page") {
					return fmt.Errorf("queue list request asked for a page: %s", r.Query)
				}
			}
		}
		if lists == 0 {
			return fmt.Errorf("no queue list request was made")
		}
		return nil
	}
}

// TestAccQueuesDataSource_filters lists 135 queues (more than a page of any
// other DLI list) and applies every filter alone and combined.
func TestAccQueuesDataSource_filters(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	e := env.Emulator
	prefix := acctest.Name("dsq")
	tags := map[string]string{"batch": prefix}
	pool := acctest.Seed(t, e.SeedPools, emulator.Seed{Prefix: prefix + "_pool", Count: 1})[0]
	general := acctest.Seed(t, e.SeedQueues, emulator.Seed{Prefix: prefix + "_g", Count: 3, QueueType: "general", Tags: tags})
	pooled := acctest.Seed(t, e.SeedQueues, emulator.Seed{Prefix: prefix + "_p", Count: 2, Pool: pool, Tags: tags})
	sql := acctest.Seed(t, e.SeedQueues, emulator.Seed{Prefix: prefix + "_s", Count: 130, Tags: tags})
	untagged := acctest.Seed(t, e.SeedQueues, emulator.Seed{Prefix: prefix + "_u", Count: 1})
	all := append(append(append([]string(nil), general...), pooled...), sql...) // listed by name

	queues := tfjsonpath.New("queues")
	names := tfjsonpath.New("names")
	ds := func(label string) string { return "data.dli_queues." + label }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
data "dli_queues" "all" {
  tags = { batch = %[1]q }
}

data "dli_queues" "sql" {
  queue_type = "sql"
  tags       = { batch = %[1]q }
}

data "dli_queues" "general" {
  queue_type = "general"
  tags       = { batch = %[1]q }
}

data "dli_queues" "pool" {
  elastic_resource_pool_name = upper(%[2]q)
}

data "dli_queues" "pool_general" {
  elastic_resource_pool_name = %[2]q
  queue_type                 = "general"
}

data "dli_queues" "everything" {}
`, prefix, pool)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds("all"), names, acctest.StringsExact(all...)),
				statecheck.ExpectKnownValue(ds("all"), tfjsonpath.New("queue_type"), knownvalue.StringExact("all")),
				statecheck.ExpectKnownValue(ds("sql"), names, acctest.StringsExact(append(append([]string(nil), pooled...), sql...)...)),
				statecheck.ExpectKnownValue(ds("general"), names, acctest.StringsExact(general...)),
				statecheck.ExpectKnownValue(ds("pool"), names, acctest.StringsExact(pooled...)),
				statecheck.ExpectKnownValue(ds("pool_general"), names, knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(ds("everything"), names, knownvalue.ListSizeExact(len(all)+len(untagged))),
				statecheck.ExpectKnownValue(ds("all"), queues, knownvalue.ListSizeExact(135)),
				statecheck.ExpectKnownValue(ds("pool"), queues.AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                         knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`)),
					"name":                       knownvalue.StringExact(pooled[1]),
					"queue_id":                   knownvalue.NotNull(),
					"queue_type":                 knownvalue.StringExact("sql"),
					"elastic_resource_pool_name": knownvalue.StringExact(pool),
					"cu_count":                   knownvalue.Int64Exact(16),
					"description":                knownvalue.StringExact(""),
					"platform":                   knownvalue.StringExact("x86_64"),
					"resource_mode":              knownvalue.Int64Exact(1),
					"feature":                    knownvalue.StringExact("basic"),
					"engine":                     knownvalue.StringExact("spark"),
					"labels":                     knownvalue.ListSizeExact(0),
					"enterprise_project_id":      knownvalue.StringExact("0"),
					"charging_mode":              knownvalue.Int64Exact(1),
					"resource_type":              knownvalue.StringExact("vm"),
					"cu_spec":                    knownvalue.Int64Exact(16),
					"cu_scale_out_limit":         knownvalue.Int64Exact(64),
					"cu_scale_in_limit":          knownvalue.Int64Exact(8),
					"cidr_in_vpc":                knownvalue.StringExact("172.16.0.0/12"),
					"owner":                      knownvalue.NotNull(),
					"created_at":                 knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
				})),
			},
			Check: queueListsUnpaged(env),
		}},
	})
}

// TestAccQueueDataSource_fromResource looks up a queue the configuration
// creates, through both data sources, by the resources' outputs.
func TestAccQueueDataSource_fromResource(t *testing.T) {
	env := acctest.New(t)
	pool := acctest.Name("dsq_pool")
	name := acctest.Name("dsq")
	one := "data.dli_queue.one"
	inPool := "data.dli_queues.in_pool"
	same := func(resAttr, dsAddr string, dsPath tfjsonpath.Path) statecheck.StateCheck {
		return statecheck.CompareValuePairs(addr, tfjsonpath.New(resAttr), dsAddr, dsPath, compare.ValuesSame())
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{{
			Config: env.Config(poolConfig(pool), queueConfig(name, 16, `  queue_type  = "general"
  description = "looked up"
  labels      = ["multi_az=2"]`), `
data "dli_queue" "one" {
  name = upper(dli_queue.test.name)
}

data "dli_queues" "in_pool" {
  elastic_resource_pool_name = dli_queue.test.elastic_resource_pool_name
}

output "queue_cus" {
  value = data.dli_queue.one.cu_count
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				same("id", one, tfjsonpath.New("id")),
				same("queue_id", one, tfjsonpath.New("queue_id")),
				same("platform", one, tfjsonpath.New("platform")),
				same("feature", one, tfjsonpath.New("feature")),
				same("resource_type", one, tfjsonpath.New("resource_type")),
				same("cu_scale_out_limit", one, tfjsonpath.New("cu_scale_out_limit")),
				same("id", inPool, tfjsonpath.New("queues").AtSliceIndex(0).AtMapKey("id")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("name"), knownvalue.StringExact(strings.ToUpper(name))),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("queue_type"), knownvalue.StringExact("general")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("description"), knownvalue.StringExact("looked up")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("elastic_resource_pool_name"), knownvalue.StringExact(pool)),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("labels"), acctest.StringsExact("multi_az=2")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("engine"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("cidr_in_vpc"), knownvalue.StringExact("172.16.0.0/12")),
				statecheck.ExpectKnownValue(inPool, tfjsonpath.New("names"), acctest.StringsExact(name)),
				statecheck.ExpectKnownOutputValue("queue_cus", knownvalue.Int64Exact(16)),
			},
		}},
	})
}

// TestAccQueueDataSource_notFound asks for a queue that does not exist.
func TestAccQueueDataSource_notFound(t *testing.T) {
	env := acctest.New(t)
	missing := acctest.Name("no_such_queue")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
data "dli_queue" "missing" {
  name = %q
}
`, missing)),
			ExpectError: regexp.MustCompile(`No\s+queue\s+is\s+named\s+"` + missing + `"\s+\(of\s+any\s+type\)`),
		}},
	})
}
