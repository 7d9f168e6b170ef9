package queue

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/opendli/terraform-provider-dli/internal/framework"
)

var _ resource.ResourceWithIdentity = (*queueResource)(nil)

// identityAttr is the queue's identity: its name, which DLI looks queues up by.
const identityAttr = "name"

// IdentitySchema declares the queue's identity (Terraform and OpenTofu 1.12+).
func (r *queueResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(identityAttr,
		"The queue's name. DLI stores names in lower case, and so does the identity.")
}

// setIdentity records the identity of the queue called name, in DLI's
// lower-case spelling: an identity must not change while the queue lives,
// and a name that differs only in case is the same queue.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name string, diags *diag.Diagnostics) {
	framework.SetIdentity(ctx, identity, identityAttr, strings.ToLower(name), diags)
}
