package scenarios_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/service/connection"
	"github.com/opendli/terraform-provider-dli/internal/service/pool"
	"github.com/opendli/terraform-provider-dli/internal/service/queue"
)

// TestAccScenario_vanishedObjectWarns refreshes, for each resource, a state
// whose object DLI no longer has: Read removes it from the state and warns,
// naming it, that the next plan creates it again. The same policy holds for
// the three resources.
func TestAccScenario_vanishedObjectWarns(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	ctx := context.Background()
	c := env.Client(t)
	for _, tc := range []struct {
		r     resource.Resource
		attrs map[string]string
		want  string
	}{
		{pool.NewResource(), map[string]string{"name": "gone_pool"},
			`DLI elastic resource pool "gone_pool" no longer exists; removed from state, the next plan will create it`},
		{queue.NewResource(), map[string]string{"name": "gone_queue"},
			`DLI queue "gone_queue" no longer exists; removed from state, the next plan will create it`},
		{connection.NewResource(), map[string]string{"name": "gone_conn", "id": "8a3e2f5c-8d41-4b62-a9a0-3c1d9e2b7f10"},
			`DLI enhanced connection "gone_conn" no longer exists; removed from state, the next plan will create it`},
	} {
		var sr resource.SchemaResponse
		tc.r.Schema(ctx, resource.SchemaRequest{}, &sr)
		var cr resource.ConfigureResponse
		tc.r.(resource.ResourceWithConfigure).Configure(ctx, resource.ConfigureRequest{ProviderData: c}, &cr)
		state := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
		for k, v := range tc.attrs {
			if diags := state.SetAttribute(ctx, path.Root(k), v); diags.HasError() {
				t.Fatal(diags)
			}
		}
		resp := resource.ReadResponse{State: state}
		tc.r.Read(ctx, resource.ReadRequest{State: state}, &resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%s: Read failed: %v", tc.want, resp.Diagnostics)
			continue
		}
		if !resp.State.Raw.IsNull() {
			t.Errorf("%s: the state still holds the object", tc.want)
		}
		warnings := resp.Diagnostics.Warnings()
		if len(warnings) != 1 || !strings.Contains(warnings[0].Detail(), tc.want) {
			t.Errorf("warnings = %v, want one saying %q", warnings, tc.want)
		}
	}
}
