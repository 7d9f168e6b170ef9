package client

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Batched reads: when Terraform refreshes many resources of one kind in one
// command, their Reads are served from one list call instead of one GET each
// (issue 13). The provider process lives for one CLI command, so everything
// kept here is from the current command. The rules:
//
//   - A lone resource costs what it did: the first Read of a kind sends its
//     GET. Only a second Read of the kind (Terraform refreshes resources of
//     one kind together, up to -parallelism at a time) starts the list, which
//     then serves that Read and every later one.
//   - Only Read* methods use the list; GetPool, GetQueue and GetConnection,
//     which settle reads and find-after-create call, always send their own
//     request. Waits poll through PollQueue and PollConnection
//     (pollbatch.go), which never use these batches: every answer they
//     give comes from a request sent after the poll asked.
//   - Once this process has started any write (any call that is not a GET,
//     but for the tag API's filter, a POST that only reads),
//     no Read is served from a list any more, whatever the kind: a write can
//     change objects of another kind too (a queue created in a pool changes
//     the pool's queue list; a bind changes a connection), and a list taken
//     before the write answered may predate it. Terraform's refresh walk
//     writes nothing, so this costs nothing there.
//   - A list is used for at most listMaxAge after it was sent; a later Read
//     starts a new one.
//   - An object missing from the list (or, for a connection, listed as
//     DELETED) is read with its GET: removing a resource from the state is
//     final, so only its own GET decides that it is gone. A failed list
//     falls back to the GETs too.
//
// What each list carries against the GET it replaces (SDK v0.1.207 models,
// API reference): the pool's GET is already the pool list, filtered by name,
// so a list item is the same object. The queue list item (model_queue.go)
// has every field GetQueue reads (model_show_queue_response.go), in
// snake_case, with the resource type under queue_resource_type instead of
// resource_type (both documented as "vm" or "container"). The connection
// list item (model_enhanced_connection.go) has every field of the GET, and
// the service sends routes in both (the SDK omits them in both). So no field
// forces a GET; what a Read fetches beside the object keeps its own request:
// tags (tag API), a pooled queue's scaling policies (the pool's queue list)
// and a queue's Spark driver settings (queue properties).

// ReadBatching selects how Read* methods are served; tests set it to compare
// list-served Reads with GET-served ones. The zero value is BatchAuto.
var ReadBatching atomic.Int32

// The modes of ReadBatching.
const (
	BatchAuto   int32 = iota // the rules above
	BatchOff                 // every Read sends its GET
	BatchAlways              // every Read, even the first, is served from a list
)

// listMaxAge bounds how long one list serves Reads.
const listMaxAge = time.Minute

// writeTracker records whether this process has started a write.
type writeTracker struct{ started atomic.Bool }

// note is called before every call is sent.
func (w *writeTracker) note(cl call) {
	if cl.method != http.MethodGet && !cl.readOnly {
		w.started.Store(true)
	}
}

// readBatch serves the Reads of one kind, keyed by a normalised id.
type readBatch[T any] struct {
	mu    sync.Mutex
	reads int
	round *readRound[T]
}

// readRound is one list and the Reads waiting for it.
type readRound[T any] struct {
	done  chan struct{}
	sent  time.Time
	items map[string]T
	err   error
}

// read returns the object under key from a list when the rules allow, and
// otherwise (ok false) tells the caller to send its GET.
func (b *readBatch[T]) read(ctx context.Context, c *Client, key string, list func(context.Context) (map[string]T, error)) (item T, ok bool) {
	mode := ReadBatching.Load()
	if mode == BatchOff || c.writes.started.Load() {
		return item, false
	}
	b.mu.Lock()
	b.reads++
	if b.reads == 1 && mode != BatchAlways {
		b.mu.Unlock()
		return item, false
	}
	r := b.round
	if r == nil || time.Since(r.sent) > listMaxAge {
		r = &readRound[T]{done: make(chan struct{}), sent: time.Now()}
		b.round = r
		// The list is shared by every Read of the kind, so one Read's
		// cancellation must not end it.
		go func(ctx context.Context) {
			r.items, r.err = list(ctx)
			close(r.done)
		}(context.WithoutCancel(ctx))
	}
	b.mu.Unlock()
	select {
	case <-r.done:
	case <-ctx.Done():
		return item, false // the GET then fails on the same context
	}
	// A write that started while the list was under way may not show in it.
	if r.err != nil || c.writes.started.Load() {
		return item, false
	}
	item, ok = r.items[key]
	return item, ok
}

// readBatches holds the batches of the three kinds.
type readBatches struct {
	pools       readBatch[Pool]
	queues      readBatch[Queue]
	connections readBatch[Connection]
}

// ReadPool is GetPool for a resource's Read: see the rules above.
func (c *Client) ReadPool(ctx context.Context, name string) (*Pool, error) {
	p, ok := c.batches.pools.read(ctx, c, storedName(name), func(ctx context.Context) (map[string]Pool, error) {
		ps, err := c.ListPools(ctx, PoolFilter{})
		return keyed(ps, func(p Pool) string { return storedName(p.Name) }), err
	})
	if !ok {
		return c.GetPool(ctx, name)
	}
	return &p, nil
}

// ReadQueue is GetQueue for a resource's Read: see the rules above. A
// list-served queue carries only what GetQueue reports, so both return the
// same value.
func (c *Client) ReadQueue(ctx context.Context, name string) (*Queue, error) {
	q, ok := c.batches.queues.read(ctx, c, storedName(name), c.queuesByName)
	if !ok {
		return c.GetQueue(ctx, name)
	}
	q.asGet()
	return &q, nil
}

// asGet clears what the queue list reports and GET one does not (see GetQueue).
func (q *Queue) asGet() {
	q.Platform, q.Feature, q.Engine, q.Labels, q.CIDRInVPC = "", "", "", nil, ""
}

// ReadConnection is GetConnection for a resource's Read: see the rules above.
func (c *Client) ReadConnection(ctx context.Context, id string) (*Connection, error) {
	conn, ok := c.batches.connections.read(ctx, c, id, c.connectionsByID)
	if !ok || StatusIs(conn.Status, ConnectionStatusDeleted) {
		return c.GetConnection(ctx, id)
	}
	return &conn, nil
}

// queuesByName lists the queues of every type, keyed by stored name.
func (c *Client) queuesByName(ctx context.Context) (map[string]Queue, error) {
	qs, err := c.listQueues(ctx, "list queues of every type", QueueFilter{Type: "all"})
	return keyed(qs, func(q Queue) string { return storedName(q.Name) }), err
}

// connectionsByID lists every connection, keyed by id.
func (c *Client) connectionsByID(ctx context.Context) (map[string]Connection, error) {
	cs, err := c.ListConnections(ctx, ConnectionFilter{})
	return keyed(cs, func(cn Connection) string { return cn.ID }), err
}

// keyed indexes a list by key. Names are unique per kind; should the list
// repeat one, the first entry is kept, as GetPool picks the first match.
func keyed[T any](items []T, key func(T) string) map[string]T {
	out := make(map[string]T, len(items))
	for _, it := range items {
		k := key(it)
		if _, dup := out[k]; !dup {
			out[k] = it
		}
	}
	return out
}
