package connection

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

// Binding kinds as the bindings attribute reports them.
const (
	kindPool  = "pool"
	kindQueue = "queue"
)

// connectionModel is the Terraform state of dli_enhanced_connection.
type connectionModel struct {
	ID                   types.String   `tfsdk:"id"`
	Name                 types.String   `tfsdk:"name"`
	VPCID                types.String   `tfsdk:"vpc_id"`
	SubnetID             types.String   `tfsdk:"subnet_id"`
	RouteTableID         types.String   `tfsdk:"route_table_id"`
	ElasticResourcePools types.Set      `tfsdk:"elastic_resource_pools"`
	Queues               types.Set      `tfsdk:"queues"`
	Hosts                types.List     `tfsdk:"hosts"`
	Routes               types.Set      `tfsdk:"routes"`
	Tags                 types.Map      `tfsdk:"tags"`
	Status               types.String   `tfsdk:"status"`
	CreatedAt            types.String   `tfsdk:"created_at"`
	Bindings             types.List     `tfsdk:"bindings"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

// hostModel is one element of hosts.
type hostModel struct {
	Name types.String `tfsdk:"name"`
	IP   types.String `tfsdk:"ip"`
}

// routeModel is one element of routes.
type routeModel struct {
	Name types.String `tfsdk:"name"`
	CIDR types.String `tfsdk:"cidr"`
}

// bindingModel is one element of bindings.
type bindingModel struct {
	Name   types.String `tfsdk:"name"`
	Kind   types.String `tfsdk:"kind"`
	Status types.String `tfsdk:"status"`
	PeerID types.String `tfsdk:"peer_id"`
	ErrMsg types.String `tfsdk:"err_msg"`
}

var (
	hostType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "ip": types.StringType,
	}}
	routeType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "cidr": types.StringType,
	}}
	bindingType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "kind": types.StringType, "status": types.StringType,
		"peer_id": types.StringType, "err_msg": types.StringType,
	}}
)

// createInput builds the creation request from the plan.
func (m *connectionModel) createInput(ctx context.Context, diags *diag.Diagnostics) client.CreateConnectionInput {
	return client.CreateConnectionInput{
		Name:         m.Name.ValueString(),
		VPCID:        m.VPCID.ValueString(),
		SubnetID:     m.SubnetID.ValueString(),
		RouteTableID: m.RouteTableID.ValueString(),
		Pools:        framework.Strings(ctx, m.ElasticResourcePools, diags),
		Queues:       framework.Strings(ctx, m.Queues, diags),
		Hosts:        hostsOf(ctx, m.Hosts, diags),
		Tags:         tags.FromMap(ctx, m.Tags, diags),
	}
}

// hostsOf reads the hosts attribute; null gives an empty (not nil) list, which
// is what clearing the mapping sends.
func hostsOf(ctx context.Context, l types.List, diags *diag.Diagnostics) []client.Host {
	out := []client.Host{}
	if l.IsNull() || l.IsUnknown() {
		return out
	}
	var hs []hostModel
	diags.Append(l.ElementsAs(ctx, &hs, false)...)
	for _, h := range hs {
		out = append(out, client.Host{Name: h.Name.ValueString(), IP: h.IP.ValueString()})
	}
	return out
}

// routesOf reads the routes attribute.
func routesOf(ctx context.Context, s types.Set, diags *diag.Diagnostics) []client.Route {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var rs []routeModel
	diags.Append(s.ElementsAs(ctx, &rs, false)...)
	out := make([]client.Route, 0, len(rs))
	for _, r := range rs {
		out = append(out, client.Route{Name: r.Name.ValueString(), CIDR: r.CIDR.ValueString()})
	}
	return out
}

// fill sets every attribute DLI reports from conn, keeping what it does not
// report (route_table_id, timeouts) or reports elsewhere (tags, see readTags)
// as it is in m. m holds the prior state or the plan; its spelling of names
// is kept where DLI's answer means the same thing, so that no diff appears
// that the user did not cause. "None" is always an empty collection, never
// null: after an import nothing tells whether the configuration writes [] or
// leaves the attribute out, and the schema plans both as [] (planmod.NoneIsEmpty).
func (m *connectionModel) fill(ctx context.Context, conn *client.Connection, diags *diag.Diagnostics) {
	m.ID = types.StringValue(conn.ID)
	m.Name = planmod.SameName(m.Name, conn.Name)
	m.VPCID = types.StringValue(conn.VPCID)
	m.SubnetID = types.StringValue(conn.SubnetID)
	m.Status = types.StringValue(conn.Status)
	m.CreatedAt = framework.Timestamp(conn.CreateTime)
	// A FAILED peering does not count as bound: leaving it out of the sets makes
	// the next plan bind it again (DLI replaces a FAILED peering when asked to
	// bind it again); bindings still shows it with its err_msg.
	m.ElasticResourcePools = nameSet(ctx, m.ElasticResourcePools, boundNames(conn.Pools), diags)
	m.Queues = nameSet(ctx, m.Queues, boundNames(conn.Queues), diags)
	m.Hosts = hostList(conn.Hosts, diags)
	m.Routes = routeSet(ctx, m.Routes, conn.Routes, diags)
	m.Bindings = bindingList(conn, diags)
}

// boundNames lists the pools or queues whose peering has not FAILED.
func boundNames(bs []client.Binding) []string {
	out := make([]string, 0, len(bs))
	for _, b := range bs {
		if !client.StatusIs(b.Status, client.BindingStatusFailed) {
			out = append(out, b.Name)
		}
	}
	return out
}

// failedNames lists the pools and queues whose peering FAILED according to the
// bindings attribute. They are in neither set of the state (see fill), so an
// unbind of one the configuration no longer wants must come from here.
func failedNames(ctx context.Context, bindings types.List, diags *diag.Diagnostics) (pools, queues []string) {
	if bindings.IsNull() || bindings.IsUnknown() {
		return nil, nil
	}
	var bs []bindingModel
	diags.Append(bindings.ElementsAs(ctx, &bs, false)...)
	for _, b := range bs {
		if !client.StatusIs(b.Status.ValueString(), client.BindingStatusFailed) {
			continue
		}
		switch b.Kind.ValueString() {
		case kindPool:
			pools = append(pools, b.Name.ValueString())
		case kindQueue:
			queues = append(queues, b.Name.ValueString())
		}
	}
	return pools, queues
}

// nameSet turns names reported by DLI into a set, keeping the prior spelling of
// each name DLI reports in another case; none is an empty set.
func nameSet(ctx context.Context, prior types.Set, names []string, diags *diag.Diagnostics) types.Set {
	var known []string
	if !prior.IsNull() && !prior.IsUnknown() {
		diags.Append(prior.ElementsAs(ctx, &known, false)...)
	}
	elems := make([]attr.Value, 0, len(names))
	for _, n := range names {
		v := n
		for _, k := range known {
			if strings.EqualFold(k, n) {
				v = k
				break
			}
		}
		elems = append(elems, types.StringValue(v))
	}
	s, d := types.SetValue(types.StringType, elems)
	diags.Append(d...)
	return s
}

// hostList is the host mapping DLI reports; none is an empty list.
func hostList(hosts []client.Host, diags *diag.Diagnostics) types.List {
	elems := make([]attr.Value, 0, len(hosts))
	for _, h := range hosts {
		o, d := types.ObjectValue(hostType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(h.Name), "ip": types.StringValue(h.IP),
		})
		diags.Append(d...)
		elems = append(elems, o)
	}
	l, d := types.ListValue(hostType, elems)
	diags.Append(d...)
	return l
}

// routeSet turns the routes DLI reports into a set, keeping the prior (or
// planned) spelling of each route name DLI reports in another case, as nameSet
// does: the configuration treats route names as unique ignoring case, and a
// spelling DLI changed must not surface as a change the user did not make. A
// prior name DLI also reports exactly is kept for that route only. None is
// an empty set.
func routeSet(ctx context.Context, prior types.Set, routes []client.Route, diags *diag.Diagnostics) types.Set {
	known := routesOf(ctx, prior, diags)
	reported := make(map[string]bool, len(routes))
	for _, r := range routes {
		reported[r.Name] = true
	}
	used := map[string]bool{}
	elems := make([]attr.Value, 0, len(routes))
	for _, r := range routes {
		name := r.Name
		for _, k := range known {
			if k.Name != r.Name && strings.EqualFold(k.Name, r.Name) && !reported[k.Name] && !used[k.Name] {
				name = k.Name
				used[k.Name] = true
				break
			}
		}
		o, d := types.ObjectValue(routeType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(name), "cidr": types.StringValue(r.CIDR),
		})
		diags.Append(d...)
		elems = append(elems, o)
	}
	s, d := types.SetValue(routeType, elems)
	diags.Append(d...)
	return s
}

// bindingList lists every pool and queue binding, sorted by kind then name so
// that the list does not reorder between reads.
func bindingList(conn *client.Connection, diags *diag.Diagnostics) types.List {
	type kb struct {
		kind string
		b    client.Binding
	}
	all := make([]kb, 0, len(conn.Pools)+len(conn.Queues))
	for _, b := range conn.Pools {
		all = append(all, kb{kindPool, b})
	}
	for _, b := range conn.Queues {
		all = append(all, kb{kindQueue, b})
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].kind != all[j].kind {
			return all[i].kind < all[j].kind
		}
		return all[i].b.Name < all[j].b.Name
	})
	elems := make([]attr.Value, 0, len(all))
	for _, x := range all {
		o, d := types.ObjectValue(bindingType.AttrTypes, map[string]attr.Value{
			"name":    types.StringValue(x.b.Name),
			"kind":    types.StringValue(x.kind),
			"status":  types.StringValue(x.b.Status),
			"peer_id": types.StringValue(x.b.PeerID),
			"err_msg": types.StringValue(x.b.ErrMsg),
		})
		diags.Append(d...)
		elems = append(elems, o)
	}
	l, d := types.ListValue(bindingType, elems)
	diags.Append(d...)
	return l
}
