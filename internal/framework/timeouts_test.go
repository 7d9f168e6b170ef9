package framework

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestTimeoutsBlock: the timeouts block is a block (so huaweicloud-style
// `timeouts { ... }` configurations parse), carries a description for the
// docs, and offers create, update and delete.
func TestTimeoutsBlock(t *testing.T) {
	b, ok := TimeoutsBlock(context.Background()).(schema.SingleNestedBlock)
	if !ok {
		t.Fatalf("TimeoutsBlock is %T, want schema.SingleNestedBlock", TimeoutsBlock(context.Background()))
	}
	if b.Description == "" {
		t.Error("the timeouts block has no description")
	}
	for _, name := range []string{"create", "update", "delete"} {
		if _, ok := b.Attributes[name]; !ok {
			t.Errorf("the timeouts block has no %s", name)
		}
	}
	if len(b.Attributes) != 3 {
		t.Errorf("the timeouts block has %d attributes, want create, update and delete", len(b.Attributes))
	}
}
