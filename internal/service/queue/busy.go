package queue

import (
	"context"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/tfkit"
)

// createQueue creates the queue. DLI refuses to create a queue in a pool
// that is not AVAILABLE (a pool still being created, or scaled by this run,
// a person or another workspace): the refusal changed nothing, so it is sent
// again until the pool accepts it or the create timeout ends, each wait
// logged at INFO with the pool's status.
func (r *queueResource) createQueue(ctx context.Context, in client.CreateQueueInput) error {
	if in.PoolName == "" {
		return r.client.CreateQueue(ctx, in)
	}
	return tfkit.RetryRefusedWatching(ctx, "create queue "+in.Name+" in elastic resource pool "+in.PoolName,
		"The queue was not created; apply again once the pool is AVAILABLE.",
		tfkit.PoolsWatch(r.client, []string{in.PoolName}, nil),
		func(ctx context.Context) error { return r.client.CreateQueue(ctx, in) })
}
