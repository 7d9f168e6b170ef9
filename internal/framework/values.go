package framework

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Strings reads a set or list of strings; null and unknown give nil.
func Strings(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// Timestamp renders the API's millisecond epoch times as RFC 3339 in UTC; zero
// (unknown to the API) is the empty string.
func Timestamp(ms int64) types.String {
	if ms == 0 {
		return types.StringValue("")
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format(time.RFC3339))
}

// StringList is values as a list attribute; no values is an empty list, not
// null, so that references to it always have a value.
func StringList(values []string, diags *diag.Diagnostics) types.List {
	l, d := types.ListValue(types.StringType, stringValues(values))
	diags.Append(d...)
	return l
}

// StringSet is values as a set attribute; no values is an empty set.
func StringSet(values []string, diags *diag.Diagnostics) types.Set {
	s, d := types.SetValue(types.StringType, stringValues(values))
	diags.Append(d...)
	return s
}

func stringValues(values []string) []attr.Value {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return elems
}
