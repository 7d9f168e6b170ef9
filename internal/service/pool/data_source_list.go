package pool

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

var (
	_ datasource.DataSource              = (*poolsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*poolsDataSource)(nil)
)

// NewListDataSource returns the dli_elastic_resource_pools data source: every
// pool matching the filters.
func NewListDataSource() datasource.DataSource { return &poolsDataSource{} }

type poolsDataSource struct {
	framework.DataSourceBase
}

// poolsModel is the configuration and result of dli_elastic_resource_pools.
type poolsModel struct {
	Name   types.String    `tfsdk:"name"`
	Status types.String    `tfsdk:"status"`
	Tags   types.Map       `tfsdk:"tags"`
	Names  types.List      `tfsdk:"names"`
	Pools  []poolItemModel `tfsdk:"elastic_resource_pools"`
}

// Metadata names the data source type.
func (d *poolsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + resourceType + "s"
}

// Schema describes dli_elastic_resource_pools.
func (d *poolsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the DLI elastic resource pools of the project that match every filter given; with no " +
			"filter, all of them. The filters are applied by DLI, and the list is read page after page to the end.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional: true,
				Description: "Keeps the pools whose name contains this text, ignoring case (the list API's fuzzy " +
					"name filter). Use the dli_elastic_resource_pool data source for an exact name.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": schema.StringAttribute{
				Optional:    true,
				Description: "Keeps the pools in this status, e.g. AVAILABLE, CREATING, SCALING or FAILED.",
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				Description: "Keeps the pools that carry every one of these tags with the given value.",
				Validators:  []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1))},
			},
			"names": schema.ListAttribute{
				Computed:    true,
				ElementType: types.StringType,
				Description: "Names of the matching pools, in the order of elastic_resource_pools.",
			},
			"elastic_resource_pools": schema.ListNestedAttribute{
				Computed:     true,
				Description:  "The matching pools, in the order DLI lists them (by name).",
				NestedObject: schema.NestedAttributeObject{Attributes: itemAttributes()},
			},
		},
	}
}

// Read lists every page of matching pools.
func (d *poolsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m poolsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := client.PoolFilter{
		Name:   m.Name.ValueString(),
		Status: m.Status.ValueString(),
		Tags:   tags.FromMap(ctx, m.Tags, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	pools, err := d.Client.ListPools(ctx, f)
	if err != nil {
		framework.AddError(&resp.Diagnostics, "Error Listing DLI Elastic Resource Pools", err)
		return
	}
	m.Pools = make([]poolItemModel, 0, len(pools))
	names := make([]string, 0, len(pools))
	for _, p := range pools {
		m.Pools = append(m.Pools, poolItem(p, &resp.Diagnostics))
		names = append(names, p.Name)
	}
	m.Names = framework.StringList(names, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
