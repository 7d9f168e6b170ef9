package connection_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestAccEnhancedConnectionsDataSource_filters lists 205 connections (three
// pages) and applies every filter, including DELETED ones only on request.
func TestAccEnhancedConnectionsDataSource_filters(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	prefix := acctest.Name("dsc")
	tags := map[string]string{"team": prefix}
	ids := acctest.Seed(t, env.Emulator.SeedConnections, emulator.Seed{Prefix: prefix, Count: 205, Tags: tags})
	gone := acctest.Seed(t, env.Emulator.SeedConnections, emulator.Seed{Prefix: prefix + "_gone", Count: 1, Tags: tags})[0]
	env.Emulator.DeleteConnectionNow(gone)

	ds := func(label string) string { return "data.dli_enhanced_connections." + label }
	idsPath := tfjsonpath.New("ids")
	first := tfjsonpath.New("connections").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
data "dli_enhanced_connections" "tagged" {
  tags = { team = %[1]q }
}

data "dli_enhanced_connections" "deleted" {
  status = "DELETED"
  tags   = { team = %[1]q }
}

data "dli_enhanced_connections" "active" {
  name   = "%[1]s_0150"
  status = "ACTIVE"
}

data "dli_enhanced_connections" "by_name" {
  name = "%[1]s_0200"
}

# The name filter matches whole names (the incumbent's data-source test):
# the common prefix of every seeded name matches none of them.
data "dli_enhanced_connections" "prefix" {
  name = %[1]q
}

# Exact, case included.
data "dli_enhanced_connections" "other_case" {
  name = upper("%[1]s_0200")
}

data "dli_enhanced_connections" "none" {
  tags = { team = "nobody" }
}
`, prefix)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds("tagged"), idsPath, acctest.StringsExact(ids...)),
				statecheck.ExpectKnownValue(ds("tagged"), tfjsonpath.New("connections"), knownvalue.ListSizeExact(205)),
				statecheck.ExpectKnownValue(ds("deleted"), idsPath, acctest.StringsExact(gone)),
				statecheck.ExpectKnownValue(ds("deleted"), first.AtMapKey("status"), knownvalue.StringExact("DELETED")),
				statecheck.ExpectKnownValue(ds("active"), idsPath, acctest.StringsExact(ids[150])),
				statecheck.ExpectKnownValue(ds("by_name"), idsPath, acctest.StringsExact(ids[200])),
				statecheck.ExpectKnownValue(ds("prefix"), idsPath, knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(ds("other_case"), idsPath, knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(ds("none"), idsPath, knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(ds("by_name"), first, knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                     knownvalue.StringExact(ids[200]),
					"name":                   knownvalue.StringExact(prefix + "_0200"),
					"status":                 knownvalue.StringExact("ACTIVE"),
					"vpc_id":                 knownvalue.StringExact("vpc-seed"),
					"subnet_id":              knownvalue.StringExact("subnet-seed"),
					"elastic_resource_pools": knownvalue.ListSizeExact(0),
					"queues":                 knownvalue.ListSizeExact(0),
					"hosts":                  knownvalue.ListSizeExact(0),
					"routes":                 knownvalue.ListSizeExact(0),
					"bindings":               knownvalue.ListSizeExact(0),
					"created_at":             knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
				})),
			},
			Check: env.ListPagedTo("/enhanced-connections", 200),
		}},
	})
}

// TestAccEnhancedConnectionDataSource_fromResource looks up a connection the
// configuration creates by id and by name, from the resource's outputs.
func TestAccEnhancedConnectionDataSource_fromResource(t *testing.T) {
	env := acctest.New(t)
	n := destination(t, env)
	pool := acctest.Name("dsc_pool")
	name := acctest.Name("dsc")
	const (
		conn   = "dli_enhanced_connection.test"
		byID   = "data.dli_enhanced_connection.by_id"
		byName = "data.dli_enhanced_connection.by_name"
		listed = "data.dli_enhanced_connections.listed"
	)
	same := func(resPath tfjsonpath.Path, dsAddr string, dsPath tfjsonpath.Path) statecheck.StateCheck {
		return statecheck.CompareValuePairs(conn, resPath, dsAddr, dsPath, compare.ValuesSame())
	}
	id := tfjsonpath.New("id")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{{
			Config: env.Config(poolHCL(pool), connectionHCL(name, n, n.subnet, `  hosts = `+seedHosts+`
  routes = [
    { name = "r_b", cidr = "10.2.0.0/16" },
    { name = "r_a", cidr = "10.1.0.0/16" },
  ]`), `
data "dli_enhanced_connection" "by_id" {
  id = dli_enhanced_connection.test.id
}

data "dli_enhanced_connection" "by_name" {
  name = dli_enhanced_connection.test.name
}

data "dli_enhanced_connections" "listed" {
  name = dli_enhanced_connection.test.name
}

output "bound_pools" {
  value = data.dli_enhanced_connection.by_id.elastic_resource_pools
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				same(id, byID, id),
				same(id, byName, id),
				same(id, listed, tfjsonpath.New("connections").AtSliceIndex(0).AtMapKey("id")),
				same(tfjsonpath.New("hosts"), byName, tfjsonpath.New("hosts")),
				same(tfjsonpath.New("bindings"), byID, tfjsonpath.New("bindings")),
				same(tfjsonpath.New("created_at"), byID, tfjsonpath.New("created_at")),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("vpc_id"), knownvalue.StringExact(n.vpc)),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("subnet_id"), knownvalue.StringExact(n.subnet)),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownValue(byName, tfjsonpath.New("routes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("r_a"), "cidr": knownvalue.StringExact("10.1.0.0/16")}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("r_b"), "cidr": knownvalue.StringExact("10.2.0.0/16")}),
				})),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("queues"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(listed, tfjsonpath.New("ids"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownOutputValue("bound_pools", acctest.StringsExact(pool)),
			},
		}},
	})
}

