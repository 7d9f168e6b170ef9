package queue

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func TestCreateInput(t *testing.T) {
	ctx := context.Background()
	m := queueModel{
		Name:                types.StringValue("Queue1"),
		PoolName:            types.StringValue("elastic_pool_dli"),
		QueueType:           types.StringValue("sql"),
		CUCount:             types.Int64Value(16),
		Description:         types.StringValue("test"),
		Platform:            types.StringUnknown(),
		ResourceMode:        types.Int64Unknown(),
		Feature:             types.StringValue("basic"),
		Engine:              types.StringUnknown(),
		EnterpriseProjectID: types.StringUnknown(),
		Labels:              types.SetValueMust(types.StringType, []attr.Value{types.StringValue("multi_az=2")}),
		Tags:                types.MapValueMust(types.StringType, map[string]attr.Value{"b": types.StringValue("2"), "a": types.StringValue("1")}),
	}
	var diags diag.Diagnostics
	got := m.createInput(ctx, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := client.CreateQueueInput{
		Name: "Queue1", Type: "sql", Description: "test", CUCount: 16, Feature: "basic",
		PoolName: "elastic_pool_dli", Labels: []string{"multi_az=2"},
		Tags: []client.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}},
		// Unset on a queue in a pool: 1, as the huaweicloud provider sends.
		ResourceMode: func() *int64 { v := int64(1); return &v }(),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("createInput (-want +got):\n%s", d)
	}

	standalone := m
	standalone.PoolName = types.StringUnknown()
	if got := standalone.createInput(ctx, &diags); got.ResourceMode != nil {
		t.Errorf("an unset resource_mode of a standalone queue must be left to DLI, got %v", *got.ResourceMode)
	}

	m.ResourceMode = types.Int64Value(0)
	if got := m.createInput(ctx, &diags); got.ResourceMode == nil || *got.ResourceMode != 0 {
		t.Errorf("a configured resource_mode 0 must be sent, got %v", got.ResourceMode)
	}
}

func TestApplyGetKeepsNameCaseAndListOnlyAttributes(t *testing.T) {
	m := queueModel{
		Name:     types.StringValue("Queue1"),
		PoolName: types.StringValue("Pool_A"),
		Platform: types.StringValue("aarch64"),
		Feature:  types.StringValue("basic"),
		Engine:   types.StringValue("spark"),
		Labels:   types.SetNull(types.StringType),
	}
	m.applyGet(&client.Queue{
		Name: "queue1", PoolName: "pool_a", ResourceID: "uuid-1", QueueID: 7, Type: "sql", CUCount: 32,
		Description: "d", ResourceMode: 1, EnterpriseProjectID: "0", Owner: "me", CreateTime: 1566888011125,
		ResourceType: "vm", CUSpec: 32, CUScaleOutLimit: 64, CUScaleInLimit: 8,
	})
	checks := map[string][2]attr.Value{
		"name":       {m.Name, types.StringValue("Queue1")},
		"pool":       {m.PoolName, types.StringValue("Pool_A")},
		"id":         {m.ID, types.StringValue("uuid-1")},
		"cu_count":   {m.CUCount, types.Int64Value(32)},
		"created_at": {m.CreatedAt, types.StringValue("2019-08-27T06:40:11Z")},
		"platform":   {m.Platform, types.StringValue("aarch64")},
		"in_limit":   {m.CUScaleInLimit, types.Int64Value(8)},
		"labels":     {m.Labels, types.SetNull(types.StringType)},
	}
	for what, c := range checks {
		if !c[0].Equal(c[1]) {
			t.Errorf("%s = %s, want %s", what, c[0], c[1])
		}
	}
	if m.needsListItem() {
		t.Error("a model with platform, feature and engine known needs no list item")
	}
}

