package migration

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
)

// poolStandIn is huaweicloud_dli_elastic_resource_pool: its id is the pool's
// resource id and its CIDR attribute is called cidr.
type poolStandIn struct{ base }

type poolState struct {
	ID                  types.String `tfsdk:"id"`
	Region              types.String `tfsdk:"region"`
	Name                types.String `tfsdk:"name"`
	MaxCU               types.Int64  `tfsdk:"max_cu"`
	MinCU               types.Int64  `tfsdk:"min_cu"`
	Description         types.String `tfsdk:"description"`
	CIDR                types.String `tfsdk:"cidr"`
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	Tags                types.Map    `tfsdk:"tags"`
	Label               types.Map    `tfsdk:"label"`
	Status              types.String `tfsdk:"status"`
	CurrentCU           types.Int64  `tfsdk:"current_cu"`
	ActualCU            types.Int64  `tfsdk:"actual_cu"`
	CreatedAt           types.String `tfsdk:"created_at"`
}

func (r *poolStandIn) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "huaweicloud_dli_elastic_resource_pool"
}

func (r *poolStandIn) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":                    schema.StringAttribute{Computed: true},
		"region":                schema.StringAttribute{Optional: true, Computed: true},
		"name":                  schema.StringAttribute{Required: true},
		"max_cu":                schema.Int64Attribute{Required: true},
		"min_cu":                schema.Int64Attribute{Required: true},
		"description":           schema.StringAttribute{Optional: true},
		"cidr":                  schema.StringAttribute{Optional: true, Computed: true},
		"enterprise_project_id": schema.StringAttribute{Optional: true},
		"tags":                  schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"label":                 schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"status":                schema.StringAttribute{Computed: true},
		"current_cu":            schema.Int64Attribute{Computed: true},
		"actual_cu":             schema.Int64Attribute{Computed: true},
		"created_at":            schema.StringAttribute{Computed: true},
	}}
}

func (r *poolStandIn) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m poolState
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, name := r.p.c, m.Name.ValueString()
	if _, err := c.GetPool(ctx, name); client.IsNotFound(err) {
		in := client.CreatePoolInput{
			Name: name, Description: m.Description.ValueString(), CIDRInVPC: m.CIDR.ValueString(),
			MaxCU: m.MaxCU.ValueInt64(), MinCU: m.MinCU.ValueInt64(),
			EnterpriseProjectID: m.EnterpriseProjectID.ValueString(), Tags: tags(ctx, m.Tags),
		}
		resp.Diagnostics.Append(m.Label.ElementsAs(ctx, &in.Label, true)...)
		if err := c.CreatePool(ctx, in); err != nil {
			resp.Diagnostics.AddError("stand-in: creating pool", err.Error())
			return
		}
	}
	var p *client.Pool
	err := acctest.PollUntil(ctx, "pool "+name, func() (bool, error) {
		var err error
		p, err = c.GetPool(ctx, name)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil && p.Status == client.PoolStatusAvailable, err
	})
	if err != nil {
		resp.Diagnostics.AddError("stand-in: waiting for pool", err.Error())
		return
	}
	m.ID = types.StringValue(p.ResourceID)
	m.Region = known(m.Region, r.p.region)
	m.CIDR = known(m.CIDR, p.CIDRInVPC)
	m.Status = types.StringValue(p.Status)
	m.CurrentCU = types.Int64Value(p.CurrentCU)
	m.ActualCU = types.Int64Value(p.ActualCU)
	m.CreatedAt = types.StringValue(hwTime(p.CreateTime))
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// queueStandIn is huaweicloud_dli_queue: its id is the queue's resource id
// and its creation time a number of milliseconds called create_time.
type queueStandIn struct{ base }

type queueState struct {
	ID                  types.String `tfsdk:"id"`
	Region              types.String `tfsdk:"region"`
	Name                types.String `tfsdk:"name"`
	PoolName            types.String `tfsdk:"elastic_resource_pool_name"`
	ResourceMode        types.Int64  `tfsdk:"resource_mode"`
	QueueType           types.String `tfsdk:"queue_type"`
	Description         types.String `tfsdk:"description"`
	CUCount             types.Int64  `tfsdk:"cu_count"`
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	Platform            types.String `tfsdk:"platform"`
	Feature             types.String `tfsdk:"feature"`
	Tags                types.Map    `tfsdk:"tags"`
	CreateTime          types.Int64  `tfsdk:"create_time"`
}

