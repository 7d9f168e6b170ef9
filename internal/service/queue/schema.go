package queue

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
	"github.com/opendli/terraform-provider-dli/internal/validate"
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

// resourceModeDedicated is the resource_mode of a dedicated queue.
const resourceModeDedicated = 1

// StandaloneCUs are the sizes a queue outside an elastic resource pool may have.
var StandaloneCUs = []int64{16, 64, 256}

func (r *queueResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A DLI queue: the compute that runs SQL or Spark jobs, normally created inside an " +
			"elastic resource pool. Only `cu_count` and the extras (`scaling_policies`, `spark_driver`) change in " +
			"place; every other argument replaces the queue.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The queue's resource id (a UUID) as DLI reports it.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Description: "Name of the queue: letters, digits and underscores, not only digits, not starting " +
					"with an underscore, at most 128 characters, and not `default` (in any case), which DLI reserves " +
					"for its system queue. DLI stores it in lower case; a name that differs only in case causes no change.",
				Required:      true,
				Validators:    append(validate.NameValidators(128), reservedNameValidator{}),
				PlanModifiers: []planmodifier.String{planmod.NameIgnoringCase(), stringplanmodifier.RequiresReplace()},
			},
			"elastic_resource_pool_name": schema.StringAttribute{
				Description: "Name of the elastic resource pool the queue is created in. When unset, DLI creates a " +
					"standalone queue and this attribute shows what DLI reports (`\"\"`, which also means no pool when " +
					"configured). Changing it, or removing it from the " +
					"configuration of a queue inside a pool, replaces the queue.",
				Optional: true,
				Computed: true,
				// "" is what DLI reports for a standalone queue, and so what
				// generated configuration writes: it means no pool.
				Validators: []validator.String{stringvalidator.Any(stringvalidator.OneOf(""),
					stringvalidator.All(validate.NameValidators(128)...))},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), planmod.NameIgnoringCase(), stringplanmodifier.RequiresReplace(),
					replaceWhenPoolRemoved(),
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
					"outside an elastic resource pool takes 16, 64 or 256. Changed in place, then the provider waits " +
					"until DLI reports the new size. A queue inside a pool is sized by its default scaling policy " +
					"(the one for `00:00`-`24:00`), since DLI's queue action cannot scale it: without " +
					"`scaling_policies`, a change sets that policy to `min_cu` = `max_cu` = `cu_count` and keeps any " +
					"other window DLI holds; with `scaling_policies`, `cu_count` must equal the default policy's " +
					"`max_cu` (checked at plan time) and the policies are sent as written. A queue outside a pool is " +
					"scaled out or in by the difference; DLI cannot scale such a queue of 16 CUs at all, nor scale one " +
					"of 64 CUs in, so those changes are refused at plan time.",
				Required: true,
				Validators: []validator.Int64{
					int64validator.Between(MinCU, MaxCU),
					validate.MultipleOf(CUStep, "DLI scales queues in steps of 16 CUs"),
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
				Description: "Resource mode: `0` shared, `1` dedicated. When unset, a queue in an elastic resource " +
					"pool is created with `1` (the only mode DLI offers since the shared mode went offline) and a " +
					"standalone queue gets DLI's choice.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.Int64{int64validator.OneOf(0, 1)},
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
				Description: "Engine of a SQL queue: `spark` or `hetuEngine`; when unset DLI uses `spark`. A general " +
					"queue takes no engine at creation, but DLI may report `spark` for it, so `spark` is accepted there " +
					"(and not sent).",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(EngineSpark, EngineHetu)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace(),
				},
			},
			"labels": schema.SetAttribute{
				Description: "Labels of the queue as DLI takes them at creation, such as `multi_az=2` for a queue " +
					"spread over two availability zones. Changing them replaces the queue; unset means none, as [] does.",
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
				PlanModifiers: []planmodifier.Set{planmod.NoneIsEmpty(false), setplanmodifier.RequiresReplace()},
			},
			"tags": schema.MapAttribute{
				Description: "Tags of the queue, key to value: at most 20, one value per key. Changed in place " +
					"through DLI's tag API and read back on refresh and import, so tags changed outside Terraform " +
					"show in the next plan. Leaving tags out or writing `{}` both mean no tags; a queue created " +
					"without tags is not asked for them on refresh unless tags is set (`{}` included).",
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    tags.Validators(),
				PlanModifiers: []planmodifier.Map{tags.PlanModifier()},
			},
			"enterprise_project_id": schema.StringAttribute{
				Description: "Enterprise project of the queue. When unset, the queue is created in the provider's " +
					"`enterprise_project_id` (or `HW_ENTERPRISE_PROJECT_ID`) if set, else DLI uses the default project " +
					"(`0`); the provider's value counts only at create. Changing it replaces the queue.",
				Optional: true,
				Computed: true,
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
			"scaling_policies": scalingPoliciesAttribute(),
			"spark_driver":     sparkDriverAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": framework.QueueTimeouts.Block(ctx),
		},
	}
}

