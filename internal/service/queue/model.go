package queue

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

// queueModel is the Terraform view of one dli_queue.
type queueModel struct {
	ID                  types.String   `tfsdk:"id"`
	Name                types.String   `tfsdk:"name"`
	PoolName            types.String   `tfsdk:"elastic_resource_pool_name"`
	QueueType           types.String   `tfsdk:"queue_type"`
	CUCount             types.Int64    `tfsdk:"cu_count"`
	Description         types.String   `tfsdk:"description"`
	Platform            types.String   `tfsdk:"platform"`
	ResourceMode        types.Int64    `tfsdk:"resource_mode"`
	Feature             types.String   `tfsdk:"feature"`
	Engine              types.String   `tfsdk:"engine"`
	Labels              types.Set      `tfsdk:"labels"`
	Tags                types.Map      `tfsdk:"tags"`
	EnterpriseProjectID types.String   `tfsdk:"enterprise_project_id"`
	QueueID             types.Int64    `tfsdk:"queue_id"`
	Owner               types.String   `tfsdk:"owner"`
	CreatedAt           types.String   `tfsdk:"created_at"`
	ResourceType        types.String   `tfsdk:"resource_type"`
	CUSpec              types.Int64    `tfsdk:"cu_spec"`
	CUScaleOutLimit     types.Int64    `tfsdk:"cu_scale_out_limit"`
	CUScaleInLimit      types.Int64    `tfsdk:"cu_scale_in_limit"`
	ScalingPolicies     types.Set      `tfsdk:"scaling_policies"`
	SparkDriver         types.Object   `tfsdk:"spark_driver"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
}

// createInput builds the creation body from the plan. Computed arguments the
// user left unset are unknown in the plan and are not sent, so the service
// applies its own defaults. The pool goes in elastic_resource_pool_name (the
// walkthrough's body misuses enterprise_project_id for it).
func (m queueModel) createInput(ctx context.Context, diags *diag.Diagnostics) client.CreateQueueInput {
	in := client.CreateQueueInput{
		Name:                m.Name.ValueString(),
		Type:                m.QueueType.ValueString(),
		Description:         m.Description.ValueString(),
		CUCount:             m.CUCount.ValueInt64(),
		EnterpriseProjectID: m.EnterpriseProjectID.ValueString(),
		Platform:            m.Platform.ValueString(),
		Feature:             m.Feature.ValueString(),
		Engine:              createEngine(m),
		PoolName:            m.PoolName.ValueString(),
		Labels:              framework.Strings(ctx, m.Labels, diags),
		Tags:                tags.FromMap(ctx, m.Tags, diags),
	}
	switch {
	case known(m.ResourceMode):
		v := m.ResourceMode.ValueInt64()
		in.ResourceMode = &v
	case m.PoolName.ValueString() != "":
		// A queue in a pool is dedicated: the huaweicloud provider always
		// sends 1 for such queues, the only valid value since the shared
		// mode went offline (its docs/resources/dli_queue.md).
		v := int64(resourceModeDedicated)
		in.ResourceMode = &v
	}
	return in
}

// applyGet copies what GET one queue reports into the model. Names keep the
// configured spelling when DLI only changed their case. The list-only
// attributes (platform, feature, engine, labels) are left alone: GET lacks them.
func (m *queueModel) applyGet(q *client.Queue) {
	m.ID = types.StringValue(q.ResourceID)
	m.Name = planmod.SameName(m.Name, q.Name)
	m.PoolName = planmod.SameName(m.PoolName, q.PoolName)
	m.QueueType = types.StringValue(q.Type)
	m.CUCount = types.Int64Value(q.CUCount)
	m.Description = types.StringValue(q.Description)
	m.ResourceMode = types.Int64Value(q.ResourceMode)
	m.EnterpriseProjectID = types.StringValue(q.EnterpriseProjectID)
	m.QueueID = types.Int64Value(q.QueueID)
	m.Owner = types.StringValue(q.Owner)
	m.CreatedAt = framework.Timestamp(q.CreateTime)
	m.ResourceType = types.StringValue(q.ResourceType)
	m.CUSpec = types.Int64Value(q.CUSpec)
	m.CUScaleOutLimit = types.Int64Value(q.CUScaleOutLimit)
	m.CUScaleInLimit = types.Int64Value(q.CUScaleInLimit)
}

// needsListItem reports whether the list-only attributes are missing, which
// happens after an import (and after a create interrupted before it could read
// them). Labels alone do not count: a null labels set is also what a user who
// never set labels has, and refreshing must stay one request.
func (m queueModel) needsListItem() bool {
	// A general queue has no engine: its engine stays null for good.
	engineMissing := !known(m.Engine) && m.QueueType.ValueString() != TypeGeneral
	return !known(m.Platform) || !known(m.Feature) || engineMissing
}

// applyListItem fills the list-only computed attributes from the queue's list
// entry. Values the user configured are kept: they are what was sent at
// creation. Labels are not touched here: after a create a null labels set is
// the user's choice and must stay null; only an import fills them (see Read).
func (m *queueModel) applyListItem(q *client.Queue) {
	m.Platform = keepOr(m.Platform, q.Platform)
	m.Feature = keepOr(m.Feature, q.Feature)
	// No engine (a general queue) is null, not "": configuration generated
	// from the state must not set an engine the queue cannot take.
	if known(m.Engine) || q.Engine != "" {
		m.Engine = keepOr(m.Engine, q.Engine)
	} else {
		m.Engine = types.StringNull()
	}
}

// labelsValue is the labels set an import records; none is an empty set,
// which an unset argument and [] both plan as (planmod.NoneIsEmpty).
func labelsValue(labels []string) types.Set {
	elems := make([]attr.Value, 0, len(labels))
	for _, l := range labels {
		elems = append(elems, types.StringValue(l))
	}
	return types.SetValueMust(types.StringType, elems)
}

// keepOr keeps a known value and otherwise takes the API's.
func keepOr(v types.String, fromAPI string) types.String {
	if known(v) {
		return v
	}
	return types.StringValue(fromAPI)
}

func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// createEngine is the engine the create body carries: none for a general
// queue, which DLI refuses an engine for at creation ("Creating a Queue":
// engine only with queue_type sql) although it may report one (spark) for
// it, which configuration generated from a read then carries.
func createEngine(m queueModel) string {
	if m.QueueType.ValueString() == TypeGeneral {
		return ""
	}
	return m.Engine.ValueString()
}
