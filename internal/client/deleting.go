package client

import (
	"strings"
	"sync"
)

// deletingQueues records the queues this client (one Terraform run) has set
// out to delete. Terraform deletes a pool and its queues side by side when
// it has no recorded dependency between them (an imported queue that was
// never applied, say), so a pool's delete can meet queues that are about to
// go: it waits for those and stops at once only for queues nobody deletes.
// The zero value is ready to use.
type deletingQueues struct {
	mu sync.Mutex
	m  map[string]bool // lower-case queue name
}

// MarkQueueDeleting records that this run is deleting queue name; done
// forgets it again (call it when the delete failed, so that a pool waiting
// for the queue stops waiting).
func (c *Client) MarkQueueDeleting(name string) (done func()) {
	d := &c.deleting
	key := strings.ToLower(name)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.m == nil {
		d.m = map[string]bool{}
	}
	d.m[key] = true
	return func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		delete(d.m, key)
	}
}

// QueueDeleting reports whether this run is deleting queue name.
func (c *Client) QueueDeleting(name string) bool {
	d := &c.deleting
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.m[strings.ToLower(name)]
}
