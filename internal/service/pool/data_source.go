package pool

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/validate"
)

var (
	_ datasource.DataSource              = (*poolDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*poolDataSource)(nil)
)

// NewDataSource returns the dli_elastic_resource_pool data source: one pool by name.
func NewDataSource() datasource.DataSource { return &poolDataSource{} }

type poolDataSource struct {
	framework.DataSourceBase
}

// poolItemModel is one pool as the data sources report it: what the list API
// tells, which is everything DLI knows about a pool except its tags.
type poolItemModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	Status              types.String `tfsdk:"status"`
	FailReason          types.String `tfsdk:"fail_reason"`
	MinCU               types.Int64  `tfsdk:"min_cu"`
	MaxCU               types.Int64  `tfsdk:"max_cu"`
	CurrentCU           types.Int64  `tfsdk:"current_cu"`
	ActualCU            types.Int64  `tfsdk:"actual_cu"`
	PrepayCU            types.Int64  `tfsdk:"prepay_cu"`
	CIDRInVPC           types.String `tfsdk:"cidr_in_vpc"`
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	ChargingMode        types.Int64  `tfsdk:"charging_mode"`
	Label               types.Map    `tfsdk:"label"`
	Queues              types.List   `tfsdk:"queues"`
	Owner               types.String `tfsdk:"owner"`
	Manager             types.String `tfsdk:"manager"`
	IPv6Enable          types.Bool   `tfsdk:"ipv6_enable"`
	CreatedAt           types.String `tfsdk:"created_at"`
	UpdatedAt           types.String `tfsdk:"updated_at"`
}

// itemAttributes describes poolItemModel; every attribute is computed.
func itemAttributes() map[string]schema.Attribute {
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, Description: d} }
	num := func(d string) schema.Attribute { return schema.Int64Attribute{Computed: true, Description: d} }
	return map[string]schema.Attribute{
		"id":                    str("The pool's resource id (a UUID), the id of the dli_elastic_resource_pool resource."),
		"name":                  str("Name of the pool, in lower case as DLI stores it."),
		"description":           str("Description of the pool."),
		"status":                str("Status of the pool: CREATING, AVAILABLE, SCALING, FAILED, or another state DLI reports."),
		"fail_reason":           str("Why the pool FAILED; empty otherwise."),
		"min_cu":                num("Minimum CUs of the pool."),
		"max_cu":                num("Maximum CUs of the pool."),
		"current_cu":            num("CUs the pool is currently scaled to."),
		"actual_cu":             num("CUs actually allocated to the pool."),
		"prepay_cu":             num("Prepaid CUs of the pool; 0 for pay-per-use pools."),
		"cidr_in_vpc":           str("IPv4 CIDR block of the pool's own VPC."),
		"enterprise_project_id": str("Enterprise project of the pool (\"0\" is the default project)."),
		"charging_mode":         num("Billing mode: 1 pay-per-use, 2 prepaid."),
		"label": schema.MapAttribute{
			Computed: true, ElementType: types.StringType,
			Description: "Labels of the pool, e.g. spec = \"basic\" for the basic edition; empty when it has none.",
		},
		"queues": schema.ListAttribute{
			Computed: true, ElementType: types.StringType,
			Description: "Names of the queues in the pool.",
		},
		"owner":       str("The account that created the pool."),
		"manager":     str("Who manages the pool as DLI reports it, e.g. CUSTOMER."),
		"ipv6_enable": schema.BoolAttribute{Computed: true, Description: "Whether the pool has IPv6 enabled."},
		"created_at":  str("When the pool was created (RFC 3339, UTC)."),
		"updated_at":  str("When the pool was last changed (RFC 3339, UTC)."),
	}
}

// poolItem maps a pool of the API to the data source view.
func poolItem(p client.Pool, diags *diag.Diagnostics) poolItemModel {
	label := make(map[string]attr.Value, len(p.Label))
	for k, v := range p.Label {
		label[k] = types.StringValue(v)
	}
	labelValue, d := types.MapValue(types.StringType, label)
	diags.Append(d...)
	return poolItemModel{
		ID:                  types.StringValue(p.ResourceID),
		Name:                types.StringValue(p.Name),
		Description:         types.StringValue(p.Description),
		Status:              types.StringValue(p.Status),
		FailReason:          types.StringValue(p.FailReason),
		MinCU:               types.Int64Value(p.MinCU),
		MaxCU:               types.Int64Value(p.MaxCU),
		CurrentCU:           types.Int64Value(p.CurrentCU),
		ActualCU:            types.Int64Value(p.ActualCU),
		PrepayCU:            types.Int64Value(p.PrepayCU),
		CIDRInVPC:           types.StringValue(p.CIDRInVPC),
		EnterpriseProjectID: types.StringValue(p.EnterpriseProjectID),
		ChargingMode:        types.Int64Value(p.ChargingMode),
		Label:               labelValue,
		Queues:              queuesValue(p.Queues, diags),
		Owner:               types.StringValue(p.Owner),
		Manager:             types.StringValue(p.Manager),
		IPv6Enable:          types.BoolValue(p.IPv6Enable),
		CreatedAt:           framework.Timestamp(p.CreateTime),
		UpdatedAt:           framework.Timestamp(p.UpdateTime),
	}
}

// Metadata names the data source type.
func (d *poolDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + resourceType
}

// Schema describes dli_elastic_resource_pool: the pool's attributes, with name as the lookup key.
func (d *poolDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := itemAttributes()
	attrs["name"] = schema.StringAttribute{
		Required: true,
		Description: "Name of the pool to read. It must match a pool's name exactly, ignoring case " +
			"(DLI stores names in lower case); the list API's fuzzy name filter only narrows the search.",
		Validators: validate.NameValidators(128),
	}
	resp.Schema = schema.Schema{
		Description: "Reads one DLI elastic resource pool by its exact name. Fails when no pool has that name. " +
			"Tags are not reported: DLI does not return them.",
		Attributes: attrs,
	}
}

// Read lists the pools whose names contain the requested one and keeps the exact match.
func (d *poolDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg poolItemModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := cfg.Name.ValueString()
	pools, err := d.Client.ListPools(ctx, client.PoolFilter{Name: name})
	if err != nil {
		framework.AddError(&resp.Diagnostics, errReading, err)
		return
	}
	p, err := exactPool(pools, name)
	if err != nil {
		framework.AddError(&resp.Diagnostics, errReading, err)
		return
	}
	item := poolItem(*p, &resp.Diagnostics)
	item.Name = planmod.SameName(cfg.Name, p.Name)
	resp.Diagnostics.Append(resp.State.Set(ctx, &item)...)
}
