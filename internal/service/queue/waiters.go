package queue

import (
	"context"
	"fmt"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// Waits, one per transition of a queue. They read it with statusQueue and
// log their progress at INFO as "queue <name>: <status>, <goal>, <elapsed>".

// desc describes a wait on the queue name for errors (what) and logs (goal).
func desc(name, what, goal string) wait.Desc {
	return wait.Desc{What: fmt.Sprintf("DLI queue %q %s", name, what), Object: "queue " + name, Goal: goal}
}

// waitQueueCreated polls until a new queue reports its CUs; until DLI shows
// it, it is waited for. seen receives every successful read (the first one
// carries the resource id, which the state records at once).
func waitQueueCreated(ctx context.Context, c *client.Client, name string, cu int64, seen func(*client.Queue)) (*client.Queue, error) {
	return waitQueueCU(ctx, c, name, cu, fmt.Sprintf("creating, waiting for %d CUs", cu), true, seen)
}

// waitQueueScaled polls until a scaled queue reports its new CUs; a queue
// that is not there is an error.
func waitQueueScaled(ctx context.Context, c *client.Client, name string, from, to int64) (*client.Queue, error) {
	return waitQueueCU(ctx, c, name, to, fmt.Sprintf("%d→%d CU, waiting for %d CUs", from, to, to), false, nil)
}

// waitQueueCU polls GET one queue until it reports target CUs.
func waitQueueCU(ctx context.Context, c *client.Client, name string, target int64, goal string, allowMissing bool,
	seen func(*client.Queue)) (*client.Queue, error) {
	d := desc(name, fmt.Sprintf("to reach %d CUs", target), goal)
	return wait.Until(ctx, d, wait.Slow, false, func(ctx context.Context) (*client.Queue, string, bool, error) {
		q, status, err := statusQueue(ctx, c, name)
		if allowMissing && client.IsNotFound(err) {
			return nil, "not visible yet", false, nil
		}
		if err != nil {
			return nil, "", false, err
		}
		if seen != nil {
			seen(q)
		}
		return q, status, q.CUCount == target, nil
	})
}

// waitQueueDeleted polls until DLI no longer reports the queue.
func waitQueueDeleted(ctx context.Context, c *client.Client, name string) error {
	return wait.UntilGone(ctx, desc(name, "to be deleted", "waiting until it is gone"), wait.Slow,
		func(ctx context.Context) (string, error) {
			_, _, err := statusQueue(ctx, c, name)
			return "still present", err
		}, client.IsNotFound)
}
