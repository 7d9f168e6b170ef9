package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TimeoutsBlock is the `timeouts` block of every resource: create, update and
// delete. A block, not an attribute, because configurations copied from the
// huaweicloud provider write `timeouts { create = "..." }`; the state holds
// the same object either way, so switching from the attribute needed no state
// upgrade. The timeouts module leaves the block undescribed, which would
// leave a bare name in the generated docs.
func TimeoutsBlock(ctx context.Context) schema.Block {
	b := timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})
	if nb, ok := b.(schema.SingleNestedBlock); ok {
		nb.Description = "How long each wait may take, as Go durations such as `\"30m\"`; the defaults are under " +
			"Timeouts below. Written as a block (`timeouts { create = \"90m\" }`), as in the huaweicloud provider."
		return nb
	}
	return b
}
