package connection

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
	_ datasource.DataSource              = (*connectionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectionsDataSource)(nil)
)

// NewListDataSource returns the dli_enhanced_connections data source: every
// connection matching the filters.
func NewListDataSource() datasource.DataSource { return &connectionsDataSource{} }

type connectionsDataSource struct {
	framework.DataSourceBase
}

// connectionsModel is the configuration and result of dli_enhanced_connections.
type connectionsModel struct {
	Name        types.String          `tfsdk:"name"`
	Status      types.String          `tfsdk:"status"`
	Tags        types.Map             `tfsdk:"tags"`
	IDs         types.List            `tfsdk:"ids"`
	Connections []connectionItemModel `tfsdk:"connections"`
}

// Metadata names the data source type.
func (d *connectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_enhanced_connections"
}

// Schema describes dli_enhanced_connections.
func (d *connectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the DLI enhanced datasource connections of the project that match every filter " +
			"given; with no filter, all of them except those DLI reports as DELETED. The filters are applied " +
			"by DLI (the provider checks the name once more, exactly), and the list is read page after page " +
			"to the end.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional: true,
				Description: "Keeps the connection whose name is exactly this, case included. DLI's list " +
					"filter matches whole names, not parts of them; it does not document whether it ignores " +
					"case, so the provider keeps only exact matches. The dli_enhanced_connection data source " +
					"also finds a name that differs only in case.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": schema.StringAttribute{
				Optional: true,
				Description: "Keeps the connections in this status: ACTIVE or DELETED. Unset lists every " +
					"connection except DELETED ones, which only this filter shows.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				Description: "Keeps the connections that carry every one of these tags with the given value.",
				Validators:  []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1))},
			},
			"ids": schema.ListAttribute{
				Computed:    true,
				ElementType: types.StringType,
				Description: "IDs of the matching connections, in the order of connections.",
			},
			"connections": schema.ListNestedAttribute{
				Computed:     true,
				Description:  "The matching connections, in the order DLI lists them (oldest first).",
				NestedObject: schema.NestedAttributeObject{Attributes: itemAttributes()},
			},
		},
	}
}

// Read lists every page of matching connections.
func (d *connectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m connectionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	f := client.ConnectionFilter{
		Name:   m.Name.ValueString(),
		Status: m.Status.ValueString(),
		Tags:   tags.FromMap(ctx, m.Tags, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	conns, err := d.Client.ListConnections(ctx, f)
	if err != nil {
		framework.AddError(&resp.Diagnostics, "Error Listing DLI Enhanced Connections", err)
		return
	}
	if f.Status == "" {
		conns = withoutDeleted(conns)
	}
	if f.Name != "" {
		conns = namedExactly(conns, f.Name)
	}
	m.Connections = make([]connectionItemModel, 0, len(conns))
	ids := make([]string, 0, len(conns))
	for _, c := range conns {
		m.Connections = append(m.Connections, connectionItem(c, &resp.Diagnostics))
		ids = append(ids, c.ID)
	}
	m.IDs = framework.StringList(ids, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
