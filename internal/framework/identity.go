package framework

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform and OpenTofu 1.12+): every dli resource is
// identified by one string attribute (a pool or queue by its name, a
// connection by its id), which `import { identity = { ... } }` takes and the
// state records beside the resource.

// IdentitySchema is the identity of a resource known by one string attribute.
func IdentitySchema(attr, description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			attr: identityschema.StringAttribute{RequiredForImport: true, Description: description},
		},
	}
}

// SetIdentity records value as the identity's attribute attr. Create, Read
// and Update call it every time, whatever CLI runs: the framework requires
// an identity after each of them once the resource declares one (older CLIs
// simply do not store it). identity is nil only for a resource without an
// identity schema.
func SetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, attr, value string, diags *diag.Diagnostics) {
	if identity == nil || value == "" {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(attr), types.StringValue(value))...)
}

// NameIdentity is the identity attribute of pools and queues: the name DLI
// looks them up by.
const NameIdentity = "name"

// SetNameIdentity records the identity of the pool or queue called name, in
// DLI's lower-case spelling: an identity must not change while the object
// lives, and a name that differs only in case names the same object.
func SetNameIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name string, diags *diag.Diagnostics) {
	SetIdentity(ctx, identity, NameIdentity, strings.ToLower(name), diags)
}

// ImportedID is what the user imports by: the id of `terraform import` or of
// an import block's `id`, else the attribute attr of an import block's
// `identity`. It adds an error (summary, then usage, which shows the import
// command) and returns "" when neither holds a value.
func ImportedID(ctx context.Context, req resource.ImportStateRequest, attr, summary, usage string, diags *diag.Diagnostics) string {
	if req.ID != "" {
		return req.ID
	}
	if req.Identity != nil {
		var v types.String
		diags.Append(req.Identity.GetAttribute(ctx, path.Root(attr), &v)...)
		if diags.HasError() {
			return ""
		}
		if v.ValueString() != "" {
			return v.ValueString()
		}
	}
	diags.AddError(summary, fmt.Sprintf("%s, or with an import block whose identity sets %s.", usage, attr))
	return ""
}

// ImportByName is the ImportState of an object DLI looks up by name (pools
// and queues): the import id, or the identity's name, goes through toName
// (which also accepts the other forms the object may be imported by, such
// as the huaweicloud provider's resource id), and the name it returns
// becomes the state's name and identity. initial sets the attributes Read
// must start from, such as tags as {} so that the refresh reads them; Read
// fills in everything else.
func ImportByName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse,
	summary, usage string, toName func(context.Context, string) (string, error), initial map[string]attr.Value) {
	id := ImportedID(ctx, req, NameIdentity, summary, usage, &resp.Diagnostics)
	if id == "" {
		return
	}
	name, err := toName(ctx, id)
	if err != nil {
		AddError(&resp.Diagnostics, summary, err)
		return
	}
	SetNameIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), types.StringValue(name))...)
	for a, v := range initial {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(a), v)...)
	}
}
