package planmod

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestNameIgnoringCase(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		state, plan types.String
		want        types.String
	}{
		{types.StringValue("queue1"), types.StringValue("Queue1"), types.StringValue("queue1")},
		{types.StringValue("queue1"), types.StringValue("queue2"), types.StringValue("queue2")},
		{types.StringNull(), types.StringValue("Queue1"), types.StringValue("Queue1")},
		{types.StringValue("queue1"), types.StringUnknown(), types.StringUnknown()},
	}
	for _, c := range cases {
		resp := &planmodifier.StringResponse{PlanValue: c.plan}
		NameIgnoringCase().PlanModifyString(ctx, planmodifier.StringRequest{StateValue: c.state, PlanValue: c.plan}, resp)
		if !resp.PlanValue.Equal(c.want) {
			t.Errorf("state %s, plan %s: planned %s, want %s", c.state, c.plan, resp.PlanValue, c.want)
		}
	}
}

// existing and creating are the states of a resource that exists and of one
// being created, as plan modifiers see them.
var (
	existing = tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})}
	creating = tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{}, nil)}
)

func strSet(names ...string) types.Set {
	elems := make([]attr.Value, 0, len(names))
	for _, n := range names {
		elems = append(elems, types.StringValue(n))
	}
	return types.SetValueMust(types.StringType, elems)
}

func TestNoneIsEmpty(t *testing.T) {
	ctx := context.Background()
	null := types.SetNull(types.StringType)
	unknown := types.SetUnknown(types.StringType)
	cases := []struct {
		name                string
		emptyOnCreate       bool
		config, state, plan types.Set
		st                  tfsdk.State
		want                types.Set
	}{
		{"unset, [] recorded: kept", true, null, strSet(), unknown, existing, strSet()},
		{"unset, null in an old state: kept", true, null, null, unknown, existing, null},
		{"unset on create, read records []", true, null, null, unknown, creating, strSet()},
		{"unset on create, read leaves it alone", false, null, null, unknown, creating, null},
		{"unset after elements: emptied", true, null, strSet("a"), unknown, existing, strSet()},
		{"unset after elements: null", false, null, strSet("a"), unknown, existing, null},
		{"[] configured: as written", true, strSet(), null, strSet(), existing, strSet()},
		{"elements configured: as written", false, strSet("a"), strSet(), strSet("a"), existing, strSet("a")},
	}
	for _, c := range cases {
		resp := &planmodifier.SetResponse{PlanValue: c.plan}
		NoneIsEmpty(c.emptyOnCreate).PlanModifySet(ctx, planmodifier.SetRequest{
			ConfigValue: c.config, StateValue: c.state, PlanValue: c.plan, State: c.st,
		}, resp)
		if !resp.PlanValue.Equal(c.want) {
			t.Errorf("%s: planned %s, want %s", c.name, resp.PlanValue, c.want)
		}
	}
}

func TestNamesIgnoringCase(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name        string
		state, plan types.Set
		want        types.Set
	}{
		{"import recorded lower case", strSet("ceo_upper_pool", "myqueue"), strSet("CEO_Upper_Pool", "MyQueue"),
			strSet("ceo_upper_pool", "myqueue")},
		{"another name", strSet("a"), strSet("A", "b"), strSet("A", "b")},
		{"create", types.SetNull(types.StringType), strSet("A"), strSet("A")},
		{"unknown element", strSet("a"), types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()}),
			types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()})},
	}
	for _, c := range cases {
		resp := &planmodifier.SetResponse{PlanValue: c.plan}
		NamesIgnoringCase().PlanModifySet(ctx, planmodifier.SetRequest{StateValue: c.state, PlanValue: c.plan}, resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", c.name, resp.Diagnostics)
		}
		if !resp.PlanValue.Equal(c.want) {
			t.Errorf("%s: planned %s, want %s", c.name, resp.PlanValue, c.want)
		}
	}
}
