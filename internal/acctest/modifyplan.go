package acctest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Values are root attribute values of a resource, in the Go types
// tfsdk's SetAttribute takes (string, int64, []string, map[string]string,
// slices of structs with tfsdk tags); attributes left out are null.
type Values map[string]any

// ModifyPlan runs the resource's ModifyPlan as Terraform does on an update
// from prior to planned (the configuration being planned), with the
// resource configured with c (nil: not configured), and returns its
// diagnostics. Plan warnings never reach terraform-plugin-testing's checks,
// so this is how a test asserts them against a real DLI API.
func ModifyPlan(t *testing.T, r resource.Resource, c *client.Client, prior, planned Values) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	if rc, ok := r.(resource.ResourceWithConfigure); ok && c != nil {
		var cr resource.ConfigureResponse
		rc.Configure(ctx, resource.ConfigureRequest{ProviderData: c}, &cr)
		if cr.Diagnostics.HasError() {
			t.Fatalf("configuring the resource: %v", cr.Diagnostics)
		}
	}
	null := tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)
	fill := func(set func(context.Context, path.Path, any) diag.Diagnostics, vals Values) {
		for name, v := range vals {
			if d := set(ctx, path.Root(name), v); d.HasError() {
				t.Fatalf("setting %s: %v", name, d)
			}
		}
	}
	state := tfsdk.State{Schema: sr.Schema, Raw: null.Copy()}
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: null.Copy()}
	fill(state.SetAttribute, prior)
	fill(plan.SetAttribute, planned)
	req := resource.ModifyPlanRequest{
		Config: tfsdk.Config{Schema: sr.Schema, Raw: plan.Raw.Copy()}, State: state, Plan: plan,
	}
	resp := resource.ModifyPlanResponse{Plan: plan}
	m, ok := r.(resource.ResourceWithModifyPlan)
	if !ok {
		t.Fatalf("%T has no ModifyPlan", r)
	}
	m.ModifyPlan(ctx, req, &resp)
	return resp.Diagnostics
}

// Warnings returns the summary and detail of each warning, joined by ": ".
func Warnings(diags diag.Diagnostics) []string {
	var out []string
	for _, d := range diags.Warnings() {
		out = append(out, d.Summary()+": "+d.Detail())
	}
	return out
}
