package queue

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/framework"
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
// do not see. It also warns when the plan replaces the queue (warnReplacement).
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
	warnReplacement(req, prior, &resp.Diagnostics)
}

// replacingAttributes are the arguments whose change replaces a queue: those
// with a RequiresReplace plan modifier in the schema (elastic_resource_pool_name
// also when it is removed, see leavingPoolModifier).
var replacingAttributes = []string{
	"name", "elastic_resource_pool_name", "queue_type", "description", "platform", "resource_mode",
	"feature", "engine", "labels", "enterprise_project_id",
}

// warnReplacement warns, naming the queue and what replaces it, when the
// plan deletes the queue and creates it again: DLI stops the jobs running on
// a queue it deletes, which a plan that shows "must be replaced" does not say.
func warnReplacement(req resource.ModifyPlanRequest, prior queueModel, diags *diag.Diagnostics) {
	changed := framework.PlannedChanges(req, replacingAttributes...)
	if len(changed) == 0 {
		return
	}
	name := prior.Name.ValueString()
	diags.AddWarning(fmt.Sprintf("DLI Queue %s Will Be Replaced: Jobs Running On It Stop", name),
		fmt.Sprintf("Changing %s replaces queue %s: Terraform deletes it and creates it again. DLI stops the "+
			"jobs running on the queue when it is deleted, and none can be submitted to it until the new queue "+
			"is ready; its connections are unbound before the delete and bound again after the create. Apply "+
			"when no job needs the queue.", strings.Join(changed, ", "), name))
}
