package planmod

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setPrivate gives a plan modifier request (a pointer to a struct with a
// Private field) the framework's own private state, holding the given
// markers. The framework's type is internal to it, so it is made by reflection;
// its zero value is usable, and its exported methods are the ones the
// framework calls.
func setPrivate(t *testing.T, req any, markers ...ImportMarker) {
	t.Helper()
	field := reflect.ValueOf(req).Elem().FieldByName("Private")
	pd := reflect.New(field.Type().Elem())
	if d := MarkImported(context.Background(), pd.Interface().(PrivateSetter), markers...); d.HasError() {
		t.Fatalf("MarkImported: %v", d)
	}
	field.Set(pd)
}

// nonNullState is a state whose resource exists (RequiresReplaceIf does
// nothing on create), so that only the attribute values matter.
var nonNullState = tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})}
var nonNullPlan = tfsdk.Plan{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})}

func TestRequiresReplaceString(t *testing.T) {
	rt := MarkerFor("route_table_id")
	cases := []struct {
		name        string
		markers     []ImportMarker
		state, plan types.String
		wantReplace bool
	}{
		{name: "imported, first record", markers: []ImportMarker{MarkerFor("tags"), rt},
			state: types.StringNull(), plan: types.StringValue("rtb-1"), wantReplace: false},
		{name: "imported, recorded then changed", markers: []ImportMarker{rt},
			state: types.StringValue("rtb-1"), plan: types.StringValue("rtb-2"), wantReplace: true},
		{name: "not imported", state: types.StringNull(), plan: types.StringValue("rtb-1"), wantReplace: true},
		{name: "tags marker only", markers: []ImportMarker{MarkerFor("tags")},
			state: types.StringNull(), plan: types.StringValue("rtb-1"), wantReplace: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := planmodifier.StringRequest{State: nonNullState, Plan: nonNullPlan,
				StateValue: tc.state, PlanValue: tc.plan, ConfigValue: tc.plan}
			setPrivate(t, &req, tc.markers...)
			resp := &planmodifier.StringResponse{PlanValue: tc.plan}
			rt.RequiresReplaceString("why").PlanModifyString(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			if resp.RequiresReplace != tc.wantReplace {
				t.Errorf("RequiresReplace = %v, want %v", resp.RequiresReplace, tc.wantReplace)
			}
		})
	}
}

func TestMarkImportedRejectsReservedKey(t *testing.T) {
	req := planmodifier.MapRequest{}
	field := reflect.ValueOf(&req).Elem().FieldByName("Private")
	pd := reflect.New(field.Type().Elem()).Interface().(PrivateSetter)
	if d := MarkImported(context.Background(), pd, ImportMarker(".framework")); !d.HasError() {
		t.Error("a key starting with a period is the framework's and must be refused")
	}
}

type fakeGetter map[string]string

func (f fakeGetter) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	v, ok := f[key]
	if !ok {
		return nil, nil
	}
	return []byte(v), nil
}

func TestIsSet(t *testing.T) {
	ctx := context.Background()
	m := MarkerFor("tags")
	if set, _ := m.IsSet(ctx, nil); set {
		t.Error("no private state has no marker")
	}
	if set, _ := m.IsSet(ctx, fakeGetter{"tags_unknown": "false"}); set {
		t.Error("only \"true\" sets the marker")
	}
	if set, _ := m.IsSet(ctx, fakeGetter{"tags_unknown": "true"}); !set {
		t.Error("marker not seen")
	}
}
