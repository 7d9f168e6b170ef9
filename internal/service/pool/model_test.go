package pool

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

func apiPool() *client.Pool {
	return &client.Pool{
		Name: "elastic_pool_dli", ResourceID: "6c4b2f0e-1b7a-4a55-9d1e-2f1c3b0a9e11", Description: "test",
		Owner: "someone", Status: client.PoolStatusAvailable, MaxCU: 64, MinCU: 64, ActualCU: 64, CurrentCU: 64,
		CIDRInVPC: "172.16.0.0/14", EnterpriseProjectID: "0", Label: map[string]string{}, CreateTime: 1700000000000,
	}
}

func TestSetFromKeepsConfiguredSpellingAndTags(t *testing.T) {
	var diags diag.Diagnostics
	tags := types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringValue("v")})
	m := poolModel{Name: types.StringValue("Elastic_Pool_DLI"), Tags: tags, Label: types.MapNull(types.StringType)}
	m.setFrom(apiPool(), &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got := m.Name.ValueString(); got != "Elastic_Pool_DLI" {
		t.Errorf("name = %q, want the configured spelling", got)
	}
	if !m.Tags.Equal(tags) {
		t.Errorf("tags = %v, want them kept from the state (the API does not report them)", m.Tags)
	}
	if m.Label.IsNull() || len(m.Label.Elements()) != 0 {
		t.Errorf("label = %v, want {} for the API's empty label", m.Label)
	}
	if m.Queues.IsNull() || len(m.Queues.Elements()) != 0 {
		t.Errorf("queues = %v, want a known empty list", m.Queues)
	}
	if got := m.CreatedAt.ValueString(); got != "2023-11-14T22:13:20Z" {
		t.Errorf("created_at = %q", got)
	}
	if m.ID.ValueString() != apiPool().ResourceID || m.CIDRInVPC.ValueString() != "172.16.0.0/14" ||
		m.EnterpriseProjectID.ValueString() != "0" || m.Status.ValueString() != "AVAILABLE" {
		t.Errorf("model = %+v", m)
	}

	// Another name entirely (import of a fuzzy match never gets here, but a
	// rename must not be masked) takes the API's spelling.
	m.Name = types.StringValue("other")
	m.setFrom(apiPool(), &diags)
	if m.Name.ValueString() != "elastic_pool_dli" {
		t.Errorf("name = %q, want the API's", m.Name.ValueString())
	}
}

func TestLabelValue(t *testing.T) {
	var diags diag.Diagnostics
	empty := types.MapValueMust(types.StringType, map[string]attr.Value{})
	// None is {}, never null: an import cannot know whether the configuration
	// writes {} or leaves label out, and both plan as {}.
	if got := labelValue(nil, &diags); !got.Equal(empty) {
		t.Errorf("no API label = %v, want {}", got)
	}
	if got := labelValue(map[string]string{}, &diags); !got.Equal(empty) {
		t.Errorf("empty API label = %v, want {}", got)
	}
	want := types.MapValueMust(types.StringType, map[string]attr.Value{"spec": types.StringValue("basic")})
	if got := labelValue(map[string]string{"spec": "basic"}, &diags); !got.Equal(want) {
		t.Errorf("API label = %v, want %v (read back, as on import)", got, want)
	}
}

func TestUpdateInputSendsBothCUs(t *testing.T) {
	state := poolModel{Description: types.StringValue("a"), MaxCU: types.Int64Value(64), MinCU: types.Int64Value(64)}

	if _, ok := updateInput(state, state); ok {
		t.Error("no change must send nothing")
	}
	plan := state
	plan.MaxCU = types.Int64Value(128)
	in, ok := updateInput(plan, state)
	if !ok || in.MaxCU == nil || *in.MaxCU != 128 || in.MinCU == nil || *in.MinCU != 64 || in.Description != nil {
		t.Errorf("max_cu change = %+v, %v; want max_cu 128 and min_cu 64 both sent", in, ok)
	}
	plan = state
	plan.MinCU = types.Int64Value(80)
	plan.MaxCU = types.Int64Value(80)
	in, ok = updateInput(plan, state)
	if !ok || in.MaxCU == nil || *in.MaxCU != 80 || in.MinCU == nil || *in.MinCU != 80 {
		t.Errorf("range change = %+v, %v", in, ok)
	}
	plan = state
	plan.Description = types.StringValue("")
	in, ok = updateInput(plan, state)
	if !ok || in.Description == nil || *in.Description != "" || in.MaxCU == nil || *in.MaxCU != 64 || in.MinCU == nil || *in.MinCU != 64 {
		t.Errorf("emptied description = %+v, %v; want an explicit empty description and the CU range", in, ok)
	}
}

func TestSettledDistrustsAnEarlyAvailable(t *testing.T) {
	defer func(s time.Duration) { wait.Settle = s }(wait.Settle)
	wait.Settle = time.Hour
	maxCU, minCU, d := int64(128), int64(80), "scaled"
	in := client.UpdatePoolInput{MaxCU: &maxCU, MinCU: &minCU, Description: &d}
	updated := apiPool()
	updated.MaxCU, updated.MinCU, updated.Description = 128, 80, "scaled"

	target := settled(in, true, time.Now())
	if target(apiPool()) {
		t.Error("the old values must not end the wait")
	}
	if target(updated) {
		t.Error("AVAILABLE with the new values before DLI was seen SCALING must not end the wait within wait.Settle")
	}
	scaling := *updated
	scaling.Status = "Scaling" // any case
	target(&scaling)           // waitAvailable goes on: the status is not AVAILABLE
	if !target(updated) {
		t.Error("AVAILABLE with the new values after SCALING must end the wait")
	}

	if !settled(in, true, time.Now().Add(-2*time.Hour))(updated) {
		t.Error("once wait.Settle has passed, AVAILABLE with the new values must end the wait")
	}
	if !settled(in, false, time.Now())(updated) {
		t.Error("an update that keeps the CU range has nothing to scale: the new values end the wait")
	}
}

func TestCreateInput(t *testing.T) {
	var diags diag.Diagnostics
	m := poolModel{
		Name: types.StringValue("p"), MaxCU: types.Int64Value(64), MinCU: types.Int64Value(16),
		Description: types.StringValue("d"), CIDRInVPC: types.StringUnknown(), EnterpriseProjectID: types.StringUnknown(),
		Tags:  types.MapValueMust(types.StringType, map[string]attr.Value{"b": types.StringValue("2"), "a": types.StringValue("1")}),
		Label: types.MapValueMust(types.StringType, map[string]attr.Value{"spec": types.StringValue("basic")}),
	}
	in := m.createInput(context.Background(), &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if in.CIDRInVPC != "" || in.EnterpriseProjectID != "" {
		t.Errorf("unknown optional values must be sent empty for the service default: %+v", in)
	}
	if len(in.Tags) != 2 || in.Tags[0].Key != "a" || in.Label["spec"] != "basic" || in.MaxCU != 64 || in.MinCU != 16 {
		t.Errorf("input = %+v", in)
	}
}