func (r *queueStandIn) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "huaweicloud_dli_queue"
}

func (r *queueStandIn) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":                         schema.StringAttribute{Computed: true},
		"region":                     schema.StringAttribute{Optional: true, Computed: true},
		"name":                       schema.StringAttribute{Required: true},
		"elastic_resource_pool_name": schema.StringAttribute{Optional: true, Computed: true},
		"resource_mode":              schema.Int64Attribute{Optional: true, Computed: true},
		"queue_type": schema.StringAttribute{Optional: true, Computed: true,
			Default: stringdefault.StaticString("sql")},
		"description":           schema.StringAttribute{Optional: true, Computed: true},
		"cu_count":              schema.Int64Attribute{Required: true},
		"enterprise_project_id": schema.StringAttribute{Optional: true, Computed: true},
		"platform": schema.StringAttribute{Optional: true, Computed: true,
			Default: stringdefault.StaticString("x86_64")},
		"feature":     schema.StringAttribute{Optional: true},
		"tags":        schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"create_time": schema.Int64Attribute{Computed: true},
	}}
}

func (r *queueStandIn) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m queueState
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, name := r.p.c, m.Name.ValueString()
	if _, err := c.GetQueue(ctx, name); client.IsNotFound(err) {
		in := client.CreateQueueInput{
			Name: name, Type: m.QueueType.ValueString(), Description: m.Description.ValueString(),
			CUCount: m.CUCount.ValueInt64(), EnterpriseProjectID: m.EnterpriseProjectID.ValueString(),
			Platform: m.Platform.ValueString(), Feature: m.Feature.ValueString(),
			Tags: tags(ctx, m.Tags), PoolName: m.PoolName.ValueString(),
		}
		if !m.ResourceMode.IsUnknown() && !m.ResourceMode.IsNull() {
			v := m.ResourceMode.ValueInt64()
			in.ResourceMode = &v
		}
		if err := c.CreateQueue(ctx, in); err != nil {
			resp.Diagnostics.AddError("stand-in: creating queue", err.Error())
			return
		}
	}
	var q *client.Queue
	err := acctest.PollUntil(ctx, "queue "+name, func() (bool, error) {
		var err error
		q, err = c.GetQueue(ctx, name)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil && q.CUCount == m.CUCount.ValueInt64(), err
	})
	if err != nil {
		resp.Diagnostics.AddError("stand-in: waiting for queue", err.Error())
		return
	}
	m.ID = types.StringValue(q.ResourceID)
	m.Region = known(m.Region, r.p.region)
	m.PoolName = known(m.PoolName, q.PoolName)
	m.Description = known(m.Description, q.Description)
	m.EnterpriseProjectID = known(m.EnterpriseProjectID, q.EnterpriseProjectID)
	if m.ResourceMode.IsUnknown() {
		m.ResourceMode = types.Int64Value(q.ResourceMode)
	}
	m.CreateTime = types.Int64Value(q.CreateTime)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// connectionStandIn is huaweicloud_dli_datasource_connection: its id is the
// connection id, and it binds queues only.
type connectionStandIn struct{ base }

type connectionState struct {
	ID           types.String `tfsdk:"id"`
	Region       types.String `tfsdk:"region"`
	Name         types.String `tfsdk:"name"`
	VPCID        types.String `tfsdk:"vpc_id"`
	SubnetID     types.String `tfsdk:"subnet_id"`
	RouteTableID types.String `tfsdk:"route_table_id"`
	Queues       types.Set    `tfsdk:"queues"`
	Hosts        types.List   `tfsdk:"hosts"`
	Routes       types.Set    `tfsdk:"routes"`
	Tags         types.Map    `tfsdk:"tags"`
	Status       types.String `tfsdk:"status"`
}

var (
	hostType  = types.ObjectType{AttrTypes: map[string]attr.Type{"name": types.StringType, "ip": types.StringType}}
	routeType = types.ObjectType{AttrTypes: map[string]attr.Type{"name": types.StringType, "cidr": types.StringType}}
)

func (r *connectionStandIn) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "huaweicloud_dli_datasource_connection"
}

