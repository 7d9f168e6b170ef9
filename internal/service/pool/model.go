package pool

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

// poolModel is the Terraform view of one elastic resource pool.
type poolModel struct {
	ID                  types.String   `tfsdk:"id"`
	Name                types.String   `tfsdk:"name"`
	MaxCU               types.Int64    `tfsdk:"max_cu"`
	MinCU               types.Int64    `tfsdk:"min_cu"`
	Description         types.String   `tfsdk:"description"`
	CIDRInVPC           types.String   `tfsdk:"cidr_in_vpc"`
	EnterpriseProjectID types.String   `tfsdk:"enterprise_project_id"`
	Tags                types.Map      `tfsdk:"tags"`
	Label               types.Map      `tfsdk:"label"`
	Status              types.String   `tfsdk:"status"`
	CurrentCU           types.Int64    `tfsdk:"current_cu"`
	ActualCU            types.Int64    `tfsdk:"actual_cu"`
	Owner               types.String   `tfsdk:"owner"`
	CreatedAt           types.String   `tfsdk:"created_at"`
	Queues              types.List     `tfsdk:"queues"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// createInput builds the creation body from the plan. Unknown optional values
// (cidr_in_vpc, enterprise_project_id left to the service) are sent empty, so
// that DLI applies its defaults.
func (m poolModel) createInput(ctx context.Context, diags *diag.Diagnostics) client.CreatePoolInput {
	in := client.CreatePoolInput{
		Name:                m.Name.ValueString(),
		Description:         m.Description.ValueString(),
		CIDRInVPC:           m.CIDRInVPC.ValueString(),
		MaxCU:               m.MaxCU.ValueInt64(),
		MinCU:               m.MinCU.ValueInt64(),
		EnterpriseProjectID: m.EnterpriseProjectID.ValueString(),
		Tags:                tags.FromMap(ctx, m.Tags, diags),
	}
	if !m.Label.IsNull() && !m.Label.IsUnknown() {
		diags.Append(m.Label.ElementsAs(ctx, &in.Label, false)...)
	}
	return in
}

// updateInput holds a changed description and, whenever anything changed,
// both CU values; ok is false when nothing needs to be sent.
func updateInput(plan, state poolModel) (in client.UpdatePoolInput, ok bool) {
	if !plan.Description.Equal(state.Description) {
		d := plan.Description.ValueString()
		in.Description = &d
		ok = true
	}
	if !plan.MaxCU.Equal(state.MaxCU) || !plan.MinCU.Equal(state.MinCU) {
		ok = true
	}
	if ok {
		// Both CU values go with every update, as the incumbent provider
		// sends them: they are one range, and a call carrying only one would
		// leave DLI to check it against the other as stored.
		maxCU, minCU := plan.MaxCU.ValueInt64(), plan.MinCU.ValueInt64()
		in.MaxCU, in.MinCU = &maxCU, &minCU
	}
	return in, ok
}

// setFrom copies what DLI reports into the model. The name keeps the
// configured spelling when it matches ignoring case; tags (read by
// readTags) and timeouts stay as they are.
func (m *poolModel) setFrom(p *client.Pool, diags *diag.Diagnostics) {
	m.ID = types.StringValue(p.ResourceID)
	m.Name = planmod.SameName(m.Name, p.Name)
	m.MaxCU = types.Int64Value(p.MaxCU)
	m.MinCU = types.Int64Value(p.MinCU)
	m.Description = types.StringValue(p.Description)
	m.CIDRInVPC = types.StringValue(p.CIDRInVPC)
	m.EnterpriseProjectID = types.StringValue(p.EnterpriseProjectID)
	m.Label = labelValue(p.Label, diags)
	m.Status = types.StringValue(p.Status)
	m.CurrentCU = types.Int64Value(p.CurrentCU)
	m.ActualCU = types.Int64Value(p.ActualCU)
	m.Owner = types.StringValue(p.Owner)
	m.CreatedAt = framework.Timestamp(p.CreateTime)
	m.Queues = queuesValue(p.Queues, diags)
	if m.Tags.IsUnknown() {
		m.Tags = types.MapNull(types.StringType)
	}
}

// labelValue maps the API's label to the attribute. "No labels" is an empty
// map, never null: an import cannot tell whether the configuration writes {}
// or leaves label out, and the schema plans both as {} (planmod.NoneIsEmpty).
func labelValue(api map[string]string, diags *diag.Diagnostics) types.Map {
	elems := make(map[string]attr.Value, len(api))
	for k, v := range api {
		elems[k] = types.StringValue(v)
	}
	v, d := types.MapValue(types.StringType, elems)
	diags.Append(d...)
	return v
}

// queuesValue is the pool's queue list; "none" is an empty list, not null, so
// that references to it always have a value.
func queuesValue(names []string, diags *diag.Diagnostics) types.List {
	return framework.StringList(names, diags)
}
