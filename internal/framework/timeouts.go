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

// Attribute is the timeouts attribute, each description naming its default.
func (t Timeouts) Attribute(ctx context.Context) schema.Attribute {
	describe := func(op string, d time.Duration) string {
		return fmt.Sprintf("How long %s may take, waits included: a duration such as \"30s\" or \"2h45m\" "+
			"(units s, m, h). Default: %dm.", op, int(d.Minutes()))
	}
	return timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: describe("the create", t.Create),
		UpdateDescription: describe("an update", t.Update),
		DeleteDescription: describe("the delete", t.Delete),
	})
}