func (r *connectionStandIn) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	pair := func(second string) schema.NestedAttributeObject {
		return schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true},
			second: schema.StringAttribute{Required: true},
		}}
	}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":             schema.StringAttribute{Computed: true},
		"region":         schema.StringAttribute{Optional: true, Computed: true},
		"name":           schema.StringAttribute{Required: true},
		"vpc_id":         schema.StringAttribute{Required: true},
		"subnet_id":      schema.StringAttribute{Required: true},
		"route_table_id": schema.StringAttribute{Optional: true, Computed: true},
		"queues":         schema.SetAttribute{Optional: true, Computed: true, ElementType: types.StringType},
		"hosts":          schema.ListNestedAttribute{Optional: true, Computed: true, NestedObject: pair("ip")},
		"routes":         schema.SetNestedAttribute{Optional: true, Computed: true, NestedObject: pair("cidr")},
		"tags":           schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"status":         schema.StringAttribute{Computed: true},
	}}
}

func (r *connectionStandIn) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m connectionState
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, name := r.p.c, m.Name.ValueString()
	var queues []string
	var hosts []struct {
		Name string `tfsdk:"name"`
		IP   string `tfsdk:"ip"`
	}
	var routes []struct {
		Name string `tfsdk:"name"`
		CIDR string `tfsdk:"cidr"`
	}
	resp.Diagnostics.Append(m.Queues.ElementsAs(ctx, &queues, true)...)
	resp.Diagnostics.Append(m.Hosts.ElementsAs(ctx, &hosts, true)...)
	resp.Diagnostics.Append(m.Routes.ElementsAs(ctx, &routes, true)...)
	if resp.Diagnostics.HasError() {
		return
	}
	existing, err := c.ListConnections(ctx, client.ConnectionFilter{Name: name})
	if err != nil {
		resp.Diagnostics.AddError("stand-in: listing connections", err.Error())
		return
	}
	id := ""
	for _, e := range existing {
		if strings.EqualFold(e.Name, name) {
			id = e.ID
		}
	}
	if id == "" {
		in := client.CreateConnectionInput{
			Name: name, VPCID: m.VPCID.ValueString(), SubnetID: m.SubnetID.ValueString(),
			RouteTableID: m.RouteTableID.ValueString(), Queues: queues, Tags: tags(ctx, m.Tags),
		}
		for _, h := range hosts {
			in.Hosts = append(in.Hosts, client.Host{Name: h.Name, IP: h.IP})
		}
		if id, err = c.CreateConnection(ctx, in); err != nil {
			resp.Diagnostics.AddError("stand-in: creating connection", err.Error())
			return
		}
		for _, rt := range routes {
			if err := c.AddConnectionRoute(ctx, id, client.Route{Name: rt.Name, CIDR: rt.CIDR}); err != nil {
				resp.Diagnostics.AddError("stand-in: adding route", err.Error())
				return
			}
		}
	}
	err = acctest.PollUntil(ctx, "connection "+name, func() (bool, error) {
		conn, err := c.GetConnection(ctx, id)
		if err != nil {
			return false, err
		}
		for _, b := range conn.Queues {
			if b.Status != client.BindingStatusActive {
				return false, nil
			}
		}
		return len(conn.Queues) == len(queues), nil
	})
	if err != nil {
		resp.Diagnostics.AddError("stand-in: waiting for connection", err.Error())
		return
	}
	m.ID = types.StringValue(id)
	m.Region = known(m.Region, r.p.region)
	m.RouteTableID = known(m.RouteTableID, "")
	if m.Queues.IsUnknown() {
		m.Queues = types.SetValueMust(types.StringType, nil)
	}
	if m.Hosts.IsUnknown() {
		m.Hosts = types.ListValueMust(hostType, nil)
	}
	if m.Routes.IsUnknown() {
		m.Routes = types.SetValueMust(routeType, nil)
	}
	m.Status = types.StringValue(client.ConnectionStatusActive)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// known keeps a planned value and fills an unknown one.
func known(v types.String, fill string) types.String {
	if v.IsUnknown() {
		return types.StringValue(fill)
	}
	return v
}

// tags turns a map attribute into the API's tag list.
func tags(ctx context.Context, m types.Map) []client.Tag {
	var kv map[string]string
	_ = m.ElementsAs(ctx, &kv, true) // a map of strings always converts
	out := make([]client.Tag, 0, len(kv))
	for k, v := range kv {
		out = append(out, client.Tag{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
