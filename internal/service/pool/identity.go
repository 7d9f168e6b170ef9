package pool

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/opendli/terraform-provider-dli/internal/framework"
)

var _ resource.ResourceWithIdentity = (*poolResource)(nil)

// identityAttr is the pool's identity: its name, which DLI looks pools up by.
const identityAttr = "name"

// IdentitySchema declares the pool's identity (Terraform and OpenTofu 1.12+).
func (r *poolResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(identityAttr,
		"The elastic resource pool's name. DLI stores names in lower case, and so does the identity.")
}

// setIdentity records the identity of the pool called name. It is DLI's
// lower-case spelling: an identity must not change while the pool lives, and
// a name that differs only in case is the same pool.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name string, diags *diag.Diagnostics) {
	framework.SetIdentity(ctx, identity, identityAttr, strings.ToLower(name), diags)
}
