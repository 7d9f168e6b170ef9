package queue

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/validate"
)

// standaloneCURule enforces that a queue outside an elastic resource pool
// has one of the sizes DLI offers for such queues. It only applies when the
// configuration leaves the pool unset; an unknown pool name (a reference to a
// pool not created yet) means the queue goes into a pool.
var standaloneCURule = validate.Rule{
	Summary: fmt.Sprintf("a queue without elastic_resource_pool_name must have cu_count %v", StandaloneCUs),
	Check: func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
		var pool types.String
		var cu types.Int64
		diags.Append(config.GetAttribute(ctx, path.Root("elastic_resource_pool_name"), &pool)...)
		diags.Append(config.GetAttribute(ctx, path.Root("cu_count"), &cu)...)
		if diags.HasError() || !noPool(pool) || cu.IsNull() || cu.IsUnknown() {
			return
		}
		if !slices.Contains(StandaloneCUs, cu.ValueInt64()) {
			diags.AddAttributeError(path.Root("cu_count"), "Invalid CU Count For A Standalone Queue",
				fmt.Sprintf("A queue without elastic_resource_pool_name takes cu_count 16, 64 or 256, got %d. "+
					"Set elastic_resource_pool_name to create the queue inside an elastic resource pool, where any "+
					"multiple of 16 is allowed.", cu.ValueInt64()))
		}
	},
}

// featureEngineRule enforces the combinations DLI documents: `engine`
// only for SQL queues, and the `ai` feature only for SQL queues on x86_64 in
// dedicated resource mode. Unset or unknown values are not judged: DLI's
// defaults (sql, x86_64) are compatible, and unknowns are checked at apply by DLI.
var featureEngineRule = validate.Rule{
	Summary: "engine only for sql queues; feature \"ai\" only for sql queues on x86_64 in dedicated resource mode",
	Check: func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
		var qType, engine, feature, platform types.String
		var mode types.Int64
		for p, target := range map[string]any{
			"queue_type": &qType, "engine": &engine, "feature": &feature, "platform": &platform, "resource_mode": &mode,
		} {
			diags.Append(config.GetAttribute(ctx, path.Root(p), target)...)
		}
		if diags.HasError() {
			return
		}
		general := qType.ValueString() == TypeGeneral // null and unknown give ""
		// DLI may report engine "spark" for a general queue, which generated
		// configuration then carries: accept it (it is not sent, see
		// createEngine), refuse only an engine a general queue cannot run.
		if known(engine) && general && engine.ValueString() != EngineSpark {
			diags.AddAttributeError(path.Root("engine"), "Engine Not Allowed For A General Queue",
				fmt.Sprintf("engine %q selects the engine of a SQL queue; a general queue runs Spark (engine = %q or "+
					"unset). Remove it or set queue_type = \"sql\".", engine.ValueString(), EngineSpark))
		}
		if !known(feature) || feature.ValueString() != FeatureAI {
			return
		}
		if general {
			diags.AddAttributeError(path.Root("feature"), "AI Feature Needs A SQL Queue",
				"feature = \"ai\" is only available for SQL queues; set queue_type = \"sql\" or feature = \"basic\".")
		}
		if platform.ValueString() == PlatformAArch64 {
			diags.AddAttributeError(path.Root("feature"), "AI Feature Needs x86_64",
				"feature = \"ai\" is only available on the x86_64 platform.")
		}
		if known(mode) && mode.ValueInt64() != 1 {
			diags.AddAttributeError(path.Root("feature"), "AI Feature Needs Dedicated Resource Mode",
				"feature = \"ai\" is only available for dedicated queues (resource_mode = 1).")
		}
	},
}

// policyCURule ties cu_count to configured scaling policies: cu_count
// must equal the max_cu of the default policy (00:00-24:00). A queue in a
// pool is sized by its default policy, and DLI gives a queue joining a pool a
// default policy with min_cu = max_cu = its CUs (huaweicloud provider,
// docs/resources/dli_queue.md), so the size is the top of that range. One
// exact value, rather than any value within [min_cu, max_cu], is what lets
// the size DLI reports after an apply match the configuration, so the plan
// after an apply is empty. Unknown values are not judged.
var policyCURule = validate.Rule{
	Summary: "with scaling_policies, cu_count equals the max_cu of the 00:00-24:00 default policy",
	Check: func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
		var cu types.Int64
		var policies types.Set
		diags.Append(config.GetAttribute(ctx, path.Root("cu_count"), &cu)...)
		diags.Append(config.GetAttribute(ctx, path.Root("scaling_policies"), &policies)...)
		if diags.HasError() || !known(cu) || !known(policies) {
			return
		}
		ps := policiesFrom(ctx, policies, diags)
		if diags.HasError() {
			return
		}
		for _, p := range ps {
			if !known(p.ImpactStartTime) || !known(p.ImpactStopTime) || !known(p.MaxCU) {
				continue
			}
			if p.ImpactStartTime.ValueString() != dayStart || p.ImpactStopTime.ValueString() != dayEnd {
				continue
			}
			if p.MaxCU.ValueInt64() != cu.ValueInt64() {
				diags.AddAttributeError(path.Root("cu_count"), "CU Count Differs From The Default Scaling Policy",
					fmt.Sprintf("cu_count is %d but the default scaling policy (00:00-24:00, priority %s) has max_cu %d. "+
						"A queue in an elastic resource pool is sized by its default policy: set cu_count and that "+
						"policy's max_cu to the same value.", cu.ValueInt64(), p.Priority, p.MaxCU.ValueInt64()))
			}
		}
	},
}

