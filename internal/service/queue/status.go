package queue

import (
	"context"
	"fmt"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Status functions: one read of the queue for a wait. GET one queue reports
// no status, so the status a wait logs and judges is the queue's size.

// statusQueue reads the queue by name; its status is "<n> CUs".
func statusQueue(ctx context.Context, c *client.Client, name string) (*client.Queue, string, error) {
	q, err := c.GetQueue(ctx, name)
	if err != nil {
		return nil, "", err
	}
	return q, fmt.Sprintf("%d CUs", q.CUCount), nil
}
