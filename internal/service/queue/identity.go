package queue

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/opendli/terraform-provider-dli/internal/framework"
)

var _ resource.ResourceWithIdentity = (*queueResource)(nil)

// IdentitySchema declares the queue's identity (Terraform and OpenTofu 1.12+):
// its name, set by framework.SetNameIdentity.
func (r *queueResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.IdentitySchema(framework.NameIdentity,
		"The queue's name. DLI stores names in lower case, and so does the identity.")
}
