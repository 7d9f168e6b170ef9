package validate

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// UniqueNames rejects a list or set of objects in which two elements share a
// "name" attribute, compared case-insensitively (DNS names and DLI route
// names are not case-sensitive). A set only removes elements equal in every
// attribute, so two routes with one name and different CIDRs need this check
// too. what names the element in messages ("host", "route").
func UniqueNames(what string) UniqueNamesValidator { return UniqueNamesValidator{what: what} }

// UniqueNamesValidator is the validator UniqueNames returns; it checks lists
// and sets alike.
type UniqueNamesValidator struct {
	what string
}

var (
	_ validator.List = UniqueNamesValidator{}
	_ validator.Set  = UniqueNamesValidator{}
)

func (v UniqueNamesValidator) Description(context.Context) string {
	return fmt.Sprintf("each %s name must appear only once", v.what)
}

func (v UniqueNamesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v UniqueNamesValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.Path, req.ConfigValue.Elements(), &resp.Diagnostics)
}

func (v UniqueNamesValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.Path, req.ConfigValue.Elements(), &resp.Diagnostics)
}

func (v UniqueNamesValidator) check(p path.Path, elems []attr.Value, diags *diag.Diagnostics) {
	seen := map[string]bool{}
	for _, e := range elems {
		obj, ok := e.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		name, ok := obj.Attributes()["name"].(types.String)
		if !ok || name.IsNull() || name.IsUnknown() {
			continue
		}
		key := strings.ToLower(name.ValueString())
		if seen[key] {
			diags.AddAttributeError(p, fmt.Sprintf("Duplicate %s Name", titleCase(v.what)),
				fmt.Sprintf("The %s name %q appears more than once; each %s needs its own name.",
					v.what, name.ValueString(), v.what))
			continue
		}
		seen[key] = true
	}
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
