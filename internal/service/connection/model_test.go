package connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func stringSet(t *testing.T, vs ...string) types.Set {
	t.Helper()
	elems := make([]attr.Value, 0, len(vs))
	for _, v := range vs {
		elems = append(elems, types.StringValue(v))
	}
	s, d := types.SetValue(types.StringType, elems)
	if d.HasError() {
		t.Fatal(d)
	}
	return s
}

func emptyModel() connectionModel {
	return connectionModel{
		Name:                 types.StringNull(),
		RouteTableID:         types.StringNull(),
		ElasticResourcePools: types.SetNull(types.StringType),
		Queues:               types.SetNull(types.StringType),
		Hosts:                types.ListNull(hostType),
		Routes:               types.SetNull(routeType),
		Tags:                 types.MapNull(types.StringType),
	}
}

// The seed's GET answer, as the client maps it.
func seedConnection() *client.Connection {
	return &client.Connection{
		ID: "2a620c33-5609-40c9-affd-2b6453071b0f", Name: "test1", Status: "ACTIVE",
		VPCID: "22094d8f-c310-4621-913d-4c4d655d8495", SubnetID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
		CreateTime: 1566888011125,
		Hosts:      []client.Host{{Name: "ecs-97f8-0001", IP: "192.168.0.1"}, {Name: "ecs-97f8-0002", IP: "192.168.0.2"}},
		Pools: []client.Binding{{Name: "elastic_pool_dli", Status: "ACTIVE",
			PeerID: "2a620c33-5609-40c9-affd-2b6453071b0f", UpdateTime: 1566889577861}},
	}
}

