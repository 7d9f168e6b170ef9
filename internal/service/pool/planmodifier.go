package pool

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ModifyPlan warns when the plan replaces the pool (warnReplacement) or sets
// its min_cu below what its queues hold (warnMinBelowQueues), and keeps the figures DLI reports (status,
// current_cu, actual_cu, queues) from the state when the plan changes nothing. Terraform marks them
// unknown as soon as the configuration differs from the state at all, before
// the name's plan modifier has decided that a name differing only in case
// (an import records DLI's lower-case spelling) is no change; left unknown,
// they would plan an update that does nothing.
func (r *poolResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior poolModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.warnReplacement(ctx, req, prior, plan, &resp.Diagnostics)
	r.warnMinBelowQueues(ctx, prior, plan, &resp.Diagnostics)
	if !sameArguments(plan, prior) {
		return
	}
	plan.Status, plan.CurrentCU, plan.ActualCU, plan.Queues = prior.Status, prior.CurrentCU, prior.ActualCU, prior.Queues
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// sameArguments reports whether every argument, and every computed value the
// plan modifiers already settle, is planned as it is in the state.
func sameArguments(plan, prior poolModel) bool {
	return plan.ID.Equal(prior.ID) && plan.Name.Equal(prior.Name) && plan.MaxCU.Equal(prior.MaxCU) &&
		plan.MinCU.Equal(prior.MinCU) && plan.Description.Equal(prior.Description) &&
		plan.CIDRInVPC.Equal(prior.CIDRInVPC) && plan.EnterpriseProjectID.Equal(prior.EnterpriseProjectID) &&
		plan.Tags.Equal(prior.Tags) && plan.Label.Equal(prior.Label) && plan.Owner.Equal(prior.Owner) &&
		plan.CreatedAt.Equal(prior.CreatedAt) && plan.Timeouts.Equal(prior.Timeouts)
}
