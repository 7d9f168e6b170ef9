package planmod

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
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
