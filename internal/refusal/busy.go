package refusal

import (
	"context"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// PoolsWatch is the Watch of a call that DLI accepts only while the pools it
// names, and the pools of the queues it names, are AVAILABLE: creating a
// queue in a pool, binding pools and queues to a connection. It reports the
// first of them that is not AVAILABLE. It reads the objects only after a
// refusal, so calls that are accepted cost no extra request.
func PoolsWatch(c *client.Client, pools, queues []string) Watch {
	return func(ctx context.Context) (string, string) {
		for _, name := range pools {
			if object, status := poolBusy(ctx, c, name); object != "" {
				return object, status
			}
		}
		for _, name := range queues {
			q, err := c.GetQueue(ctx, name)
			if err != nil || q.PoolName == "" {
				continue
			}
			if object, status := poolBusy(ctx, c, q.PoolName); object != "" {
				return "elastic resource pool " + q.PoolName + " of queue " + name, status
			}
		}
		return "", ""
	}
}

// poolBusy names the pool and its status unless it is AVAILABLE or cannot be read.
func poolBusy(ctx context.Context, c *client.Client, name string) (string, string) {
	p, err := c.GetPool(ctx, name)
	if err != nil || client.StatusIs(p.Status, client.PoolStatusAvailable) {
		return "", ""
	}
	return "elastic resource pool " + name, p.Status
}
