package connection

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/validate"
)

func hostObjects(t *testing.T, names ...string) []attr.Value {
	t.Helper()
	out := make([]attr.Value, 0, len(names))
	for i, n := range names {
		o, d := types.ObjectValue(hostType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(n), "ip": types.StringValue("192.168.0." + string(rune('1'+i))),
		})
		if d.HasError() {
			t.Fatal(d)
		}
		out = append(out, o)
	}
	return out
}

func TestUniqueHostNames(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		names []string
		ok    bool
	}{
		{[]string{"ecs-97f8-0001", "ecs-97f8-0002"}, true},
		{[]string{"ecs-97f8-0001", "ecs-97f8-0001"}, false},
		{[]string{"Web", "web"}, false},
		{nil, true},
	}
	for _, c := range cases {
		l, d := types.ListValue(hostType, hostObjects(t, c.names...))
		if d.HasError() {
			t.Fatal(d)
		}
		resp := &validator.ListResponse{}
		validate.UniqueNames("host").ValidateList(ctx, validator.ListRequest{Path: path.Root("hosts"), ConfigValue: l}, resp)
		if resp.Diagnostics.HasError() == c.ok {
			t.Errorf("%v: errors = %v, want ok=%v", c.names, resp.Diagnostics, c.ok)
		}
		if !c.ok && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), c.names[1]) {
			t.Errorf("the error should name the duplicate: %v", resp.Diagnostics)
		}
	}
}

func TestUniqueRouteNames(t *testing.T) {
	ctx := context.Background()
	route := func(name, cidr string) attr.Value {
		o, _ := types.ObjectValue(routeType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(name), "cidr": types.StringValue(cidr),
		})
		return o
	}
	// A set keeps both: they differ in cidr. The validator must not.
	s, d := types.SetValue(routeType, []attr.Value{route("r1", "10.0.0.0/8"), route("r1", "10.1.0.0/16")})
	if d.HasError() {
		t.Fatal(d)
	}
	resp := &validator.SetResponse{}
	validate.UniqueNames("route").ValidateSet(ctx, validator.SetRequest{Path: path.Root("routes"), ConfigValue: s}, resp)
	if !resp.Diagnostics.HasError() {
		t.Error("two routes named r1 accepted")
	}
}

// Route names DLI documents as 1 to 64 characters of any kind pass; only
// characters a request path segment cannot carry are refused.
func TestPathSegmentSafe(t *testing.T) {
	check := func(name string) bool {
		resp := &validator.StringResponse{}
		pathSegmentSafe{}.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("routes"), ConfigValue: types.StringValue(name),
		}, resp)
		return !resp.Diagnostics.HasError()
	}
	for _, ok := range []string{"route.a", "路由", "office 2", "r+1", "a;b", "ünï-cödé_1"} {
		if !check(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"a/b", "a?b", "a#b", "50%", "a\tb", "a\x00"} {
		if check(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}