// standaloneScaleRefusal says why DLI cannot move a standalone queue from
// prior to planned CUs, or "" when it can (or when the queue is not scaled in
// place: it is in a pool, unchanged, or replaced anyway). User guide,
// "Elastic Scaling of Queues": queues with 16 CUs do not support scale-out or
// scale-in; queues with 64 CUs do not support scale-in.
func standaloneScaleRefusal(prior, plan queueModel) string {
	if !known(prior.PoolName) || prior.PoolName.ValueString() != "" || !known(prior.CUCount) || !known(plan.CUCount) ||
		replaced(prior, plan) {
		return ""
	}
	from, to := prior.CUCount.ValueInt64(), plan.CUCount.ValueInt64()
	const why = "DLI's user guide (\"Elastic Scaling of Queues\") says that queues with 16 CUs do not support " +
		"scale-out or scale-in, and queues with 64 CUs do not support scale-in."
	const how = " To get a queue of another size, replace it (terraform taint, or tofu taint, then apply) or " +
		"create it in an elastic resource pool."
	switch {
	case from == to:
		return ""
	case from == 16:
		return fmt.Sprintf("cu_count cannot change from 16 to %d: this queue is outside an elastic resource pool and "+
			"has 16 CUs, which DLI cannot scale. %s%s", to, why, how)
	case from == 64 && to < 64:
		return fmt.Sprintf("cu_count cannot change from 64 to %d: this queue is outside an elastic resource pool and "+
			"has 64 CUs, which DLI cannot scale in. %s%s", to, why, how)
	}
	return ""
}

// replaced reports whether the plan replaces the queue: an argument that
// requires replacement differs from the prior state or is unknown. (A
// resource's ModifyPlan does not see what the attribute plan modifiers
// decided, so it compares itself.)
func replaced(prior, plan queueModel) bool {
	for _, pair := range [][2]attr.Value{
		{prior.Name, plan.Name}, {prior.PoolName, plan.PoolName}, {prior.QueueType, plan.QueueType},
		{prior.Description, plan.Description}, {prior.Platform, plan.Platform}, {prior.ResourceMode, plan.ResourceMode},
		{prior.Feature, plan.Feature}, {prior.Engine, plan.Engine}, {prior.Labels, plan.Labels},
		{prior.EnterpriseProjectID, plan.EnterpriseProjectID},
	} {
		if pair[1].IsUnknown() || !pair[0].Equal(pair[1]) {
			return true
		}
	}
	return false
}

// reservedNameValidator refuses the name of DLI's preset system queue,
// "default" in any case (DLI stores names lower-case): the user guide's
// queue overview (dli_01_0402) lists a queue named default in every project,
// so a create with that name can only fail, after the plan has been accepted.
type reservedNameValidator struct{}

func (reservedNameValidator) Description(context.Context) string {
	return "must not be `default`, which DLI reserves for its system queue"
}

func (v reservedNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (reservedNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if name := req.ConfigValue.ValueString(); strings.EqualFold(name, systemQueueName) {
		resp.Diagnostics.AddAttributeError(req.Path, "Reserved Queue Name",
			fmt.Sprintf("The queue name %q is reserved by DLI for its system queue (in any case); choose another name.", name))
	}
}

// systemQueueName is DLI's preset queue.
const systemQueueName = "default"

// noPool reports whether a configured elastic_resource_pool_name makes a
// standalone queue: unset, or "" (what DLI reports for one, and so what
// generated configuration writes). Unknown is a pool still to be created.
func noPool(pool types.String) bool {
	return pool.IsNull() || (!pool.IsUnknown() && pool.ValueString() == "")
}

func (r *queueResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{standaloneCURule, featureEngineRule, policiesNeedPoolRule, policyCURule, sparkDriverPlaceRule}
}
