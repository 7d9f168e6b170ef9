package queue

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/tags"
	"github.com/opendli/terraform-provider-dli/internal/validate"
)

var (
	_ datasource.DataSource              = (*queuesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*queuesDataSource)(nil)
)

// TypeAll is the queue_type filter value that lists queues of every type; it
// is the data source's default, where the API's own default is sql.
const TypeAll = "all"

// NewListDataSource returns the dli_queues data source: every queue matching the filters.
func NewListDataSource() datasource.DataSource { return &queuesDataSource{} }

type queuesDataSource struct {
	framework.DataSourceBase
}

// queuesModel is the configuration and result of dli_queues.
type queuesModel struct {
	QueueType types.String     `tfsdk:"queue_type"`
	PoolName  types.String     `tfsdk:"elastic_resource_pool_name"`
	Tags      types.Map        `tfsdk:"tags"`
	Names     types.List       `tfsdk:"names"`
	Queues    []queueItemModel `tfsdk:"queues"`
}

// Metadata names the data source type.
func (d *queuesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_queues"
}

// Schema describes dli_queues.
func (d *queuesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the DLI queues of the project that match every filter given. Unlike the list API, " +
			"which returns only SQL queues unless told otherwise, it lists queues of every type by default. " +
			"queue_type and tags are applied by DLI; elastic_resource_pool_name is applied by the provider. " +
			"DLI answers the queue list in one response when no page is asked for, so every queue is returned.",
		Attributes: map[string]schema.Attribute{
			"queue_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Description: "Keeps the queues of this type: `sql`, `general`, or `all` (the default here; " +
					"the API itself defaults to `sql`).",
				Validators: []validator.String{stringvalidator.OneOf(TypeSQL, TypeGeneral, TypeAll)},
			},
			"elastic_resource_pool_name": schema.StringAttribute{
				Optional: true,
				Description: "Keeps the queues in the elastic resource pool of this name (exact, ignoring case). " +
					"The list API has no such filter: the provider applies it to the listed queues.",
				Validators: validate.NameValidators(128),
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				Description: "Keeps the queues that carry every one of these tags with the given value.",
				Validators:  []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1))},
			},
			"names": schema.ListAttribute{
				Computed:    true,
				ElementType: types.StringType,
				Description: "Names of the matching queues, in the order of queues.",
			},
			"queues": schema.ListNestedAttribute{
				Computed:     true,
				Description:  "The matching queues, in the order DLI lists them.",
				NestedObject: schema.NestedAttributeObject{Attributes: itemAttributes()},
			},
		},
	}
}

// Read lists the queues with DLI's filters, then keeps those of the pool asked for.
func (d *queuesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m queuesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.QueueType.IsNull() || m.QueueType.IsUnknown() {
		m.QueueType = types.StringValue(TypeAll)
	}
	f := client.QueueFilter{Type: m.QueueType.ValueString(), Tags: tags.FromMap(ctx, m.Tags, &resp.Diagnostics)}
	if resp.Diagnostics.HasError() {
		return
	}
	queues, err := d.Client.ListQueues(ctx, f)
	if err != nil {
		framework.AddError(&resp.Diagnostics, "Error Listing DLI Queues", err)
		return
	}
	queues = inPool(queues, m.PoolName.ValueString())
	m.Queues = make([]queueItemModel, 0, len(queues))
	names := make([]string, 0, len(queues))
	for _, q := range queues {
		m.Queues = append(m.Queues, queueItem(q, &resp.Diagnostics))
		names = append(names, q.Name)
	}
	m.Names = framework.StringList(names, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// inPool keeps the queues of the named pool, ignoring case as DLI does for
// names; an empty pool name keeps every queue.
func inPool(queues []client.Queue, pool string) []client.Queue {
	if pool == "" {
		return queues
	}
	out := make([]client.Queue, 0, len(queues))
	for _, q := range queues {
		if strings.EqualFold(q.PoolName, pool) {
			out = append(out, q)
		}
	}
	return out
}
