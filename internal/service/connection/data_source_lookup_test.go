package connection

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func TestConnectionNamedPrefersExactThenIgnoresCase(t *testing.T) {
	conns := []client.Connection{{ID: "1", Name: "Conn"}, {ID: "2", Name: "conn"}, {ID: "3", Name: "conn_2"}}
	if c, err := connectionNamed(conns, "conn"); err != nil || c.ID != "2" {
		t.Fatalf("exact: got %+v, %v", c, err)
	}
	if c, err := connectionNamed(conns[2:], "CONN_2"); err != nil || c.ID != "3" {
		t.Fatalf("ignoring case: got %+v, %v", c, err)
	}
}

func TestConnectionNamedAmbiguous(t *testing.T) {
	_, err := connectionNamed([]client.Connection{{ID: "1", Name: "Conn"}, {ID: "2", Name: "CONN"}}, "conn")
	want := `2 enhanced connections are named "conn" (ignoring case): CONN (id 2), Conn (id 1).`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %v, want %s", err, want)
	}
	// Two exact matches (if DLI ever allows duplicate names) are ambiguous too.
	_, err = connectionNamed([]client.Connection{{ID: "1", Name: "c"}, {ID: "2", Name: "c"}, {ID: "3", Name: "C"}}, "c")
	if err == nil || !strings.HasPrefix(err.Error(), `2 enhanced connections are named "c" (exactly)`) {
		t.Fatalf("got %v", err)
	}
}

func TestConnectionNamedNotFoundNamesSimilarNames(t *testing.T) {
	_, err := connectionNamed([]client.Connection{{Name: "etl_b"}, {Name: "etl_a"}, {Name: "other"}}, "ETL")
	want := `no enhanced connection is named "ETL", exactly or ignoring case. Names that resemble it: 2 connections (etl_a, etl_b).`
	var none *noSuchNameError
	if !errors.As(err, &none) || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v", err)
	}
	if _, err := connectionNamed([]client.Connection{{Name: "other"}}, "x"); !errors.As(err, &none) ||
		!strings.Contains(err.Error(), `is named "x", exactly or ignoring case.`+"\n") {
		t.Fatalf("no similar names: got %v", err)
	}
}

// The list data source keeps exact matches only, case included, whether DLI's
// filter compares case or not.
func TestNamedExactly(t *testing.T) {
	got := namedExactly([]client.Connection{{ID: "1", Name: "Conn"}, {ID: "2", Name: "conn"}, {ID: "3", Name: "conn_2"}}, "conn")
	if len(got) != 1 || got[0].ID != "2" {
		t.Fatalf("got %+v", got)
	}
}

func TestWithoutDeletedDropsOnlyDeleted(t *testing.T) {
	got := withoutDeleted([]client.Connection{{ID: "a", Status: "ACTIVE"}, {ID: "b", Status: "DELETED"}, {ID: "c"}})
	if len(got) != 2 || got[0].ID != "a" || got[1].ID != "c" {
		t.Fatalf("got %+v", got)
	}
}

func TestConnectionItemSortsRoutesAndNames(t *testing.T) {
	var diags diag.Diagnostics
	m := connectionItem(client.Connection{
		ID: "id", Name: "n", Status: "ACTIVE", VPCID: "v", SubnetID: "s", CreateTime: 1700000000000,
		Hosts:  []client.Host{{Name: "h2", IP: "10.0.0.2"}, {Name: "h1", IP: "10.0.0.1"}},
		Routes: []client.Route{{Name: "r2", CIDR: "10.2.0.0/16"}, {Name: "r1", CIDR: "10.1.0.0/16"}},
		Pools:  []client.Binding{{Name: "p2", Status: "ACTIVE"}, {Name: "p1", Status: "FAILED", ErrMsg: "no"}},
		Queues: []client.Binding{{Name: "q1", Status: "CREATING"}},
	}, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if m.ElasticResourcePools.String() != `["p1","p2"]` || m.Queues.String() != `["q1"]` {
		t.Fatalf("names: %v %v", m.ElasticResourcePools, m.Queues)
	}
	if m.Routes[0].Name.ValueString() != "r1" || m.Routes[1].CIDR.ValueString() != "10.2.0.0/16" {
		t.Fatalf("routes: %+v", m.Routes)
	}
	// Hosts keep DLI's order: it is the order of the mapping.
	if m.Hosts[0].Name.ValueString() != "h2" || m.Hosts[1].IP.ValueString() != "10.0.0.1" {
		t.Fatalf("hosts: %+v", m.Hosts)
	}
	if len(m.Bindings.Elements()) != 3 || m.CreatedAt.ValueString() != "2023-11-14T22:13:20Z" {
		t.Fatalf("bindings %v created %v", m.Bindings, m.CreatedAt)
	}
	empty := connectionItem(client.Connection{}, &diags)
	if empty.Hosts == nil || empty.Routes == nil || empty.ElasticResourcePools.IsNull() || empty.Bindings.IsNull() {
		t.Fatalf("an empty connection must report empty lists, not null: %+v", empty)
	}
}
