package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestMultipleOf(t *testing.T) {
	for n, ok := range map[int64]bool{16: true, 32: true, 0: true, 8: false, 20: false, 48: true} {
		resp := &validator.Int64Response{}
		MultipleOf(16, "test").ValidateInt64(context.Background(), validator.Int64Request{ConfigValue: types.Int64Value(n)}, resp)
		if resp.Diagnostics.HasError() == ok {
			t.Errorf("%d: error = %v, want ok = %v", n, resp.Diagnostics, ok)
		}
	}
	resp := &validator.Int64Response{}
	MultipleOf(16, "test").ValidateInt64(context.Background(), validator.Int64Request{ConfigValue: types.Int64Unknown()}, resp)
	if resp.Diagnostics.HasError() {
		t.Error("an unknown value is not judged")
	}
}

func TestPositiveMultipleOf(t *testing.T) {
	v := PositiveMultipleOf(16, "DLI allocates pool CUs in steps of 16")
	for n, wantErr := range map[int64]bool{16: false, 64: false, 32000: false, 0: true, -16: true, 70: true, 8: true} {
		resp := &validator.Int64Response{}
		v.ValidateInt64(context.Background(), validator.Int64Request{Path: path.Root("max_cu"), ConfigValue: types.Int64Value(n)}, resp)
		if got := resp.Diagnostics.HasError(); got != wantErr {
			t.Errorf("PositiveMultipleOf(16) on %d: error = %v, want %v (%v)", n, got, wantErr, resp.Diagnostics)
		}
		if wantErr && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "use a positive multiple of 16") {
			t.Errorf("%d: message %q", n, resp.Diagnostics.Errors()[0].Detail())
		}
	}
	resp := &validator.Int64Response{}
	v.ValidateInt64(context.Background(), validator.Int64Request{Path: path.Root("max_cu"), ConfigValue: types.Int64Unknown()}, resp)
	if resp.Diagnostics.HasError() {
		t.Errorf("an unknown value must pass: %v", resp.Diagnostics)
	}
}
