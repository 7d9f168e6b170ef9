package pool

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
	"github.com/opendli/terraform-provider-dli/internal/validate"
)

// Schema describes dli_elastic_resource_pool.
func (r *poolResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "An elastic resource pool of Data Lake Insight (DLI): the compute that queues run on. " +
			"Creation waits until the pool is AVAILABLE; changes of max_cu, min_cu and description are made in " +
			"place and wait while the pool is SCALING.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description: "The pool's resource id (a UUID) as DLI reports it.",
				Computed:    true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"name": schema.StringAttribute{
				Description: "Name of the pool: letters, digits and underscores, not only digits, not starting with " +
					"an underscore, at most 128 characters. DLI stores names in lower case; a name that differs only " +
					"in case refers to the same pool and causes no change. Changing it otherwise replaces the pool.",
				Required:   true,
				Validators: validate.NameValidators(128),
				PlanModifiers: []planmodifier.String{
					planmod.NameIgnoringCase(),
					// After NameIgnoringCase a name that differs only in case is
					// planned as it is in the state, so it replaces nothing.
					stringplanmodifier.RequiresReplace(),
				},
			},
			"max_cu": schema.Int64Attribute{
				Description: "Maximum CUs of the pool, a multiple of 16: 64 to 32000 for the standard edition, " +
					"16 to 64 for the basic edition (label spec = \"basic\"). Changed in place.",
				Required:   true,
				Validators: cuValidators(),
			},
			"min_cu": schema.Int64Attribute{
				Description: "Minimum CUs of the pool, a multiple of 16 in the edition's range and not above max_cu. " +
					"Changed in place.",
				Required:   true,
				Validators: cuValidators(),
			},
			"description": schema.StringAttribute{
				Description: "Description of the pool, at most 256 characters. Unset means empty. Changed in place.",
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString(""),
				// Characters, not bytes ("Creating an Elastic Resource Pool").
				Validators: []validator.String{stringvalidator.UTF8LengthAtMost(256)},
			},
			"cidr_in_vpc": schema.StringAttribute{
				Description: "IPv4 CIDR block of the pool's own VPC; DLI uses 172.16.0.0/12 when unset. It must not " +
					"overlap the networks the pool connects to. Changing it replaces the pool.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{validate.IPv4CIDR()},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"enterprise_project_id": schema.StringAttribute{
				Description: "Enterprise project of the pool. When unset, the pool is created in the provider's " +
					"`enterprise_project_id` (or `HW_ENTERPRISE_PROJECT_ID`) if set, else DLI uses \"0\" (the default " +
					"project); the provider's value counts only at create. Changing it replaces the pool.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"tags": schema.MapAttribute{
				Description: "Tags of the pool, key to value: at most 20, one value per key. Changed in place " +
					"through DLI's tag API and read back on refresh and import, so tags changed outside Terraform " +
					"show in the next plan. Leaving tags out or writing `{}` both mean no tags; a pool created " +
					"without tags is not asked for them on refresh unless tags is set (`{}` included).",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Validators:  tags.Validators(),
				PlanModifiers: []planmodifier.Map{
					tags.PlanModifier(),
				},
			},
			"label": schema.MapAttribute{
				Description: "Labels of the pool, set at creation, e.g. { spec = \"basic\" } for the basic edition " +
					"(spec is \"basic\" or \"standard\"). Changing them replaces the pool. Unset means none, as {} does.",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Validators: []validator.Map{
					mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
				},
				PlanModifiers: []planmodifier.Map{
					planmod.NoneIsEmpty(true),
					mapplanmodifier.RequiresReplace(),
				},
			},
			"status": schema.StringAttribute{
				Description: "Status of the pool: CREATING, AVAILABLE, SCALING or FAILED.",
				Computed:    true,
			},
			"current_cu": schema.Int64Attribute{
				Description: "CUs the pool is currently scaled to.",
				Computed:    true,
			},
			"actual_cu": schema.Int64Attribute{
				Description: "CUs actually allocated to the pool.",
				Computed:    true,
			},
			"owner": schema.StringAttribute{
				Description: "The account that created the pool.",
				Computed:    true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"created_at": schema.StringAttribute{
				Description: "When the pool was created (RFC 3339, UTC).",
				Computed:    true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			// No plan modifier: queues are added and removed by other resources, so
			// the list is only known after the pool's own change has been applied.
			"queues": schema.ListAttribute{
				Description: "Names of the queues in the pool.",
				Computed:    true,
				ElementType: types.StringType,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": framework.PoolTimeouts.Block(ctx),
		},
	}
}

// cuValidators are the per-attribute CU rules; the edition ranges and
// min_cu <= max_cu need several attributes and live in cuRangeValidator.
func cuValidators() []validator.Int64 {
	return []validator.Int64{validate.PositiveMultipleOf(cuStep, "DLI allocates pool CUs in steps of 16")}
}
