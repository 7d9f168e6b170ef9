package pool

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// poolConfig builds a configuration of the real schema with the given
// attributes set and every other one null.
func poolConfig(t *testing.T, set map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&poolResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	obj, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema's type is not an object")
	}
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for k, typ := range obj.AttributeTypes {
		vals[k] = tftypes.NewValue(typ, nil)
	}
	for k, v := range set {
		if _, ok := vals[k]; !ok {
			t.Fatalf("no attribute %q in the schema", k)
		}
		vals[k] = v
	}
	return tfsdk.Config{Schema: sr.Schema, Raw: tftypes.NewValue(obj, vals)}
}

func TestCURangeValidator(t *testing.T) {
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	unknown := tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	labelType := tftypes.Map{ElementType: tftypes.String}
	basic := tftypes.NewValue(labelType, map[string]tftypes.Value{"spec": tftypes.NewValue(tftypes.String, "basic")})
	standard := tftypes.NewValue(labelType, map[string]tftypes.Value{"spec": tftypes.NewValue(tftypes.String, "standard")})
	unknownLabel := tftypes.NewValue(labelType, tftypes.UnknownValue)

	cases := []struct {
		name   string
		set    map[string]tftypes.Value
		errors []string // substrings, one per expected diagnostic; none = valid
	}{
		{"seed", map[string]tftypes.Value{"min_cu": num(64), "max_cu": num(64)}, nil},
		{"standard range", map[string]tftypes.Value{"min_cu": num(64), "max_cu": num(32000)}, nil},
		{"min above max", map[string]tftypes.Value{"min_cu": num(128), "max_cu": num(64)},
			[]string{"min_cu (128) must not be greater than max_cu (64)"}},
		{"below standard", map[string]tftypes.Value{"min_cu": num(16), "max_cu": num(64)},
			[]string{"min_cu is 16; a standard-edition pool takes 64 to 32000"}},
		{"above standard", map[string]tftypes.Value{"min_cu": num(64), "max_cu": num(32016)},
			[]string{"max_cu is 32016"}},
		{"explicit standard label", map[string]tftypes.Value{"min_cu": num(16), "max_cu": num(16), "label": standard},
			[]string{"min_cu is 16", "max_cu is 16"}},
		{"basic", map[string]tftypes.Value{"min_cu": num(16), "max_cu": num(64), "label": basic}, nil},
		{"above basic", map[string]tftypes.Value{"min_cu": num(16), "max_cu": num(128), "label": basic},
			[]string{"max_cu is 128; a basic-edition pool takes 16 to 64"}},
		{"unknown max", map[string]tftypes.Value{"min_cu": num(64), "max_cu": unknown}, nil},
		{"unknown label", map[string]tftypes.Value{"min_cu": num(16), "max_cu": num(16), "label": unknownLabel}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := &resource.ValidateConfigResponse{}
			cuRangeRule.ValidateResource(context.Background(),
				resource.ValidateConfigRequest{Config: poolConfig(t, tc.set)}, resp)
			errs := resp.Diagnostics.Errors()
			if len(errs) != len(tc.errors) {
				t.Fatalf("got %d errors, want %d: %v", len(errs), len(tc.errors), errs)
			}
			for i, want := range tc.errors {
				if !strings.Contains(errs[i].Detail(), want) {
					t.Errorf("error %d = %q, want it to contain %q", i, errs[i].Detail(), want)
				}
			}
		})
	}
}
