package tags

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func TestTagsSortedByKey(t *testing.T) {
	m := types.MapValueMust(types.StringType, map[string]attr.Value{
		"b": types.StringValue("2"), "a": types.StringValue("1"),
	})
	var diags diag.Diagnostics
	got := FromMap(context.Background(), m, &diags)
	want := []client.Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}
	if diags.HasError() || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("FromMap = %v (%v), want %v", got, diags, want)
	}
	if FromMap(context.Background(), types.MapNull(types.StringType), &diags) != nil {
		t.Error("null map should give no tags")
	}
}
