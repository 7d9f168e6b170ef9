package queue

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stableUnlessScaledModifier keeps a computed CU figure from the state while
// cu_count stays the same, and leaves it unknown when the queue is scaled,
// since DLI may then report another value.
type stableUnlessScaledModifier struct{}

func stableUnlessScaled() planmodifier.Int64 { return stableUnlessScaledModifier{} }

func (stableUnlessScaledModifier) Description(context.Context) string {
	return "keeps the prior value unless cu_count changes"
}

func (m stableUnlessScaledModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (stableUnlessScaledModifier) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() || req.Plan.Raw.IsNull() {
		return
	}
	var planned, prior types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("cu_count"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("cu_count"), &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if planned.Equal(prior) {
		resp.PlanValue = req.StateValue
	}
}

// leavingPoolModifier replaces a queue whose elastic_resource_pool_name is
// removed from the configuration. The attribute is also computed, so without
// this the prior pool name would stay planned and the removal would go
// unnoticed, while the validators already judge the queue as standalone. DLI
// reports "" as the pool of a standalone queue: such a prior value is no pool,
// and removing the attribute then changes nothing.
type leavingPoolModifier struct{}

func replaceWhenPoolRemoved() planmodifier.String { return leavingPoolModifier{} }

func (leavingPoolModifier) Description(context.Context) string {
	return "removing the pool name from the configuration of a queue inside a pool replaces the queue"
}

func (m leavingPoolModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (leavingPoolModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	// On create the prior value is null; the framework skips attribute plan
	// modifiers on destroy.
	if req.ConfigValue.IsNull() && known(req.StateValue) && req.StateValue.ValueString() != "" {
		// Terraform replaces only for a value that changes: the new,
		// standalone queue's pool is what DLI will report.
		resp.PlanValue = types.StringUnknown()
		resp.RequiresReplace = true
	}
}

// ModifyPlan refuses, at plan time, a size change DLI cannot make in place
// (see standaloneScaleRefusal); it needs the prior state, which validators
// do not see.
func (r *queueResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior queueModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if msg := standaloneScaleRefusal(prior, plan); msg != "" {
		resp.Diagnostics.AddAttributeError(path.Root("cu_count"), "DLI Cannot Scale This Queue", msg)
	}
}
