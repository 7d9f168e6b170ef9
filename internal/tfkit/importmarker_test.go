package tfkit

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/opendli/terraform-provider-dli/internal/client"
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

func strMap(kv ...string) types.Map {
	elems := map[string]attr.Value{}
	for i := 0; i+1 < len(kv); i += 2 {
		elems[kv[i]] = types.StringValue(kv[i+1])
	}
	return types.MapValueMust(types.StringType, elems)
}

func TestMarkerForKeepsThePoolsKey(t *testing.T) {
	// States imported before the marker moved here carry this key.
	if got := MarkerFor("tags"); got != "tags_unknown" {
		t.Errorf("MarkerFor(tags) = %q", got)
	}
}

func TestRequiresReplaceMap(t *testing.T) {
	tags := MarkerFor("tags")
	cases := []struct {
		name          string
		markers       []ImportMarker
		state, plan   types.Map
		wantReplace   bool
		privateAbsent bool
	}{
		{name: "imported, first record", markers: []ImportMarker{tags},
			state: types.MapNull(types.StringType), plan: strMap("owner", "a"), wantReplace: false},
		{name: "imported, unknown plan", markers: []ImportMarker{tags},
			state: types.MapNull(types.StringType), plan: types.MapUnknown(types.StringType), wantReplace: false},
		{name: "imported, recorded then changed", markers: []ImportMarker{tags},
			state: strMap("owner", "a"), plan: strMap("owner", "b"), wantReplace: true},
		{name: "imported, recorded then removed", markers: []ImportMarker{tags},
			state: strMap("owner", "a"), plan: types.MapNull(types.StringType), wantReplace: true},
		{name: "created without tags, tags added", state: types.MapNull(types.StringType),
			plan: strMap("owner", "a"), wantReplace: true},
		{name: "another attribute's marker", markers: []ImportMarker{MarkerFor("route_table_id")},
			state: types.MapNull(types.StringType), plan: strMap("owner", "a"), wantReplace: true},
		{name: "no private state", privateAbsent: true,
			state: types.MapNull(types.StringType), plan: strMap("owner", "a"), wantReplace: true},
		{name: "unchanged", markers: []ImportMarker{tags},
			state: strMap("owner", "a"), plan: strMap("owner", "a"), wantReplace: false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := planmodifier.MapRequest{State: nonNullState, Plan: nonNullPlan,
				StateValue: tc.state, PlanValue: tc.plan, ConfigValue: tc.plan}
			if !tc.privateAbsent {
				setPrivate(t, &req, tc.markers...)
			}
			resp := &planmodifier.MapResponse{PlanValue: tc.plan}
			tags.RequiresReplaceMap("why").PlanModifyMap(context.Background(), req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("diagnostics: %v", resp.Diagnostics)
			}
			if resp.RequiresReplace != tc.wantReplace {
				t.Errorf("RequiresReplace = %v, want %v", resp.RequiresReplace, tc.wantReplace)
			}
		})
	}
}

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

func TestVerifyImportedTags(t *testing.T) {
	ctx := context.Background()
	var asked [][]client.Tag
	carries := func(ok bool, err error) func(context.Context, []client.Tag) (bool, error) {
		return func(_ context.Context, tags []client.Tag) (bool, error) {
			asked = append(asked, tags)
			return ok, err
		}
	}

	if err := VerifyImportedTags(ctx, strMap("b", "2", "a", "1"), "queue", "q1", carries(true, nil)); err != nil {
		t.Errorf("carried tags: %v", err)
	}
	want := [][]client.Tag{{{Key: "a", Value: "1"}}, {{Key: "b", Value: "2"}}}
	if !reflect.DeepEqual(asked, want) {
		t.Errorf("filter asked = %v, want each tag on its own, sorted by key", asked)
	}

	err := VerifyImportedTags(ctx, strMap("owner", "x"), "queue", "q1", carries(false, nil))
	if err == nil {
		t.Fatal("tags the object does not carry were accepted")
	}
	for _, want := range []string{"imported queue q1", "does not carry all the configured tags", "owner=x", "-replace"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}

	boom := errors.New("list failed")
	if err := VerifyImportedTags(ctx, strMap("owner", "x"), "queue", "q1", carries(false, boom)); !errors.Is(err, boom) {
		t.Errorf("list error = %v, want %v", err, boom)
	}

	asked = nil
	for _, none := range []types.Map{types.MapNull(types.StringType), strMap()} {
		if err := VerifyImportedTags(ctx, none, "queue", "q1", carries(false, nil)); err != nil {
			t.Errorf("no tags: %v", err)
		}
	}
	if len(asked) != 0 {
		t.Errorf("no tags need no list request, got %d", len(asked))
	}
}
