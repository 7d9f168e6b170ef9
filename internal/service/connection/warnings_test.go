package connection_test

import (
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/service/connection"
)

type hostValue struct {
	Name string `tfsdk:"name"`
	IP   string `tfsdk:"ip"`
}

// connectionValues is a connection bound to pools and queues, with hosts.
func connectionValues(pools, queues []string, hosts []hostValue) acctest.Values {
	return acctest.Values{"id": "2a620c33-5609-40c9-affd-2b6453071b0f", "name": "warehouse", "vpc_id": "v",
		"subnet_id": "s", "elastic_resource_pools": pools, "queues": queues, "hosts": hosts}
}

// TestModifyPlanWarnsOfUnbinding: a plan that unbinds pools or queues from a
// connection warns, naming the connection and each of them (names compare
// ignoring case, as DLI stores them); one that emptied the hosts warns on
// hosts; one that only adds does not warn.
func TestModifyPlanWarnsOfUnbinding(t *testing.T) {
	hosts := []hostValue{{"db1", "10.0.0.1"}, {"db2", "10.0.0.2"}}
	prior := connectionValues([]string{"etl", "bi"}, []string{"q1", "q2"}, hosts)
	run := func(planned acctest.Values) []string {
		return acctest.Warnings(acctest.ModifyPlan(t, connection.NewResource(), nil, prior, planned))
	}

	w := run(connectionValues([]string{"ETL"}, []string{"q1"}, hosts))
	want := []string{
		"Enhanced Connection warehouse Will Unbind 1 elastic resource pool (bi): This plan unbinds 1 elastic " +
			"resource pool (bi) from enhanced connection warehouse: jobs running on them lose",
		"Enhanced Connection warehouse Will Unbind 1 queue (q2): This plan unbinds 1 queue (q2)",
	}
	if len(w) != len(want) {
		t.Fatalf("want %d warnings, got %q", len(want), w)
	}
	for i := range want {
		if !strings.HasPrefix(w[i], want[i]) {
			t.Errorf("warning %d is\n%s\nwant it to start with\n%s", i, w[i], want[i])
		}
	}

	w = run(connectionValues([]string{"etl", "bi"}, []string{"q1", "q2"}, []hostValue{}))
	if len(w) != 1 || !strings.HasPrefix(w[0], "Enhanced Connection warehouse Will Lose Its Host Mapping: This plan "+
		"empties the host mapping of enhanced connection warehouse (it has 2 entries)") {
		t.Errorf("emptying the hosts: got %q", w)
	}

	if w := run(connectionValues([]string{"etl", "bi", "new"}, []string{"q1", "q2", "q3"}, hosts[:1])); len(w) != 0 {
		t.Errorf("adding bindings and keeping a host warns: %q", w)
	}
}