// Clock formats of scaling policy windows: whole hours, a stop time may be 24:00.
var (
	startTimeRe = regexp.MustCompile(`^([01][0-9]|2[0-3]):00$`)
	stopTimeRe  = regexp.MustCompile(`^(([01][0-9]|2[0-3]):00|24:00)$`)
)

func scalingPoliciesAttribute() schema.SetNestedAttribute {
	cu := func(what string) schema.Int64Attribute {
		return schema.Int64Attribute{
			Description: what + " CUs of the queue during the window: a multiple of 4 from 0 to 32000, at most the " +
				"pool's `max_cu`.",
			Required: true,
			Validators: []validator.Int64{
				int64validator.Between(0, MaxCU),
				validate.MultipleOf(PolicyCUStep, "DLI sets scaling policy CUs in steps of 4"),
			},
		}
	}
	return schema.SetNestedAttribute{
		Description: "Scaling policies of a queue inside an elastic resource pool: for time windows of the day, " +
			"the range of CUs the queue may use. Exactly one policy is the default, for the whole day (`00:00` to " +
			"`24:00`), and its `max_cu` must equal `cu_count` (the queue's size); the other windows apply on top " +
			"of it, must not overlap each other, are whole hours that include their start and exclude their " +
			"stop (`[start, stop)`), and may cross midnight (`22:00` to `10:00` covers 22:00-24:00 and " +
			"00:00-10:00). Only these rules are checked at plan time; DLI judges the rest (such as the pool's CU " +
			"limits) and its message is shown. Changed in place, sent as written. When unset (or []) the queue " +
			"keeps DLI's default policy (the whole day, `min_cu` = `max_cu` = `cu_count`, plus any window set " +
			"outside Terraform); removing the attribute puts the queue back on a single default policy. Only read " +
			"back when set, or after an import (where a queue on the default policy shows none).",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.Set{planmod.NoneIsEmpty(false)},
		Validators:    []validator.Set{policiesValidator{}},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"priority": schema.Int64Attribute{
					Description: "Priority of the policy, 1 to 100 (higher wins).",
					Required:    true,
					Validators:  []validator.Int64{int64validator.Between(1, 100)},
				},
				"impact_start_time": schema.StringAttribute{
					Description: "Start of the window, a whole hour `HH:00` from `00:00` to `23:00`.",
					Required:    true,
					Validators: []validator.String{stringvalidator.RegexMatches(startTimeRe,
						"must be a whole hour from 00:00 to 23:00 (HH:00)")},
				},
				"impact_stop_time": schema.StringAttribute{
					Description: "End of the window (excluded), a whole hour `HH:00` from `00:00` to `24:00`; " +
						"before `impact_start_time` the window crosses midnight.",
					Required: true,
					Validators: []validator.String{stringvalidator.RegexMatches(stopTimeRe,
						"must be a whole hour from 00:00 to 24:00 (HH:00)")},
				},
				"min_cu": cu("Minimum"),
				"max_cu": cu("Maximum"),
				"inherit_elastic_resource_pool_max_cu": schema.BoolAttribute{
					Description: "Whether the queue may grow to the pool's maximum CUs during the window. Unset means `false`.",
					Optional:    true,
					// Computed with a default, so that an unset flag and the
					// false that DLI reports (after an import, say) are equal.
					Computed: true,
					Default:  booldefault.StaticBool(false),
				},
			},
		},
	}
}

func sparkDriverAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Description: "Spark driver settings of the queue, kept as queue properties (the v3 queue properties API). " +
			"Changed in place: a changed value is set, a removed one is deleted so DLI uses its default again. " +
			"Only the attributes that are set are managed and read back. Where the region does not offer the " +
			"properties API, a refresh keeps the last known values and logs a warning.",
		Optional:   true,
		Validators: []validator.Object{sparkDriverValidator{}},
		Attributes: map[string]schema.Attribute{
			"max_instance": schema.Int64Attribute{
				Description: "Maximum number of Spark drivers the queue may start (`" + propMaxInstance + "`), at least 1; " +
					"DLI limits it by the queue's CUs.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"max_concurrent": schema.Int64Attribute{
				Description: "Maximum number of jobs one Spark driver runs at the same time (`" + propMaxConcurrent + "`), 1 to 32.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.Between(1, 32)},
			},
			"max_prefetch_instance": schema.Int64Attribute{
				Description: "Number of Spark drivers started ahead of demand (`" + propMaxPrefetchInstance + "`), " +
					"0 or more and at most `max_instance`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
		},
	}
}
