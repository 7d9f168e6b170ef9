package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/opendli/terraform-provider-dli/internal/framework"
)

var _ resource.ResourceWithIdentity = (*connectionResource)(nil)

// identityAttr is the connection's identity: its id. Names need not be
// unique among connections, ids are.
const identityAttr = "id"

// IdentitySchema declares the connection's identity (Terraform and OpenTofu 1.12+).
func (r *connectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(identityAttr, "The enhanced connection's id.")
}

// setIdentity records the identity of the connection with this id.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string, diags *diag.Diagnostics) {
	framework.SetIdentity(ctx, identity, identityAttr, id, diags)
}
