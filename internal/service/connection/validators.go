package connection

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ipv4Address accepts a dotted-quad IPv4 address; DLI's host mapping takes no
// IPv6 and no host names.
type ipv4Address struct{}

var _ validator.String = ipv4Address{}

func (ipv4Address) Description(context.Context) string { return "value must be an IPv4 address" }

func (v ipv4Address) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (ipv4Address) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := checkIPv4(req.ConfigValue.ValueString()); msg != "" {
		// The path leads the message: Terraform cannot point at an element
		// of a nested list in the source, so the text must say which one.
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid IPv4 Address", req.Path.String()+": "+msg)
	}
}

func checkIPv4(s string) string {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return fmt.Sprintf("%q is not an IPv4 address (four decimal numbers 0-255 separated by dots).", s)
	}
	return ""
}

// ipv4CIDR accepts an IPv4 network in CIDR notation whose host bits are zero.
// Rejecting 10.0.0.1/16 at plan time matters: the service would refuse it (or
// store the masked network, and the state would then differ from the config).
type ipv4CIDR struct{}

var _ validator.String = ipv4CIDR{}

func (ipv4CIDR) Description(context.Context) string {
	return "value must be an IPv4 network in CIDR notation with no host bits set"
}

func (v ipv4CIDR) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (ipv4CIDR) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := checkCIDR(req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CIDR Block", req.Path.String()+": "+msg)
	}
}

func checkCIDR(s string) string {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return fmt.Sprintf("%q is not an IPv4 CIDR block such as 10.0.0.0/16.", s)
	}
	if p.Masked() != p {
		return fmt.Sprintf("%q has host bits set; use the network address %s.", s, p.Masked())
	}
	return ""
}

// uniqueNames rejects a list or set of objects in which two elements share a
// "name" attribute (compared case-insensitively: DNS names and DLI route names
// are not case-sensitive). A set only removes elements equal in every attribute,
// so two routes with one name and different CIDRs need this check too.
type uniqueNames struct {
	what string // "host" or "route", for messages
}

var (
	_ validator.List = uniqueNames{}
	_ validator.Set  = uniqueNames{}
)

func (v uniqueNames) Description(context.Context) string {
	return fmt.Sprintf("each %s name must appear only once", v.what)
}

func (v uniqueNames) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v uniqueNames) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.Path, req.ConfigValue.Elements(), &resp.Diagnostics)
}

func (v uniqueNames) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.Path, req.ConfigValue.Elements(), &resp.Diagnostics)
}

func (v uniqueNames) check(p path.Path, elems []attr.Value, diags *diag.Diagnostics) {
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

// pathSegmentSafe refuses a route name that cannot be one segment of a
// request path. This is a limit of how the provider addresses a route, not a
// rule DLI documents ("Creating a Route" gives only 1 to 64 characters): the
// route is deleted with DELETE .../routes/{name}, and the SDK puts the name
// into the path as it is. '/' would split it, '?' and '#' would cut it (so
// that "a#b" would delete a route named "a"), '%' would be read as an escape,
// and control characters are refused by Go's URL parser.
type pathSegmentSafe struct{}

var _ validator.String = pathSegmentSafe{}

func (pathSegmentSafe) Description(context.Context) string {
	return "must not contain '/', '?', '#', '%' or control characters"
}

func (v pathSegmentSafe) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (pathSegmentSafe) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := req.ConfigValue.ValueString()
	if i := strings.IndexFunc(name, pathUnsafe); i >= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Route Name Cannot Be Addressed",
			fmt.Sprintf("The route name %q contains %q. The provider deletes a route by its name in the "+
				"request path (DELETE .../routes/{name}), which cannot carry '/', '?', '#', '%%' or control "+
				"characters; choose a name without them.", name, string([]rune(name[i:])[0])))
	}
}

func pathUnsafe(r rune) bool {
	return r == '/' || r == '?' || r == '#' || r == '%' || unicode.IsControl(r)
}