func TestImportFillsListOnlyAttributes(t *testing.T) {
	for _, tc := range []struct {
		queueType, engine string
		wantEngine        types.String
	}{
		{TypeSQL, "spark", types.StringValue("spark")},
		// A general queue has no engine: null, so that generated configuration
		// does not set one, and no list lookup on later refreshes.
		{TypeGeneral, "", types.StringNull()},
	} {
		m := queueModel{Name: types.StringValue("q"), QueueType: types.StringValue(tc.queueType),
			Platform: types.StringNull(), Feature: types.StringNull(), Engine: types.StringNull(),
			Labels: types.SetNull(types.StringType)}
		if !m.needsListItem() {
			t.Fatalf("%s: an imported model needs the list item", tc.queueType)
		}
		m.applyListItem(&client.Queue{Platform: "x86_64", Feature: "ai", Engine: tc.engine, Labels: []string{"multi_az=2"}})
		if m.Platform.ValueString() != "x86_64" || m.Feature.ValueString() != "ai" || !m.Engine.Equal(tc.wantEngine) {
			t.Errorf("%s: list item not applied: %+v", tc.queueType, m)
		}
		if !m.Labels.IsNull() {
			t.Errorf("%s: applyListItem must leave labels to Read", tc.queueType)
		}
		if m.needsListItem() {
			t.Errorf("%s: after the list item nothing is missing", tc.queueType)
		}
	}
}

func TestLabelsValue(t *testing.T) {
	if v := labelsValue(nil); v.IsNull() || len(v.Elements()) != 0 {
		t.Errorf("no labels = %s, want [] (what unset and [] both plan as)", v)
	}
	want := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("b")})
	if v := labelsValue([]string{"b", "a"}); !v.Equal(want) {
		t.Errorf("labelsValue = %s, want %s", v, want)
	}
}

func TestReplaceWhenPoolRemoved(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name          string
		config, state types.String
		want          bool
	}{
		{"pool removed from config", types.StringNull(), types.StringValue("pool1"), true},
		{"standalone queue, DLI reports no pool", types.StringNull(), types.StringValue(""), false},
		{"create", types.StringNull(), types.StringNull(), false},
		{"pool kept", types.StringValue("pool1"), types.StringValue("pool1"), false},
		{"pool from another resource, not known yet", types.StringUnknown(), types.StringValue("pool1"), false},
	}
	for _, c := range cases {
		// UseStateForUnknown has planned the prior value.
		plan := c.state
		if plan.IsNull() {
			plan = types.StringUnknown()
		}
		resp := &planmodifier.StringResponse{PlanValue: plan}
		replaceWhenPoolRemoved().PlanModifyString(ctx,
			planmodifier.StringRequest{ConfigValue: c.config, StateValue: c.state, PlanValue: plan}, resp)
		if resp.RequiresReplace != c.want {
			t.Errorf("%s: RequiresReplace = %v, want %v", c.name, resp.RequiresReplace, c.want)
		}
		// Terraform ignores a replacement for a value planned unchanged.
		if c.want && !resp.PlanValue.IsUnknown() {
			t.Errorf("%s: planned %s, want unknown", c.name, resp.PlanValue)
		}
		if !c.want && !resp.PlanValue.Equal(plan) {
			t.Errorf("%s: planned %s, want %s unchanged", c.name, resp.PlanValue, plan)
		}
	}
}

// A general queue may carry engine = "spark" (DLI may report it, and
// generated configuration then writes it), but DLI refuses an engine when
// creating one: the create body leaves it out.
func TestCreateEngine(t *testing.T) {
	cases := []struct {
		queueType, engine, want string
	}{
		{TypeGeneral, EngineSpark, ""},
		{TypeSQL, EngineSpark, EngineSpark},
		{TypeSQL, EngineHetu, EngineHetu},
		{TypeSQL, "", ""},
	}
	for _, c := range cases {
		m := queueModel{QueueType: types.StringValue(c.queueType), Engine: types.StringValue(c.engine)}
		if got := createEngine(m); got != c.want {
			t.Errorf("%s queue with engine %q sends %q, want %q", c.queueType, c.engine, got, c.want)
		}
	}
}
