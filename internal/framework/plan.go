package framework

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// PlannedChanges returns those of the named root attributes whose planned
// value differs from the state's: with the names of the attributes that
// require replacement, the arguments whose change replaces the object. The
// resource's ModifyPlan does not see the attribute plan modifiers' verdict
// (the framework hands it an empty RequiresReplace), but it runs after them,
// so their planned values, a name kept in the state's case included, are
// already in the plan. An unknown planned value counts as a change, as it
// does for RequiresReplace. Nothing changes on create or destroy.
func PlannedChanges(req resource.ModifyPlanRequest, names ...string) []string {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return nil
	}
	var out []string
	for _, name := range names {
		p := tftypes.NewAttributePath().WithAttributeName(name)
		planned, _, perr := tftypes.WalkAttributePath(req.Plan.Raw, p)
		prior, _, serr := tftypes.WalkAttributePath(req.State.Raw, p)
		if perr != nil || serr != nil {
			continue
		}
		pv, pok := planned.(tftypes.Value)
		sv, sok := prior.(tftypes.Value)
		if pok && sok && !pv.Equal(sv) {
			out = append(out, name)
		}
	}
	return out
}
