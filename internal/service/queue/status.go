package queue

import (
	"context"
	"fmt"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Status functions: one read of the queue for a wait. GET one queue reports
// no status, so the status a wait logs and judges is the queue's size.

// statusQueue reads the queue by name for a wait; its status is "<n> CUs".
// It polls through client.PollQueue, which answers the polls of many waits
// due at once with one queue list sent after each of them asked, and a lone
// poll with GET one queue: the value is GetQueue's either way.
func statusQueue(ctx context.Context, c *client.Client, name string) (*client.Queue, string, error) {
	q, err := c.PollQueue(ctx, name)
	if err != nil {
		return nil, "", err
	}
	return q, fmt.Sprintf("%d CUs", q.CUCount), nil
}
