package tfkit

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

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
