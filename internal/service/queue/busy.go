package queue

import (
	"context"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/refusal"
)

// createQueue creates the queue. DLI refuses to create a queue in a pool
// that is not AVAILABLE (a pool still being created, or scaled by this run,
// a person or another workspace): the refusal changed nothing, so it is sent
// again until the pool accepts it or the create timeout ends, each wait
// logged at INFO with the pool's status.
func (r *queueResource) createQueue(ctx context.Context, in client.CreateQueueInput) error {
	if in.PoolName == "" {
		return r.Client.CreateQueue(ctx, in)
	}
	return refusal.RetryRefusedWatching(ctx, "create queue "+in.Name+" in elastic resource pool "+in.PoolName,
		"The queue was not created; apply again once the pool is AVAILABLE.",
		refusal.PoolsWatch(r.Client, []string{in.PoolName}, nil),
		func(ctx context.Context) error { return r.Client.CreateQueue(ctx, in) })
}

// settleTimeout bounds the reads that record a failed create's queue: they
// run after the create's own context ended (its timeout, or an interrupt)
// and must not hold the user up.
const settleTimeout = 10 * time.Second

// recordFailedCreate fills state, for a queue whose create failed after it
// existed, with what DLI reports: q (the wait's last read, if any) and the
// list item's values, which the GET lacks. Without it those computed values
// stay null until a refresh. The reads are best effort, on a short context
// of their own because the create's context has usually ended; the extras
// (scaling policies, Spark driver) stay null, which marks them not applied.
func (r *queueResource) recordFailedCreate(ctx context.Context, state *queueModel, q *client.Queue) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	if q == nil {
		var err error
		if q, err = r.Client.GetQueue(ctx, state.Name.ValueString()); err != nil {
			return
		}
	}
	state.applyGet(q)
	if state.needsListItem() {
		if item, err := r.Client.FindQueueListItem(ctx, state.Name.ValueString()); err == nil {
			state.applyListItem(item)
		}
	}
}
