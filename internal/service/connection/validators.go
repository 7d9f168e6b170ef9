package connection

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

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
