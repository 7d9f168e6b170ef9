package framework

import (
	"context"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// nestedSchema has every shape a resource uses: primitives, collections,
// nested attributes (single, list, set) and nested blocks, nested twice.
func nestedSchema() schema.Schema {
	leaves := func() map[string]schema.Attribute {
		return map[string]schema.Attribute{
			"s":    schema.StringAttribute{Computed: true},
			"n":    schema.Int64Attribute{Optional: true, Computed: true},
			"b":    schema.BoolAttribute{Computed: true},
			"list": schema.ListAttribute{ElementType: types.StringType, Computed: true},
			"set":  schema.SetAttribute{ElementType: types.StringType, Optional: true},
			"map":  schema.MapAttribute{ElementType: types.StringType, Computed: true},
		}
	}
	with := func(extra map[string]schema.Attribute) map[string]schema.Attribute {
		m := leaves()
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	inner := with(map[string]schema.Attribute{
		"single": schema.SingleNestedAttribute{Attributes: leaves(), Computed: true},
	})
	return schema.Schema{
		Attributes: with(map[string]schema.Attribute{
			"single": schema.SingleNestedAttribute{Attributes: inner, Computed: true},
			"nested_list": schema.ListNestedAttribute{
				NestedObject: schema.NestedAttributeObject{Attributes: inner}, Computed: true},
			"nested_set": schema.SetNestedAttribute{
				NestedObject: schema.NestedAttributeObject{Attributes: leaves()}, Optional: true},
		}),
		Blocks: map[string]schema.Block{
			"block": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{
				Attributes: leaves(),
				Blocks: map[string]schema.Block{
					"inner": schema.SingleNestedBlock{Attributes: leaves()},
				},
			}},
		},
	}
}

// unknownsEverywhere builds a value of type t that is unknown at every
// depth: collections and objects alternate between unknown as a whole and
// known with unknown contents, and one primitive leaf in three is known, to
// check that known values survive.
func unknownsEverywhere(t tftypes.Type, n *int) tftypes.Value {
	*n++
	whole := *n%2 == 0
	switch tt := t.(type) {
	case tftypes.Object:
		if whole && *n > 1 {
			return tftypes.NewValue(t, tftypes.UnknownValue)
		}
		attrs := map[string]tftypes.Value{}
		names := make([]string, 0, len(tt.AttributeTypes))
		for name := range tt.AttributeTypes {
			names = append(names, name)
		}
		sort.Strings(names) // the same value on every run
		for _, name := range names {
			attrs[name] = unknownsEverywhere(tt.AttributeTypes[name], n)
		}
		return tftypes.NewValue(t, attrs)
	case tftypes.List:
		if whole {
			return tftypes.NewValue(t, tftypes.UnknownValue)
		}
		return tftypes.NewValue(t, []tftypes.Value{unknownsEverywhere(tt.ElementType, n)})
	case tftypes.Set:
		if whole {
			return tftypes.NewValue(t, tftypes.UnknownValue)
		}
		return tftypes.NewValue(t, []tftypes.Value{unknownsEverywhere(tt.ElementType, n)})
	case tftypes.Map:
		if whole {
			return tftypes.NewValue(t, tftypes.UnknownValue)
		}
		return tftypes.NewValue(t, map[string]tftypes.Value{"k": unknownsEverywhere(tt.ElementType, n)})
	}
	if *n%3 == 0 {
		switch {
		case t.Is(tftypes.String):
			return tftypes.NewValue(t, "known")
		case t.Is(tftypes.Number):
			return tftypes.NewValue(t, 16)
		case t.Is(tftypes.Bool):
			return tftypes.NewValue(t, true)
		}
	}
	return tftypes.NewValue(t, tftypes.UnknownValue)
}

func TestSaveKnownLeavesNoUnknownAndKeepsKnownValues(t *testing.T) {
	ctx := context.Background()
	s := nestedSchema()
	typ := s.Type().TerraformType(ctx)
	n := 0
	plan := unknownsEverywhere(typ, &n)
	if plan.IsFullyKnown() {
		t.Fatal("the plan has no unknown value to test with")
	}
	planned, err := s.Type().ValueFromTerraform(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	model := planned.(types.Object)

	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
	if diags := SaveKnown(ctx, &state, &model); diags.HasError() {
		t.Fatalf("SaveKnown: %v", diags)
	}
	if !state.Raw.IsFullyKnown() {
		t.Fatalf("state still holds unknown values: %s", state.Raw)
	}
	if back, err := model.ToTerraformValue(ctx); err != nil || !back.IsFullyKnown() {
		t.Fatalf("model still holds unknown values: %s (%v)", model, err)
	}

	// Every value known in the plan is unchanged; every unknown one is null.
	known, unknown := 0, 0
	err = tftypes.Walk(plan, func(p *tftypes.AttributePath, v tftypes.Value) (bool, error) {
		for _, step := range p.Steps() {
			if _, inSet := step.(tftypes.ElementKeyValue); inSet {
				// A set element is addressed by its value, which nulling changes;
				// the check of IsFullyKnown above covers it.
				return true, nil
			}
		}
		got, _, err := tftypes.WalkAttributePath(state.Raw, p)
		if err != nil {
			t.Errorf("%s: missing from the state: %v", p, err)
			return false, nil
		}
		gv := got.(tftypes.Value)
		switch {
		case !v.IsKnown():
			unknown++
			if !gv.IsNull() {
				t.Errorf("%s: unknown in the plan, %s in the state; want null", p, gv)
			}
		case v.Type().Is(tftypes.String) || v.Type().Is(tftypes.Number) || v.Type().Is(tftypes.Bool):
			known++
			if !gv.Equal(v) {
				t.Errorf("%s: %s in the plan, %s in the state", p, v, gv)
			}
		}
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if known == 0 || unknown < 10 {
		t.Fatalf("the plan had %d known leaves and %d unknown values; the test needs both", known, unknown)
	}
}
