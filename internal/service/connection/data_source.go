package connection

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/validate"
)

var (
	_ datasource.DataSource                     = (*connectionDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*connectionDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*connectionDataSource)(nil)
)

// NewDataSource returns the dli_enhanced_connection data source: one connection by id or name.
func NewDataSource() datasource.DataSource { return &connectionDataSource{} }

type connectionDataSource struct {
	framework.DataSourceBase
}

// connectionItemModel is one connection as the data sources report it:
// everything DLI tells about it (it reports neither tags nor the route table).
type connectionItemModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	Status               types.String `tfsdk:"status"`
	VPCID                types.String `tfsdk:"vpc_id"`
	SubnetID             types.String `tfsdk:"subnet_id"`
	ElasticResourcePools types.List   `tfsdk:"elastic_resource_pools"`
	Queues               types.List   `tfsdk:"queues"`
	Hosts                []hostModel  `tfsdk:"hosts"`
	Routes               []routeModel `tfsdk:"routes"`
	Bindings             types.List   `tfsdk:"bindings"`
	CreatedAt            types.String `tfsdk:"created_at"`
}

// itemAttributes describes connectionItemModel; every attribute is computed.
func itemAttributes() map[string]schema.Attribute {
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, Description: d} }
	names := func(d string) schema.Attribute {
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, Description: d}
	}
	return map[string]schema.Attribute{
		"id":        str("The connection id, the id of the dli_enhanced_connection resource."),
		"name":      str("Name of the connection."),
		"status":    str("Status of the connection: ACTIVE, or DELETED for a connection DLI still reports after deleting it."),
		"vpc_id":    str("ID of the VPC the connection reaches (the API's dest_vpc_id)."),
		"subnet_id": str("ID of the VPC subnet the connection reaches (the API's dest_network_id; the `id` of a huaweicloud_vpc_subnet)."),
		"elastic_resource_pools": names("Names of the elastic resource pools bound to the connection, sorted; " +
			"bindings tells the state of each peering."),
		"queues": names("Names of the queues bound to the connection, sorted."),
		"hosts": schema.ListNestedAttribute{
			Computed:    true,
			Description: "Host mapping of the connection, in the order DLI reports it.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name": str("Host name."),
				"ip":   str("IPv4 address the name resolves to."),
			}},
		},
		"routes": schema.ListNestedAttribute{
			Computed:    true,
			Description: "Custom routes of the connection, sorted by name.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name": str("Route name."),
				"cidr": str("Destination network in CIDR notation."),
			}},
		},
		"bindings": schema.ListNestedAttribute{
			Computed:    true,
			Description: "The peering of each bound pool and queue, sorted by kind then name.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":    str("Name of the pool or queue."),
				"kind":    str("\"pool\" or \"queue\"."),
				"status":  str("CREATING, ACTIVE or FAILED."),
				"peer_id": str("ID of the peering."),
				"err_msg": str("Why the peering FAILED, if it did."),
			}},
		},
		"created_at": str("When the connection was created (RFC 3339, UTC)."),
	}
}

// connectionItem maps a connection of the API to the data source view.
func connectionItem(conn client.Connection, diags *diag.Diagnostics) connectionItemModel {
	m := connectionItemModel{
		ID:                   types.StringValue(conn.ID),
		Name:                 types.StringValue(conn.Name),
		Status:               types.StringValue(conn.Status),
		VPCID:                types.StringValue(conn.VPCID),
		SubnetID:             types.StringValue(conn.SubnetID),
		ElasticResourcePools: sortedNames(conn.Pools, diags),
		Queues:               sortedNames(conn.Queues, diags),
		Hosts:                make([]hostModel, 0, len(conn.Hosts)),
		Routes:               make([]routeModel, 0, len(conn.Routes)),
		Bindings:             bindingList(&conn, diags),
		CreatedAt:            framework.Timestamp(conn.CreateTime),
	}
	for _, h := range conn.Hosts {
		m.Hosts = append(m.Hosts, hostModel{Name: types.StringValue(h.Name), IP: types.StringValue(h.IP)})
	}
	routes := append([]client.Route(nil), conn.Routes...)
	sort.Slice(routes, func(i, j int) bool { return routes[i].Name < routes[j].Name })
	for _, r := range routes {
		m.Routes = append(m.Routes, routeModel{Name: types.StringValue(r.Name), CIDR: types.StringValue(r.CIDR)})
	}
	return m
}

// sortedNames lists the names of bindings, sorted; none is an empty list.
func sortedNames(bs []client.Binding, diags *diag.Diagnostics) types.List {
	names := make([]string, 0, len(bs))
	for _, b := range bs {
		names = append(names, b.Name)
	}
	sort.Strings(names)
	return framework.StringList(names, diags)
}

// Metadata names the data source type.
func (d *connectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_enhanced_connection"
}

// Schema describes dli_enhanced_connection: the connection's attributes, with
// id or name as the lookup key.
func (d *connectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := itemAttributes()
	attrs["id"] = schema.StringAttribute{
		Optional:    true,
		Computed:    true,
		Description: "ID of the connection to read. Set exactly one of id and name.",
		Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["name"] = schema.StringAttribute{
		Optional: true,
		Computed: true,
		Description: "Name of the connection to read. Set exactly one of id and name. A connection named " +
			"exactly so is taken; failing that, one whose name differs only in case (DLI's list filter matches " +
			"whole names, so finding those reads the whole list). Several candidates are an error: look the " +
			"connection up by id then.",
		Validators: validate.ConnectionNameValidators(maxNameLen),
	}
	resp.Schema = schema.Schema{
		Description: "Reads one DLI enhanced datasource connection by id or by name. Connections DLI reports " +
			"as DELETED are treated as gone. Fails when nothing, or more than one connection, matches. " +
			"Tags and the route table are not reported: DLI does not return them.",
		Attributes: attrs,
	}
}

// ConfigValidators requires exactly one of id and name.
func (d *connectionDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

// Read gets the connection by id, or lists by name and picks the one match.
func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg connectionItemModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var conn *client.Connection
	if id := cfg.ID.ValueString(); id != "" {
		got, err := d.Client.GetConnection(ctx, id)
		if client.IsNotFound(err) {
			framework.AddErrorf(&resp.Diagnostics, errReading, "No enhanced connection has id %q, or DLI reports it "+
				"DELETED. Check the id and the region.\n\n%s", id, err)
			return
		}
		if err != nil {
			framework.AddError(&resp.Diagnostics, errReading, err)
			return
		}
		conn = got
	} else {
		got, err := lookupByName(ctx, d.Client, cfg.Name.ValueString())
		if err != nil {
			framework.AddError(&resp.Diagnostics, errReading, err)
			return
		}
		conn = got
	}
	m := connectionItem(*conn, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
