package queue

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// multipleOfValidator accepts integers that are multiples of step; why says
// what the step comes from.
type multipleOfValidator struct {
	step int64
	why  string
}

func multipleOf(step int64, why string) validator.Int64 {
	return multipleOfValidator{step: step, why: why}
}

func (v multipleOfValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be a multiple of %d", v.step)
}

func (v multipleOfValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v multipleOfValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := req.ConfigValue.ValueInt64(); n%v.step != 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CU Count",
			fmt.Sprintf("%s must be a multiple of %d (%s), got %d.", req.Path, v.step, v.why, n))
	}
}

// standaloneCUValidator enforces that a queue outside an elastic resource pool
// has one of the sizes DLI offers for such queues. It only applies when the
// configuration leaves the pool unset; an unknown pool name (a reference to a
// pool not created yet) means the queue goes into a pool.
type standaloneCUValidator struct{}

func (standaloneCUValidator) Description(context.Context) string {
	return fmt.Sprintf("a queue without elastic_resource_pool_name must have cu_count %v", StandaloneCUs)
}

func (v standaloneCUValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (standaloneCUValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var pool types.String
	var cu types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("elastic_resource_pool_name"), &pool)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("cu_count"), &cu)...)
	if resp.Diagnostics.HasError() || !pool.IsNull() || cu.IsNull() || cu.IsUnknown() {
		return
	}
	if !slices.Contains(StandaloneCUs, cu.ValueInt64()) {
		resp.Diagnostics.AddAttributeError(path.Root("cu_count"), "Invalid CU Count For A Standalone Queue",
			fmt.Sprintf("A queue without elastic_resource_pool_name takes cu_count 16, 64 or 256, got %d. "+
				"Set elastic_resource_pool_name to create the queue inside an elastic resource pool, where any "+
				"multiple of 16 is allowed.", cu.ValueInt64()))
	}
}

// featureEngineValidator enforces the combinations DLI documents: `engine`
// only for SQL queues, and the `ai` feature only for SQL queues on x86_64 in
// dedicated resource mode. Unset or unknown values are not judged: DLI's
// defaults (sql, x86_64) are compatible, and unknowns are checked at apply by DLI.
type featureEngineValidator struct{}

func (featureEngineValidator) Description(context.Context) string {
	return "engine only for sql queues; feature \"ai\" only for sql queues on x86_64 in dedicated resource mode"
}

func (v featureEngineValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (featureEngineValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var qType, engine, feature, platform types.String
	var mode types.Int64
	for p, target := range map[string]any{
		"queue_type": &qType, "engine": &engine, "feature": &feature, "platform": &platform, "resource_mode": &mode,
	} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(p), target)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	general := qType.ValueString() == TypeGeneral // null and unknown give ""
	if known(engine) && general {
		resp.Diagnostics.AddAttributeError(path.Root("engine"), "Engine Not Allowed For A General Queue",
			"engine selects the engine of a SQL queue; remove it or set queue_type = \"sql\".")
	}
	if !known(feature) || feature.ValueString() != FeatureAI {
		return
	}
	if general {
		resp.Diagnostics.AddAttributeError(path.Root("feature"), "AI Feature Needs A SQL Queue",
			"feature = \"ai\" is only available for SQL queues; set queue_type = \"sql\" or feature = \"basic\".")
	}
	if platform.ValueString() == PlatformAArch64 {
		resp.Diagnostics.AddAttributeError(path.Root("feature"), "AI Feature Needs x86_64",
			"feature = \"ai\" is only available on the x86_64 platform.")
	}
	if known(mode) && mode.ValueInt64() != 1 {
		resp.Diagnostics.AddAttributeError(path.Root("feature"), "AI Feature Needs Dedicated Resource Mode",
			"feature = \"ai\" is only available for dedicated queues (resource_mode = 1).")
	}
}