func TestFillFromSeedImport(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	m := emptyModel() // what import starts from
	m.fill(ctx, seedConnection(), &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := m.CreatedAt.ValueString(); got != "2019-08-27T06:40:11Z" {
		t.Errorf("created_at = %s", got)
	}
	if !m.ElasticResourcePools.Equal(stringSet(t, "elastic_pool_dli")) {
		t.Errorf("elastic_resource_pools = %s", m.ElasticResourcePools)
	}
	// None is [], never null: after an import nothing tells whether the
	// configuration writes [] or leaves the attribute out; both plan as [].
	if !m.Queues.Equal(stringSet(t)) || m.Routes.IsNull() || len(m.Routes.Elements()) != 0 {
		t.Errorf("queues and routes should be [] when none: %s %s", m.Queues, m.Routes)
	}
	if !m.RouteTableID.IsNull() || !m.Tags.IsNull() {
		t.Error("route_table_id and tags are not reported and must stay as they were")
	}
	var hosts []hostModel
	diags.Append(m.Hosts.ElementsAs(ctx, &hosts, false)...)
	if len(hosts) != 2 || hosts[0].Name.ValueString() != "ecs-97f8-0001" || hosts[1].IP.ValueString() != "192.168.0.2" {
		t.Errorf("hosts = %v", hosts)
	}
	var bs []bindingModel
	diags.Append(m.Bindings.ElementsAs(ctx, &bs, false)...)
	if len(bs) != 1 || bs[0].Kind.ValueString() != kindPool || bs[0].Status.ValueString() != "ACTIVE" ||
		bs[0].PeerID.ValueString() != "2a620c33-5609-40c9-affd-2b6453071b0f" || bs[0].ErrMsg.ValueString() != "" {
		t.Errorf("bindings = %v", bs)
	}
}

func TestFillKeepsSpellingAndEmptiness(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	m := emptyModel()
	m.Name = types.StringValue("Test1")
	m.ElasticResourcePools = stringSet(t, "Elastic_Pool_DLI")
	m.Queues = stringSet(t) // configured as []
	m.Hosts, _ = types.ListValue(hostType, nil)
	m.Routes, _ = types.SetValue(routeType, nil)
	m.RouteTableID = types.StringValue("rtb-1")
	conn := seedConnection()
	conn.Hosts = nil
	m.fill(ctx, conn, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if m.Name.ValueString() != "Test1" {
		t.Errorf("name = %s: the configured case must be kept", m.Name)
	}
	if !m.ElasticResourcePools.Equal(stringSet(t, "Elastic_Pool_DLI")) {
		t.Errorf("elastic_resource_pools = %s: the configured case must be kept", m.ElasticResourcePools)
	}
	if m.Queues.IsNull() || len(m.Queues.Elements()) != 0 {
		t.Errorf("queues = %s: [] must stay []", m.Queues)
	}
	if m.Hosts.IsNull() || len(m.Hosts.Elements()) != 0 {
		t.Errorf("hosts = %s: [] must stay []", m.Hosts)
	}
	if m.Routes.IsNull() || len(m.Routes.Elements()) != 0 {
		t.Errorf("routes = %s: [] must stay []", m.Routes)
	}
	if m.RouteTableID.ValueString() != "rtb-1" {
		t.Errorf("route_table_id = %s", m.RouteTableID)
	}
}

// A case-only rename of a route sends nothing (route names match ignoring
// case), so reading must keep the planned spelling, not DLI's.
func TestFillKeepsRouteNameSpelling(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	route := func(name, cidr string) attr.Value {
		o, d := types.ObjectValue(routeType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(name), "cidr": types.StringValue(cidr),
		})
		diags.Append(d...)
		return o
	}
	m := emptyModel()
	m.Routes, _ = types.SetValue(routeType, []attr.Value{route("routea", "10.0.0.0/16"), route("lab", "10.1.0.0/16")})
	conn := seedConnection()
	conn.Routes = []client.Route{{Name: "RouteA", CIDR: "10.0.0.0/16"}, {Name: "Lab", CIDR: "10.9.0.0/16"},
		{Name: "Other", CIDR: "10.2.0.0/16"}}
	m.fill(ctx, conn, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want, _ := types.SetValue(routeType, []attr.Value{route("routea", "10.0.0.0/16"), route("lab", "10.9.0.0/16"),
		route("Other", "10.2.0.0/16")})
	if !m.Routes.Equal(want) {
		t.Errorf("routes = %s, want %s: names keep the prior spelling, cidrs are DLI's", m.Routes, want)
	}
}

// Two routes DLI reports that differ only in case are both kept as DLI spells
// them when the prior state has one of them exactly.
func TestFillKeepsExactRouteNames(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	route := func(name string) attr.Value {
		o, d := types.ObjectValue(routeType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(name), "cidr": types.StringValue("10.0.0.0/16"),
		})
		diags.Append(d...)
		return o
	}
	m := emptyModel()
	m.Routes, _ = types.SetValue(routeType, []attr.Value{route("office")})
	conn := seedConnection()
	conn.Routes = []client.Route{{Name: "office", CIDR: "10.0.0.0/16"}, {Name: "OFFICE", CIDR: "10.0.0.0/16"}}
	m.fill(ctx, conn, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if want, _ := types.SetValue(routeType, []attr.Value{route("office"), route("OFFICE")}); !m.Routes.Equal(want) {
		t.Errorf("routes = %s, want %s", m.Routes, want)
	}
}

func TestBindingsSortedByKindThenName(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	conn := &client.Connection{
		Queues: []client.Binding{{Name: "q2", Status: "ACTIVE"}, {Name: "q1", Status: "CREATING"}},
		Pools:  []client.Binding{{Name: "p9", Status: "FAILED", ErrMsg: "no route"}, {Name: "p1", Status: "ACTIVE"}},
	}
	var bs []bindingModel
	diags.Append(bindingList(conn, &diags).ElementsAs(ctx, &bs, false)...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := []string{"pool/p1", "pool/p9", "queue/q1", "queue/q2"}
	if len(bs) != len(want) {
		t.Fatalf("got %d bindings, want %d", len(bs), len(want))
	}
	for i, b := range bs {
		if got := b.Kind.ValueString() + "/" + b.Name.ValueString(); got != want[i] {
			t.Errorf("bindings[%d] = %s, want %s", i, got, want[i])
		}
	}
	if bs[1].ErrMsg.ValueString() != "no route" {
		t.Errorf("err_msg of p9 = %q", bs[1].ErrMsg.ValueString())
	}
}

func TestHostsOfNullIsEmptyList(t *testing.T) {
	var diags diag.Diagnostics
	hs := hostsOf(context.Background(), types.ListNull(hostType), &diags)
	if hs == nil || len(hs) != 0 {
		t.Errorf("hostsOf(null) = %#v; want an empty, non-nil list (it clears the mapping)", hs)
	}
}

func TestFailedBindingIsNotBound(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	m := emptyModel()
	m.ElasticResourcePools = stringSet(t, "p1", "p2")
	conn := &client.Connection{
		ID: "c", Name: "c", Status: "ACTIVE",
		Pools:  []client.Binding{{Name: "p1", Status: "ACTIVE"}, {Name: "p2", Status: "FAILED", ErrMsg: "refused"}},
		Queues: []client.Binding{{Name: "q1", Status: "FAILED"}},
	}
	m.fill(ctx, conn, &diags)
	if !m.ElasticResourcePools.Equal(stringSet(t, "p1")) {
		t.Errorf("elastic_resource_pools = %s: a FAILED peering must not count as bound", m.ElasticResourcePools)
	}
	if !m.Queues.Equal(stringSet(t)) {
		t.Errorf("queues = %s, want []", m.Queues)
	}
	pools, queues := failedNames(ctx, m.Bindings, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if len(pools) != 1 || pools[0] != "p2" || len(queues) != 1 || queues[0] != "q1" {
		t.Errorf("failedNames = %v, %v", pools, queues)
	}
}
