package tfkit

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func validateName(t *testing.T, name string, maxLen int) diag.Diagnostics {
	t.Helper()
	var diags diag.Diagnostics
	for _, v := range NameValidators(maxLen) {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("name"), ConfigValue: types.StringValue(name),
		}, resp)
		diags.Append(resp.Diagnostics...)
	}
	return diags
}

func TestNameValidators(t *testing.T) {
	ok := []string{"elastic_pool_dli", "queue1", "Q_1", "a", strings.Repeat("a", 64)}
	for _, n := range ok {
		if d := validateName(t, n, 64); d.HasError() {
			t.Errorf("%q rejected: %v", n, d)
		}
	}
	bad := map[string]string{
		"":                      "length",
		"123":                   "digits only",
		"_pool":                 "underscore",
		"pool-1":                "letters, digits and underscores",
		"pool 1":                "letters, digits and underscores",
		strings.Repeat("a", 65): "length",
		"p\u00e9":               "letters, digits and underscores",
	}
	for n, want := range bad {
		d := validateName(t, n, 64)
		if !d.HasError() {
			t.Errorf("%q accepted", n)
			continue
		}
		var all strings.Builder
		for _, e := range d.Errors() {
			all.WriteString(e.Detail())
		}
		if !strings.Contains(all.String(), want) {
			t.Errorf("%q: errors %q do not mention %q", n, all.String(), want)
		}
	}
}

func TestConnectionNameValidators(t *testing.T) {
	check := func(name string) diag.Diagnostics {
		var diags diag.Diagnostics
		for _, v := range ConnectionNameValidators(64) {
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("name"), ConfigValue: types.StringValue(name),
			}, resp)
			diags.Append(resp.Diagnostics...)
		}
		return diags
	}
	for _, n := range []string{"test1", "_dwh", "2024", "_", "A_b_9", strings.Repeat("a", 64)} {
		if d := check(n); d.HasError() {
			t.Errorf("%q rejected: %v", n, d)
		}
	}
	bad := map[string]string{
		"":                      "length must be between 1 and 64",
		strings.Repeat("a", 65): "length must be between 1 and 64",
		"bad-name":              "letters, digits and underscores",
		"conn.1":                "letters, digits and underscores",
		"c\u00e9":               "letters, digits and underscores",
	}
	for n, want := range bad {
		d := check(n)
		if !d.HasError() {
			t.Errorf("%q accepted", n)
			continue
		}
		if got := d.Errors()[0].Detail(); !strings.Contains(got, want) {
			t.Errorf("%q: error %q does not mention %q", n, got, want)
		}
	}
}

func TestSameNameKeepsConfiguredCase(t *testing.T) {
	if got := SameName(types.StringValue("Elastic_Pool"), "elastic_pool"); got.ValueString() != "Elastic_Pool" {
		t.Errorf("got %q, want the configured spelling", got.ValueString())
	}
	if got := SameName(types.StringValue("other"), "elastic_pool"); got.ValueString() != "elastic_pool" {
		t.Errorf("got %q, want the API's name for a different name", got.ValueString())
	}
	if got := SameName(types.StringNull(), "elastic_pool"); got.ValueString() != "elastic_pool" {
		t.Errorf("got %q, want the API's name on import", got.ValueString())
	}
}

func TestTimestamp(t *testing.T) {
	if got := Timestamp(1566888011125).ValueString(); got != "2019-08-27T06:40:11Z" {
		t.Errorf("Timestamp = %q", got)
	}
	if got := Timestamp(0); got.ValueString() != "" || got.IsNull() {
		t.Errorf("Timestamp(0) = %v, want the empty string", got)
	}
}

func TestTagsSortedByKey(t *testing.T) {
	m := types.MapValueMust(types.StringType, map[string]attr.Value{
		"b": types.StringValue("2"), "a": types.StringValue("1"),
	})
	var diags diag.Diagnostics
	got := Tags(context.Background(), m, &diags)
	want := []client.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}
	if diags.HasError() || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Tags = %v (%v), want %v", got, diags, want)
	}
	if Tags(context.Background(), types.MapNull(types.StringType), &diags) != nil {
		t.Error("null map should give no tags")
	}
}

func TestExplainAuthSaysWhatToCheck(t *testing.T) {
	err := &client.APIError{Op: "list pools", HTTPStatus: 401, Code: "APIGW.0301", Message: "bad signature", Kind: client.KindAuth}
	got := Explain(err)
	for _, want := range []string{"Authentication failed", "HW_SECRET_KEY", "clock", "APIGW.0301"} {
		if !strings.Contains(got, want) {
			t.Errorf("Explain = %q lacks %q", got, want)
		}
	}
}
