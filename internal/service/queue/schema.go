package queue

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/tfkit"
)

// Allowed values of the enumerated arguments, as the create API takes them.
const (
	TypeSQL     = "sql"
	TypeGeneral = "general"

	PlatformX86     = "x86_64"
	PlatformAArch64 = "aarch64"

	FeatureBasic = "basic"
	FeatureAI    = "ai"

	EngineSpark = "spark"
	EngineHetu  = "hetuEngine"
)

// CU limits: every queue CU count is a multiple of CUStep (scaling moves in
// steps of 16, so only multiples of 16 stay reachable), at least MinCU and at
// most MaxCU (the largest standard elastic resource pool). A queue outside a
// pool may only have one of StandaloneCUs.
const (
	CUStep = 16
	MinCU  = 16
	MaxCU  = 32000
)

// StandaloneCUs are the sizes a queue outside an elastic resource pool may have.
var StandaloneCUs = []int64{16, 64, 256}

// Default timeouts: queues take minutes on the real service.
const defaultTimeoutMinutes = 30

func (r *queueResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A DLI queue: the compute that runs SQL or Spark jobs, normally created inside an " +
			"elastic resource pool. Only `cu_count` changes in place (by scaling out or in); every other " +
			"argument replaces the queue.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The queue's resource id (a UUID) as DLI reports it.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Description: "Name of the queue: letters, digits and underscores, not only digits, not starting " +
					"with an underscore, at most 128 characters. DLI stores it in lower case; a name that differs " +
					"only in case causes no change.",
				Required:      true,
				Validators:    tfkit.NameValidators(128),
				PlanModifiers: []planmodifier.String{ignoreCase(), stringplanmodifier.RequiresReplace()},
			},
			"elastic_resource_pool_name": schema.StringAttribute{
				Description: "Name of the elastic resource pool the queue is created in. When unset, DLI creates a " +
					"standalone queue and this attribute shows what DLI reports. Changing it replaces the queue.",
				Optional:   true,
				Computed:   true,
				Validators: tfkit.NameValidators(128),
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), ignoreCase(), stringplanmodifier.RequiresReplace(),
				},
			},
			"queue_type": schema.StringAttribute{
				Description:   "Type of the queue: `sql` (default) for SQL jobs or `general` for Spark and Flink jobs.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(TypeSQL),
				Validators:    []validator.String{stringvalidator.OneOf(TypeSQL, TypeGeneral)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cu_count": schema.Int64Attribute{
				Description: "Number of compute units (CUs) of the queue: a multiple of 16 from 16 to 32000; a queue " +
					"outside an elastic resource pool takes 16, 64 or 256. Changed in place by scaling the queue " +
					"out or in by the difference, then waiting until DLI reports the new size.",
				Required: true,
				Validators: []validator.Int64{
					int64validator.Between(MinCU, MaxCU),
					multipleOf(CUStep),
				},
			},
			"description": schema.StringAttribute{
				Description:   "Description of the queue. DLI cannot change it afterwards: changing it replaces the queue.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(""),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"platform": schema.StringAttribute{
				Description: "CPU architecture of the queue's compute: `x86_64` or `aarch64`. When unset DLI " +
					"chooses (normally `x86_64`).",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(PlatformX86, PlatformAArch64)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace(),
				},
			},
			"resource_mode": schema.Int64Attribute{
				Description: "Resource mode: `0` shared, `1` dedicated. When unset DLI chooses.",
				Optional:    true,
				Computed:    true,
				Validators:  []validator.Int64{int64validator.OneOf(0, 1)},
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace(),
				},
			},
			"feature": schema.StringAttribute{
				Description: "Queue feature: `basic` or `ai` (AI-enhanced; only SQL queues on `x86_64` in " +
					"dedicated resource mode). When unset DLI uses `basic`.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(FeatureBasic, FeatureAI)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace(),
				},
			},
			"engine": schema.StringAttribute{
				Description: "Engine of a SQL queue: `spark` or `hetuEngine`. Only SQL queues take it; when unset " +
					"DLI uses `spark` for SQL queues.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(EngineSpark, EngineHetu)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace(),
				},
			},
			"labels": schema.SetAttribute{
				Description: "Labels of the queue as DLI takes them at creation, such as `multi_az=2` for a queue " +
					"spread over two availability zones. Changing them replaces the queue.",
				ElementType:   types.StringType,
				Optional:      true,
				Validators:    []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
				PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplace()},
			},
			"tags": schema.MapAttribute{
				Description: "Tags attached to the queue at creation. DLI has no tag update for queues and does not " +
					"report them back, so they are kept as configured and changing them replaces the queue.",
				ElementType:   types.StringType,
				Optional:      true,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			"enterprise_project_id": schema.StringAttribute{
				Description: "Enterprise project of the queue. When unset DLI uses the default project (`0`).",
				Optional:    true,
				Computed:    true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace(),
				},
			},
			"queue_id": schema.Int64Attribute{
				Description:   "Numeric id of the queue.",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"owner": schema.StringAttribute{
				Description:   "User who created the queue.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Description:   "Creation time of the queue (RFC 3339, UTC).",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"resource_type": schema.StringAttribute{
				Description:   "Resource type of the queue as DLI reports it.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"cu_spec": schema.Int64Attribute{
				Description:   "CU specification of the queue as DLI reports it; may change when the queue is scaled.",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{stableUnlessScaled()},
			},
			"cu_scale_out_limit": schema.Int64Attribute{
				Description:   "Upper CU limit for scaling the queue out, as DLI reports it; may change when the queue is scaled.",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{stableUnlessScaled()},
			},
			"cu_scale_in_limit": schema.Int64Attribute{
				Description:   "Lower CU limit for scaling the queue in, as DLI reports it; may change when the queue is scaled.",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{stableUnlessScaled()},
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}
