package queue

import (
	"context"

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
	_ datasource.DataSource              = (*queueDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*queueDataSource)(nil)
)

// NewDataSource returns the dli_queue data source: one queue by name.
func NewDataSource() datasource.DataSource { return &queueDataSource{} }

type queueDataSource struct {
	framework.DataSourceBase
}

// queueItemModel is one queue as the data sources report it: everything DLI
// tells about a queue except its tags, which it does not return.
type queueItemModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	QueueID             types.Int64  `tfsdk:"queue_id"`
	QueueType           types.String `tfsdk:"queue_type"`
	PoolName            types.String `tfsdk:"elastic_resource_pool_name"`
	CUCount             types.Int64  `tfsdk:"cu_count"`
	Description         types.String `tfsdk:"description"`
	Platform            types.String `tfsdk:"platform"`
	ResourceMode        types.Int64  `tfsdk:"resource_mode"`
	Feature             types.String `tfsdk:"feature"`
	Engine              types.String `tfsdk:"engine"`
	Labels              types.List   `tfsdk:"labels"`
	EnterpriseProjectID types.String `tfsdk:"enterprise_project_id"`
	ChargingMode        types.Int64  `tfsdk:"charging_mode"`
	ResourceType        types.String `tfsdk:"resource_type"`
	CUSpec              types.Int64  `tfsdk:"cu_spec"`
	CUScaleOutLimit     types.Int64  `tfsdk:"cu_scale_out_limit"`
	CUScaleInLimit      types.Int64  `tfsdk:"cu_scale_in_limit"`
	CIDRInVPC           types.String `tfsdk:"cidr_in_vpc"`
	Owner               types.String `tfsdk:"owner"`
	CreatedAt           types.String `tfsdk:"created_at"`
}

// itemAttributes describes queueItemModel; every attribute is computed.
func itemAttributes() map[string]schema.Attribute {
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, Description: d} }
	num := func(d string) schema.Attribute { return schema.Int64Attribute{Computed: true, Description: d} }
	return map[string]schema.Attribute{
		"id":         str("The queue's resource id (a UUID), the id of the dli_queue resource."),
		"name":       str("Name of the queue, in lower case as DLI stores it."),
		"queue_id":   num("Numeric id of the queue."),
		"queue_type": str("Type of the queue: sql or general."),
		"elastic_resource_pool_name": str("Name of the elastic resource pool the queue belongs to; empty for a " +
			"standalone queue."),
		"cu_count":      num("Current number of compute units (CUs) of the queue."),
		"description":   str("Description of the queue."),
		"platform":      str("CPU architecture of the queue's compute: x86_64 or aarch64."),
		"resource_mode": num("Resource mode: 0 shared, 1 dedicated."),
		"feature":       str("Queue feature: basic or ai."),
		"engine":        str("Engine of a SQL queue (spark or hetuEngine); empty for general queues."),
		"labels": schema.ListAttribute{
			Computed: true, ElementType: types.StringType,
			Description: "Labels of the queue, such as multi_az=2; empty when it has none.",
		},
		"enterprise_project_id": str("Enterprise project of the queue (\"0\" is the default project)."),
		"charging_mode":         num("Billing mode: 1 pay-per-use, 2 prepaid."),
		"resource_type":         str("Resource type of the queue as DLI reports it."),
		"cu_spec":               num("CU specification of the queue as DLI reports it."),
		"cu_scale_out_limit":    num("Upper CU limit for scaling the queue out."),
		"cu_scale_in_limit":     num("Lower CU limit for scaling the queue in."),
		"cidr_in_vpc":           str("IPv4 CIDR block of the network the queue's compute runs in."),
		"owner":                 str("User who created the queue."),
		"created_at":            str("Creation time of the queue (RFC 3339, UTC)."),
	}
}

// queueItem maps a queue of the API to the data source view.
func queueItem(q client.Queue, diags *diag.Diagnostics) queueItemModel {
	labelList := framework.StringList(q.Labels, diags)
	return queueItemModel{
		ID:                  types.StringValue(q.ResourceID),
		Name:                types.StringValue(q.Name),
		QueueID:             types.Int64Value(q.QueueID),
		QueueType:           types.StringValue(q.Type),
		PoolName:            types.StringValue(q.PoolName),
		CUCount:             types.Int64Value(q.CUCount),
		Description:         types.StringValue(q.Description),
		Platform:            types.StringValue(q.Platform),
		ResourceMode:        types.Int64Value(q.ResourceMode),
		Feature:             types.StringValue(q.Feature),
		Engine:              types.StringValue(q.Engine),
		Labels:              labelList,
		EnterpriseProjectID: types.StringValue(q.EnterpriseProjectID),
		ChargingMode:        types.Int64Value(q.ChargingMode),
		ResourceType:        types.StringValue(q.ResourceType),
		CUSpec:              types.Int64Value(q.CUSpec),
		CUScaleOutLimit:     types.Int64Value(q.CUScaleOutLimit),
		CUScaleInLimit:      types.Int64Value(q.CUScaleInLimit),
		CIDRInVPC:           types.StringValue(q.CIDRInVPC),
		Owner:               types.StringValue(q.Owner),
		CreatedAt:           framework.Timestamp(q.CreateTime),
	}
}

// mergeListItem completes a queue read with GET by what only its list entry
// carries. GET stays authoritative for the rest: it is the fresher, direct read.
func mergeListItem(got client.Queue, item client.Queue) client.Queue {
	got.Platform = item.Platform
	got.Feature = item.Feature
	got.Engine = item.Engine
	got.Labels = item.Labels
	got.CIDRInVPC = item.CIDRInVPC
	return got
}

// Metadata names the data source type.
func (d *queueDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_queue"
}

// Schema describes dli_queue: the queue's attributes, with name as the lookup key.
func (d *queueDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := itemAttributes()
	attrs["name"] = schema.StringAttribute{
		Required: true,
		Description: "Name of the queue to read, matched exactly but ignoring case (DLI stores names in lower " +
			"case). Any queue type is found.",
		Validators: validate.NameValidators(128),
	}
	resp.Schema = schema.Schema{
		Description: "Reads one DLI queue by name: DLI's direct read of the queue, completed by its entry in " +
			"the queue list for platform, feature, engine, labels and cidr_in_vpc. Fails when no queue has that " +
			"name. Tags are not reported: DLI does not return them.",
		Attributes: attrs,
	}
}

// Read gets the queue and its list entry.
func (d *queueDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg queueItemModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := cfg.Name.ValueString()
	got, err := d.Client.GetQueue(ctx, name)
	if err == nil {
		var item *client.Queue
		item, err = d.Client.FindQueueListItem(ctx, name)
		if err == nil {
			merged := mergeListItem(*got, *item)
			got = &merged
		}
	}
	if client.IsNotFound(err) {
		framework.AddErrorf(&resp.Diagnostics, errRead, "No queue is named %q (of any type) in this project and "+
			"region. Check the name, or list queues with the dli_queues data source.\n\n%s", name, err)
		return
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errRead, err)
		return
	}
	m := queueItem(*got, &resp.Diagnostics)
	m.Name = planmod.SameName(cfg.Name, got.Name)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
