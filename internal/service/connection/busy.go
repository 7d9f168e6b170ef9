package connection

import (
	"context"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/refusal"
)

// bindRefusedHint ends the error of a bind that DLI refused until the timeout.
const bindRefusedHint = "Nothing was bound; apply again once the elastic resource pools and queues are AVAILABLE."

// createConnection creates the connection. DLI refuses to bind a pool that
// is not AVAILABLE, or a queue whose pool is not (see associate), and a
// create that binds them is refused as a whole: the refusal created nothing,
// so it is sent again until DLI accepts it or the create timeout ends.
func (r *connectionResource) createConnection(ctx context.Context, in client.CreateConnectionInput) (string, error) {
	if len(in.Pools) == 0 && len(in.Queues) == 0 {
		return r.Client.CreateConnection(ctx, in)
	}
	var id string
	err := refusal.RetryRefusedWatching(ctx, "create enhanced connection "+in.Name, bindRefusedHint,
		refusal.PoolsWatch(r.Client, in.Pools, in.Queues),
		func(ctx context.Context) error {
			var err error
			id, err = r.Client.CreateConnection(ctx, in)
			return err
		})
	return id, err
}

// associate binds pools and queues. A pool being created or scaled (by this
// run, a person or another workspace) cannot be bound until it is AVAILABLE
// again; DLI's refusal changed nothing, so the bind is sent again until DLI
// accepts it or the update timeout ends, each wait logged at INFO with the
// busy pool and its status.
func (r *connectionResource) associate(ctx context.Context, id string, pools, queues []string) error {
	if len(pools) == 0 && len(queues) == 0 {
		return nil
	}
	return refusal.RetryRefusedWatching(ctx, "bind pools/queues to enhanced connection "+id, bindRefusedHint,
		refusal.PoolsWatch(r.Client, pools, queues),
		func(ctx context.Context) error { return r.Client.AssociateConnection(ctx, id, pools, queues) })
}
