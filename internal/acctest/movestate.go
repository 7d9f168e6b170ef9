package acctest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Provider addresses of the huaweicloud provider as each CLI passes them to
// MoveResourceState.
const (
	HuaweicloudTerraformAddress = "registry.terraform.io/huaweicloud/huaweicloud"
	HuaweicloudOpenTofuAddress  = "registry.opentofu.org/huaweicloud/huaweicloud"
)

// MoveState runs r's state movers on a source state, as the framework does for a
// MoveResourceState call, and returns the response of the first mover that
// answered (or of the last one, if none did).
func MoveState(t *testing.T, r resource.Resource, providerAddress, sourceType, stateJSON string) *resource.MoveStateResponse {
	t.Helper()
	ctx := context.Background()
	mr, ok := r.(resource.ResourceWithMoveState)
	if !ok {
		t.Fatalf("%T does not implement MoveState", r)
	}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	if sr.Diagnostics.HasError() {
		t.Fatalf("schema: %v", sr.Diagnostics)
	}
	req := resource.MoveStateRequest{
		SourceProviderAddress: providerAddress,
		SourceTypeName:        sourceType,
		SourceRawState:        &tfprotov6.RawState{JSON: []byte(stateJSON)},
	}
	empty := tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)
	var resp *resource.MoveStateResponse
	for _, m := range mr.MoveState(ctx) {
		resp = &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: sr.Schema, Raw: empty}}
		m.StateMover(ctx, req, resp)
		if resp.Diagnostics.HasError() || !resp.TargetState.Raw.Equal(empty) {
			return resp
		}
	}
	return resp
}

// Moved reports whether a mover answered with a state.
func Moved(resp *resource.MoveStateResponse) bool {
	return !resp.TargetState.Raw.IsNull()
}

// MovedAttr reads one top-level attribute of the moved state.
func MovedAttr(t *testing.T, resp *resource.MoveStateResponse, name string) attr.Value {
	t.Helper()
	var v attr.Value
	diags := resp.TargetState.GetAttribute(context.Background(), path.Root(name), &v)
	if diags.HasError() {
		t.Fatalf("reading %s from the moved state: %v", name, diags)
	}
	return v
}