// TestAccEnhancedConnectionDataSource_lookupErrors covers the singular lookup's
// choices and errors: exact name, a name differing only in case (which DLI's
// whole-name filter does not return), case-only ambiguity, no match, unknown
// id, and neither or both of id and name.
func TestAccEnhancedConnectionDataSource_lookupErrors(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	lowerPrefix := acctest.Name("dup")
	upperPrefix := strings.ToUpper(lowerPrefix)
	lowerID := acctest.Seed(t, env.Emulator.SeedConnections, emulator.Seed{Prefix: lowerPrefix, Count: 1})[0]
	upperID := acctest.Seed(t, env.Emulator.SeedConnections, emulator.Seed{Prefix: upperPrefix, Count: 1})[0]
	lowerName, upperName := lowerPrefix+"_0000", upperPrefix+"_0000"
	mixed := "Dup" + strings.TrimPrefix(lowerName, "dup")
	soloPrefix := strings.ToUpper(acctest.Name("solo"))
	soloID := acctest.Seed(t, env.Emulator.SeedConnections, emulator.Seed{Prefix: soloPrefix, Count: 1})[0]
	lookup := func(arg string) string {
		return env.Config(fmt.Sprintf(`
data "dli_enhanced_connection" "test" {
  %s
}
`, arg))
	}
	idOf := tfjsonpath.New("id")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: lookup(fmt.Sprintf("name = %q", mixed)),
				ExpectError: acctest.Words(fmt.Sprintf(`2 enhanced connections are named %q (ignoring case): %s (id %s), %s (id %s). Look the connection up by id instead`,
					mixed, upperName, upperID, lowerName, lowerID)),
			},
			{
				Config: lookup(fmt.Sprintf("name = %q", lowerPrefix+"_000")),
				ExpectError: acctest.Words(fmt.Sprintf(`no enhanced connection is named %q, exactly or ignoring case. Names that resemble it: 2 connections (%s, %s).`,
					lowerPrefix+"_000", upperName, lowerName)),
			},
			{
				// A name pool rules would refuse is a valid connection name:
				// the lookup runs, and finds nothing.
				Config:      lookup(`name = "_2024"`),
				ExpectError: acctest.Words(`no enhanced connection is named "_2024"`),
			},
			{
				Config: lookup(fmt.Sprintf("name = %q", strings.ToLower(soloPrefix)+"_0000")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dli_enhanced_connection.test", idOf, knownvalue.StringExact(soloID)),
				},
			},
			{
				Config:      lookup(`id = "00000000-0000-4000-8000-000000000000"`),
				ExpectError: acctest.Words(`No enhanced connection has id "00000000-0000-4000-8000-000000000000", or DLI reports it DELETED.`),
			},
			{
				Config:      lookup(fmt.Sprintf("id = %q\n  name = %q", lowerID, lowerName)),
				ExpectError: regexp.MustCompile(`Exactly one of these attributes must be configured: \[id,name\]`),
			},
			{
				Config:      lookup(""),
				ExpectError: regexp.MustCompile(`Exactly one of these attributes must be configured: \[id,name\]`),
			},
			{
				// Last, so that the test's final destroy has a valid configuration:
				// an exact name wins over a name that differs only in case.
				Config: lookup(fmt.Sprintf("name = %q", upperName)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dli_enhanced_connection.test", idOf, knownvalue.StringExact(upperID)),
				},
			},
		},
	})
}
