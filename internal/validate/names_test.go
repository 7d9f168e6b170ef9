package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
