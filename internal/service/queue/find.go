package queue

import (
	"context"
	"fmt"
	"strings"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Lookups: the queue an id refers to. The client finds a queue by name
// (GetQueue, FindQueueListItem, FindPoolQueue).

// queueNameByResourceID finds, through the list of queues of every type, the
// name of the queue whose resource id is id.
func queueNameByResourceID(ctx context.Context, c *client.Client, id string) (string, error) {
	queues, err := c.ListQueues(ctx, client.QueueFilter{Type: "all"})
	if err != nil {
		return "", fmt.Errorf("listing queues to find resource id %s: %w", id, err)
	}
	for _, q := range queues {
		if strings.EqualFold(q.ResourceID, id) {
			return q.Name, nil
		}
	}
	return "", fmt.Errorf("no queue has the resource id %s. Import a queue by its name, <queue_type>/<name>, "+
		"or its resource id (the id of a huaweicloud_dli_queue)", id)
}
