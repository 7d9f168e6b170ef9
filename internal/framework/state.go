package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// SaveKnown saves model (a plan, partly applied) as the state with every
// unknown value made null, and reads the result back into model. Terraform
// cannot store unknown values, yet a create must record its object before
// DLI has reported everything, so that a failure or an interrupt leaves it
// tracked; the next refresh fills the nulls in. Every unknown is nulled,
// whatever the schema holds, so a new computed attribute needs no edit here.
func SaveKnown(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	diags := state.Set(ctx, model)
	if diags.HasError() {
		return diags
	}
	raw, err := NullUnknowns(state.Raw)
	if err != nil {
		diags.AddError("Error Saving State", fmt.Sprintf("Making unknown values null: %s. This is a bug in "+
			"the provider; please report it.", err))
		return diags
	}
	state.Raw = raw
	diags.Append(state.Get(ctx, model)...)
	return diags
}

// NullUnknowns returns v with every unknown value, at any depth, replaced by
// a null of the same type.
func NullUnknowns(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
}

// RemoveVanished removes from the state an object that Read found gone (deleted
// outside Terraform), with a warning naming it: the next plan creates it
// again, and the user should know why. kind and name: "queue", "q1".
func RemoveVanished(ctx context.Context, resp *resource.ReadResponse, kind, name string) {
	resp.State.RemoveResource(ctx)
	resp.Diagnostics.AddWarning("DLI Object No Longer Exists",
		fmt.Sprintf("DLI %s %q no longer exists; removed from state, the next plan will create it.", kind, name))
}
