package connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
)

// unchangedBindings plans the bindings attribute:
//   - while elastic_resource_pools and queues are unchanged, the state's
//     bindings are kept: plain UseStateForUnknown would be wrong (a new binding
//     must show as "known after apply"), and no modifier at all would show the
//     bindings as changing on every hosts or routes update;
//   - when the state holds a FAILED binding, the bindings are unknown, which
//     plans an update even if nothing else changed: the update binds it again
//     if it is still wanted, or unbinds it if it is not (a FAILED binding is
//     in neither set of the state, see connectionModel.fill).
type unchangedBindings struct{}

var _ planmodifier.List = unchangedBindings{}

func (unchangedBindings) Description(context.Context) string {
	return "keeps the prior bindings while elastic_resource_pools and queues are unchanged and none FAILED"
}

func (m unchangedBindings) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (unchangedBindings) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	// Creation or destruction: nothing to keep.
	if req.StateValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	pools, queues := failedNames(ctx, req.StateValue, &resp.Diagnostics)
	if len(pools)+len(queues) > 0 {
		resp.PlanValue = types.ListUnknown(bindingType)
		return
	}
	// The configuration, not the plan: this modifier does not see what the
	// sets' own modifiers plan. An unset set means none, and names compare
	// ignoring case, as those modifiers have it. The decision is made here
	// both ways: when only an unset set changes (its prior value is proposed
	// for a computed attribute), the framework has not marked bindings
	// unknown itself.
	for _, name := range []string{"elastic_resource_pools", "queues"} {
		var configured, prior types.Set
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &configured)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if resp.Diagnostics.HasError() {
			return
		}
		want, ok := knownStrings(ctx, configured, &resp.Diagnostics)
		have, _ := knownStrings(ctx, prior, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		if !ok || configured.IsUnknown() || !planmod.SameNamesFold(want, have) {
			resp.PlanValue = types.ListUnknown(bindingType)
			return
		}
	}
	resp.PlanValue = req.StateValue
}

// knownStrings reads a set of strings; ok is false when the set or an
// element is not known yet (a reference to an object still to be created).
func knownStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) (out []string, ok bool) {
	if s.IsUnknown() {
		return nil, false
	}
	if s.IsNull() {
		return nil, true
	}
	var vs []types.String
	diags.Append(s.ElementsAs(ctx, &vs, false)...)
	for _, v := range vs {
		if v.IsUnknown() {
			return nil, false
		}
		out = append(out, v.ValueString())
	}
	return out, true
}

// ModifyPlan warns, naming the connection and what it loses, when the plan
// unbinds pools or queues from it or empties its host mapping: jobs on those
// pools and queues lose their route to the data source, and the connection's
// queues no longer resolve the mapped names. The plan shows such changes only
// as set elements removed, which is easy to miss among others.
func (r *connectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior connectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.Name.ValueString()
	for _, set := range []struct {
		kind          string
		prior, wanted types.Set
	}{
		{"elastic resource pool", prior.ElasticResourcePools, plan.ElasticResourcePools},
		{"queue", prior.Queues, plan.Queues},
	} {
		have, _ := knownStrings(ctx, set.prior, &resp.Diagnostics)
		want, ok := knownStrings(ctx, set.wanted, &resp.Diagnostics)
		if _, removed := diffNames(have, want); ok && len(removed) > 0 {
			resp.Diagnostics.AddWarning(fmt.Sprintf("Enhanced Connection %s Will Unbind %s", name,
				framework.CountNames(removed, set.kind)),
				fmt.Sprintf("This plan unbinds %s from enhanced connection %s: jobs running on them lose the "+
					"connection's route to its data source at once, and jobs submitted later cannot reach it.",
					framework.CountNames(removed, set.kind), name))
		}
	}
	had := len(hostsOf(ctx, prior.Hosts, &resp.Diagnostics))
	if had > 0 && !plan.Hosts.IsUnknown() && len(hostsOf(ctx, plan.Hosts, &resp.Diagnostics)) == 0 {
		resp.Diagnostics.AddAttributeWarning(path.Root("hosts"),
			fmt.Sprintf("Enhanced Connection %s Will Lose Its Host Mapping", name),
			fmt.Sprintf("This plan empties the host mapping of enhanced connection %s (it has %d entries): jobs on "+
				"its queues no longer resolve those host names, and connections to the data source by name fail.",
				name, had))
	}
}
