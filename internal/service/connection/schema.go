package connection

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
	"github.com/opendli/terraform-provider-dli/internal/validate"
)

// Limits DLI documents for connections.
const (
	maxNameLen      = 64    // connection name
	maxHosts        = 20000 // entries of the host mapping
	maxHostNameLen  = 128
	maxRouteNameLen = 64 // characters, "Creating a Route": "1 to 64 characters", no character set
	maxPoolNameLen  = 128
)

var hostNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)

// Schema describes dli_enhanced_connection.
func (r *connectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "An enhanced datasource connection: a VPC peering from DLI elastic resource pools and queues " +
			"to a subnet of your VPC, with an optional host mapping and custom routes. Creation and every " +
			"binding change wait until the connection and each bound pool or queue is ACTIVE.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				Description:   "The connection id DLI assigned. Import uses it.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true,
				Description: "Name of the connection: 1 to 64 letters, digits and underscores (unlike pool and " +
					"queue names, it may start with an underscore or be all digits). Changing it creates a new " +
					"connection.",
				Validators:    validate.ConnectionNameValidators(maxNameLen),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"vpc_id": schema.StringAttribute{
				Required:      true,
				Description:   "ID of the VPC to connect to (the API's dest_vpc_id). Changing it creates a new connection.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"subnet_id": schema.StringAttribute{
				Required: true,
				Description: "ID of the VPC subnet to connect to (the API's dest_network_id): the subnet ID the VPC " +
					"console and API show. With the huaweicloud provider, pass `huaweicloud_vpc_subnet.<name>.id`, " +
					"not its `ipv4_subnet_id` (or the deprecated `subnet_id`), which are the OpenStack (Neutron) " +
					"subnet ID. Changing it creates a new connection.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"route_table_id": schema.StringAttribute{
				Optional: true,
				Description: "ID of the route table of the subnet. DLI does not report it back, so it is kept as " +
					"configured and changing it creates a new connection. After an import the first apply records " +
					"the configured value in place without checking it: DLI offers no way to read it.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{routeTableMarker.RequiresReplaceString(
					"Creates a new connection, unless it was imported and route_table_id is recorded for the first time.")},
			},
			"elastic_resource_pools": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Description: "Names of the elastic resource pools bound to the connection. Changed in place: " +
					"removed pools are unbound, added pools are bound and waited for until ACTIVE. Names compare " +
					"ignoring case (DLI stores them in lower case). Unset means none, as [] does.",
				PlanModifiers: []planmodifier.Set{planmod.NoneIsEmpty(true), planmod.NamesIgnoringCase()},
				Validators: []validator.Set{
					setvalidator.ValueStringsAre(validate.NameValidators(maxPoolNameLen)...),
				},
			},
			"queues": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Description: "Names of the queues bound to the connection. Changed in place like " +
					"elastic_resource_pools, and like them compared ignoring case; unset means none. The system " +
					"queue \"default\" cannot be bound.",
				PlanModifiers: []planmodifier.Set{planmod.NoneIsEmpty(true), planmod.NamesIgnoringCase()},
				Validators: []validator.Set{
					setvalidator.ValueStringsAre(append(validate.NameValidators(maxPoolNameLen),
						stringvalidator.NoneOfCaseInsensitive("default"))...),
				},
			},
			"hosts": schema.ListNestedAttribute{
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.List{planmod.NoneIsEmpty(true)},
				Description: "Host mapping (like /etc/hosts) the bound queues use to resolve names in the VPC, " +
					"at most 20000 entries with unique names. Replaced as a whole in place; removing the " +
					"attribute or setting [] clears the mapping.",
				Validators: []validator.List{
					listvalidator.SizeAtMost(maxHosts),
					validate.UniqueNames("host"),
				},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							Required: true,
							Description: "Host name: 1 to 128 letters, digits, '_', '-' or '.', starting with " +
								"a letter. Unique within the list (case-insensitive).",
							Validators: []validator.String{
								stringvalidator.LengthBetween(1, maxHostNameLen),
								stringvalidator.RegexMatches(hostNameRe,
									"must start with a letter and contain only letters, digits, '_', '-' and '.'"),
							},
						},
						"ip": schema.StringAttribute{
							Required:    true,
							Description: "IPv4 address the name resolves to.",
							Validators:  []validator.String{validate.IPv4Address()},
						},
					},
				},
			},
			"routes": schema.SetNestedAttribute{
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Set{planmod.NoneIsEmpty(true)},
				Description: "Custom routes of the connection. Added and removed one by one in place; changing " +
					"the cidr of a route, or the case of its name, deletes and re-adds it. Unset means none, as [] does.",
				Validators: []validator.Set{validate.UniqueNames("route")},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							Required: true,
							Description: "Route name: 1 to 64 characters, which DLI documents without a character " +
								"set. It must not contain '/', '?', '#', '%' or control characters: a route is deleted " +
								"by its name in the request path, which cannot carry them. Unique within the set " +
								"(case-insensitive).",
							Validators: []validator.String{
								stringvalidator.UTF8LengthBetween(1, maxRouteNameLen),
								pathSegmentSafe{},
							},
						},
						"cidr": schema.StringAttribute{
							Required: true,
							Description: "Destination network in IPv4 CIDR notation with no host bits set, " +
								"for example 10.0.0.0/16.",
							Validators: []validator.String{validate.IPv4CIDR()},
						},
					},
				},
			},
			"tags": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators:  tags.Validators(),
				Description: "Tags of the connection, key to value: at most 20, one value per key. Changed in " +
					"place through DLI's tag API and read back on refresh and import, so tags changed outside " +
					"Terraform show in the next plan. Leaving tags out or writing `{}` both mean no tags; a " +
					"connection created without tags is not asked for them on refresh unless tags is set " +
					"(`{}` included).",
				PlanModifiers: []planmodifier.Map{tags.PlanModifier()},
			},
			"status": schema.StringAttribute{
				Computed:      true,
				Description:   "Status of the connection: ACTIVE once created.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				Computed:      true,
				Description:   "When the connection was created (RFC 3339, UTC).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			// A list of objects rather than nested attributes: Terraform 1.5.7
			// crashes generating configuration (-generate-config-out) for a
			// read-only attribute with nested attributes.
			"bindings": schema.ListAttribute{
				Computed:    true,
				ElementType: bindingType,
				Description: "The peering of each bound pool and queue, sorted by kind then name, so that you " +
					"can see which one is not ACTIVE yet and why. Each element has `name` (the pool or queue), " +
					"`kind` (`pool` or `queue`), `status` (`CREATING`, `ACTIVE` or `FAILED`), `peer_id` (the " +
					"peering's ID) and `err_msg` (why the peering FAILED, if it did).",
				PlanModifiers: []planmodifier.List{unchangedBindings{}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": framework.ConnectionTimeouts.Block(ctx),
		},
	}
}
