package pool_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// failedPool creates, behind Terraform's back, a pool that ends FAILED, and
// waits until DLI reports it so.
func failedPool(t *testing.T, env *acctest.Env, name string, tags ...client.Tag) {
	t.Helper()
	env.Emulator.FailNext("pool", name)
	env.CreatePoolOutOfBand(t, client.CreatePoolInput{Name: name, MinCU: 64, MaxCU: 64, Tags: tags}, client.PoolStatusFailed)
}

// TestAccElasticResourcePoolsDataSource_filters reads 231 pools (three pages of
// the list API) and every filter alone and combined.
func TestAccElasticResourcePoolsDataSource_filters(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	prefix := acctest.Name("dsbulk")
	batch := acctest.Name("batch")
	seeded, err := env.Emulator.SeedPools(emulator.Seed{Prefix: prefix, Count: 230, Tags: map[string]string{"batch": batch}})
	if err != nil {
		t.Fatal(err)
	}
	failed := prefix + "_failed"
	failedPool(t, env, failed, client.Tag{Key: "batch", Value: batch})
	all := append(append([]string(nil), seeded...), failed) // the list is sorted by name

	const (
		batchAddr     = "data.dli_elastic_resource_pools.batch"
		byNameAddr    = "data.dli_elastic_resource_pools.by_name"
		failedAddr    = "data.dli_elastic_resource_pools.failed"
		availableAddr = "data.dli_elastic_resource_pools.available"
		noneAddr      = "data.dli_elastic_resource_pools.none"
	)
	pools := tfjsonpath.New("elastic_resource_pools")
	first := pools.AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
data "dli_elastic_resource_pools" "batch" {
  tags = { batch = %[1]q }
}

data "dli_elastic_resource_pools" "by_name" {
  name = upper("%[2]s_022")
}

data "dli_elastic_resource_pools" "failed" {
  status = "FAILED"
  tags   = { batch = %[1]q }
}

data "dli_elastic_resource_pools" "available" {
  name   = "%[2]s_01"
  status = "AVAILABLE"
  tags   = { batch = %[1]q }
}

data "dli_elastic_resource_pools" "none" {
  tags = { batch = "no-such-batch" }
}
`, batch, prefix)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(batchAddr, tfjsonpath.New("names"), acctest.StringsExact(all...)),
				statecheck.ExpectKnownValue(batchAddr, pools, knownvalue.ListSizeExact(231)),
				statecheck.ExpectKnownValue(batchAddr, pools.AtSliceIndex(42).AtMapKey("name"), knownvalue.StringExact(seeded[42])),
				statecheck.ExpectKnownValue(batchAddr, pools.AtSliceIndex(230).AtMapKey("name"), knownvalue.StringExact(failed)),
				statecheck.ExpectKnownValue(byNameAddr, tfjsonpath.New("names"), acctest.StringsExact(seeded[220:230]...)),
				statecheck.ExpectKnownValue(failedAddr, tfjsonpath.New("names"), acctest.StringsExact(failed)),
				statecheck.ExpectKnownValue(failedAddr, first.AtMapKey("status"), knownvalue.StringExact("FAILED")),
				statecheck.ExpectKnownValue(failedAddr, first.AtMapKey("fail_reason"), knownvalue.StringRegexp(acctest.Words("insufficient resources"))),
				statecheck.ExpectKnownValue(availableAddr, tfjsonpath.New("names"), acctest.StringsExact(seeded[100:200]...)),
				statecheck.ExpectKnownValue(noneAddr, tfjsonpath.New("names"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(noneAddr, pools, knownvalue.ListSizeExact(0)),
				// Every attribute of one seeded pool.
				statecheck.ExpectKnownValue(byNameAddr, first, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                    knownvalue.StringRegexp(uuidRe),
					"name":                  knownvalue.StringExact(seeded[220]),
					"description":           knownvalue.StringExact(""),
					"status":                knownvalue.StringExact("AVAILABLE"),
					"fail_reason":           knownvalue.StringExact(""),
					"min_cu":                knownvalue.Int64Exact(64),
					"max_cu":                knownvalue.Int64Exact(64),
					"current_cu":            knownvalue.Int64Exact(64),
					"actual_cu":             knownvalue.Int64Exact(64),
					"prepay_cu":             knownvalue.Int64Exact(0),
					"cidr_in_vpc":           knownvalue.StringExact("172.16.0.0/12"),
					"enterprise_project_id": knownvalue.StringExact("0"),
					"charging_mode":         knownvalue.Int64Exact(1),
					"label":                 knownvalue.MapSizeExact(0),
					"queues":                knownvalue.ListSizeExact(0),
					"owner":                 knownvalue.NotNull(),
					"manager":               knownvalue.StringExact("CUSTOMER"),
					"ipv6_enable":           knownvalue.Bool(false),
					"created_at":            knownvalue.StringRegexp(rfc3339Re),
					"updated_at":            knownvalue.StringRegexp(rfc3339Re),
				})),
			},
			Check: env.ListPagedTo("/elastic-resource-pools", 200),
		}},
	})
}

// TestAccElasticResourcePoolDataSource_fromResource looks up a pool the
// configuration creates, through both data sources, by the resource's outputs.
func TestAccElasticResourcePoolDataSource_fromResource(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("ds_pool")
	sameID := statecheck.CompareValuePairs(addr, attr("id"), "data.dli_elastic_resource_pool.one", attr("id"), compare.ValuesSame())
	sameCIDR := statecheck.CompareValuePairs(addr, attr("cidr_in_vpc"), "data.dli_elastic_resource_pool.one", attr("cidr_in_vpc"), compare.ValuesSame())
	listedID := statecheck.CompareValuePairs(addr, attr("id"), "data.dli_elastic_resource_pools.tagged",
		attr("elastic_resource_pools").AtSliceIndex(0).AtMapKey("id"), compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{{
			Config: env.Config(poolHCL(name, 64, 128, `description = "looked up"`, `cidr_in_vpc = "172.24.0.0/16"`,
				`label = { spec = "standard" }`, `tags = { owner = "ds-test" }`), `
data "dli_elastic_resource_pool" "one" {
  name = upper(dli_elastic_resource_pool.test.name)
}

data "dli_elastic_resource_pools" "tagged" {
  name = dli_elastic_resource_pool.test.name
  tags = dli_elastic_resource_pool.test.tags
}

output "pool_status" {
  value = data.dli_elastic_resource_pool.one.status
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID, sameCIDR, listedID,
				statecheck.ExpectKnownOutputValue("pool_status", knownvalue.StringExact("AVAILABLE")),
				statecheck.ExpectKnownValue("data.dli_elastic_resource_pool.one", attr("name"), knownvalue.StringExact(strings.ToUpper(name))),
				statecheck.ExpectKnownValue("data.dli_elastic_resource_pool.one", attr("description"), knownvalue.StringExact("looked up")),
				statecheck.ExpectKnownValue("data.dli_elastic_resource_pool.one", attr("min_cu"), knownvalue.Int64Exact(64)),
				statecheck.ExpectKnownValue("data.dli_elastic_resource_pool.one", attr("max_cu"), knownvalue.Int64Exact(128)),
				statecheck.ExpectKnownValue("data.dli_elastic_resource_pool.one", attr("label"),
					knownvalue.MapExact(map[string]knownvalue.Check{"spec": knownvalue.StringExact("standard")})),
				statecheck.ExpectKnownValue("data.dli_elastic_resource_pools.tagged", attr("names"), acctest.StringsExact(name)),
			},
		}},
	})
}

// TestAccElasticResourcePoolDataSource_notFound asks for a name that only
// prefixes existing pools: the error names the filter and what it matched.
func TestAccElasticResourcePoolDataSource_notFound(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	prefix := acctest.Name("dsnf")
	if _, err := env.Emulator.SeedPools(emulator.Seed{Prefix: prefix, Count: 2}); err != nil {
		t.Fatal(err)
	}
	missing := prefix + "_000"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
data "dli_elastic_resource_pool" "missing" {
  name = %q
}
`, missing)),
			ExpectError: acctest.Words(fmt.Sprintf(`no elastic resource pool is named %q. The list filter name = %q matched 2 pools (%s_0000, %s_0001)`,
				missing, missing, prefix, prefix)),
		}},
	})
}
