package framework

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Timeouts are a resource's default timeouts: how long Create, Update and
// Delete may take, waits included, unless a timeouts block says otherwise.
type Timeouts struct {
	Create, Update, Delete time.Duration
}

// The defaults of each resource, in one place: the resources and their
// schema documentation read them from here.
var (
	// Creating or scaling a pool takes minutes on the real service,
	// deleting one somewhat less.
	PoolTimeouts = Timeouts{Create: 60 * time.Minute, Update: 60 * time.Minute, Delete: 30 * time.Minute}
	// Queues take minutes on the real service.
	QueueTimeouts = Timeouts{Create: 30 * time.Minute, Update: 30 * time.Minute, Delete: 30 * time.Minute}
	// Peering takes seconds to a minute on the real service.
	ConnectionTimeouts = Timeouts{Create: 20 * time.Minute, Update: 20 * time.Minute, Delete: 10 * time.Minute}
)

// Block is the `timeouts` block of a resource, each description naming its
// default. A block, not an attribute, because configurations copied from the
// huaweicloud provider write `timeouts { create = "..." }`; the state holds
// the same object either way, so switching from the attribute needed no state
// upgrade.
func (t Timeouts) Block(ctx context.Context) schema.Block {
	describe := func(op string, d time.Duration) string {
		return fmt.Sprintf("How long %s may take, waits included: a duration such as \"30s\" or \"2h45m\" "+
			"(units s, m, h). Default: %dm.", op, int(d.Minutes()))
	}
	b := timeouts.Block(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: describe("the create", t.Create),
		UpdateDescription: describe("an update", t.Update),
		DeleteDescription: describe("the delete", t.Delete),
	})
	// The timeouts module leaves the block itself undescribed, which would
	// leave a bare name in the generated docs.
	if nb, ok := b.(schema.SingleNestedBlock); ok {
		nb.Description = "How long each operation may take. Written as a block " +
			"(`timeouts { create = \"90m\" }`), as in the huaweicloud provider."
		return nb
	}
	return b
}
