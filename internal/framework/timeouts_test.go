package framework

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestTimeoutsBlock: the timeouts block is a block (so huaweicloud-style
// `timeouts { ... }` configurations parse), carries a description for the
// docs, and offers create, update and delete, each naming its default.
func TestTimeoutsBlock(t *testing.T) {
	block := QueueTimeouts.Block(context.Background())
	b, ok := block.(schema.SingleNestedBlock)
	if !ok {
		t.Fatalf("Timeouts.Block is %T, want schema.SingleNestedBlock", block)
	}
	if b.Description == "" {
		t.Error("the timeouts block has no description")
	}
	for _, name := range []string{"create", "update", "delete"} {
		a, ok := b.Attributes[name]
		if !ok {
			t.Errorf("the timeouts block has no %s", name)
			continue
		}
		if !strings.Contains(a.GetDescription(), "Default: 30m.") {
			t.Errorf("timeouts.%s does not name its default: %q", name, a.GetDescription())
		}
	}
	if len(b.Attributes) != 3 {
		t.Errorf("the timeouts block has %d attributes, want create, update and delete", len(b.Attributes))
	}
}
