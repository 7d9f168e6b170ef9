package client

import (
	"context"
	"sync"
	"time"
)

// Coalesced polls for waits. A wait polls its object on a curve
// (internal/wait); when 300 queues are created at once, 300 waits each send
// GET one queue several times a round, and those polls draw on the same rate
// limit (throttle.go) as the creates still being sent. PollQueue and
// PollConnection answer the polls that are due at about the same time with
// one list call instead. The rules:
//
//   - A poll joins the next round; a round is sent only after every poll in
//     it asked (it stays open until it is sent), so each answer is newer
//     than the moment its waiter asked. This is what keeps the rule
//     that batched reads are never used for a wait: the Read batches of
//     readbatch.go keep one list for up to a minute and stop after a write,
//     while a coalesced poll never gets an answer older than its own ask and
//     is never served from those batches.
//   - A round with polls for one object only sends nothing: the waiter sends
//     its own GET, as before. A lone wait costs what it did.
//   - A round for two or more objects sends one list call. An object missing
//     from it (or a connection listed as DELETED) is read with its own GET:
//     only the GET decides that an object is gone or not there yet. A failed
//     list falls back to the GETs too.
//   - Rounds of one kind start at least PollGap apart, and one at a time: a
//     round gathers the polls that came due meanwhile, so however many
//     objects wait, the waits of one kind send at most one list per PollGap.
//     A poll is late by at most PollGap plus one list, against waits of
//     seconds in tests and minutes on the real service.
//
// The list item carries every field the waits need: see readbatch.go for
// the field-by-field comparison (TestQueueListItemCarriesEveryGetField,
// TestReadBatchServesWhatGetReturns); a list-served queue is cleared to what
// GetQueue reports (asGet), so a wait returns the same value either way.

// PollGap is the least time between two list rounds of one kind: the waits
// of one kind send at most one list per PollGap, however many they are.
const PollGap = 100 * time.Millisecond

// pollBatch coalesces the polls of one kind, keyed by a normalised id. The
// zero value is ready to use.
type pollBatch[T any] struct {
	mu        sync.Mutex
	running   bool
	lastStart time.Time
	next      *pollRound[T] // open: polls join it until it is sent
}

// pollRound is one list call and the polls that share it.
type pollRound[T any] struct {
	done  chan struct{}
	keys  map[string]struct{}
	items map[string]T // nil: no list was sent (a lone poll, or a failed list)
}

// poll returns the object under key from a list sent after poll was called,
// or (ok false) tells the caller to send its own GET.
func (b *pollBatch[T]) poll(ctx context.Context, key string, list func(context.Context) (map[string]T, error)) (item T, ok bool) {
	b.mu.Lock()
	if b.next == nil {
		b.next = &pollRound[T]{done: make(chan struct{}), keys: map[string]struct{}{}}
	}
	r := b.next
	r.keys[key] = struct{}{}
	if !b.running {
		b.running = true
		// The list is shared by every poll of the round, so one waiter's
		// cancellation must not end it.
		go b.run(context.WithoutCancel(ctx), list)
	}
	b.mu.Unlock()
	select {
	case <-r.done:
	case <-ctx.Done():
		return item, false // the GET then fails on the same context
	}
	item, ok = r.items[key]
	return item, ok
}

// run sends the open round once PollGap has passed since the last one, and
// goes on while polls keep joining.
func (b *pollBatch[T]) run(ctx context.Context, list func(context.Context) (map[string]T, error)) {
	for {
		b.mu.Lock()
		r := b.next
		if r == nil {
			b.running = false
			b.mu.Unlock()
			return
		}
		if d := time.Until(b.lastStart.Add(PollGap)); d > 0 {
			b.mu.Unlock()
			time.Sleep(d) // the round stays open meanwhile
			continue
		}
		b.next, b.lastStart = nil, time.Now()
		b.mu.Unlock()
		if len(r.keys) > 1 {
			if items, err := list(ctx); err == nil {
				r.items = items
			}
		}
		close(r.done)
	}
}

// pollBatches holds the poll batches of the kinds whose waits coalesce.
type pollBatches struct {
	queues      pollBatch[Queue]
	connections pollBatch[Connection]
}

// PollQueue is GetQueue for a wait: see the rules above. It returns what
// GetQueue returns, including its not-found error for a queue that is not
// there.
func (c *Client) PollQueue(ctx context.Context, name string) (*Queue, error) {
	q, ok := c.polls.queues.poll(ctx, storedName(name), c.queuesByName)
	if !ok {
		return c.GetQueue(ctx, name)
	}
	q.asGet()
	return &q, nil
}

// PollConnection is GetConnection for a wait: see the rules above.
func (c *Client) PollConnection(ctx context.Context, id string) (*Connection, error) {
	conn, ok := c.polls.connections.poll(ctx, id, c.connectionsByID)
	if !ok || StatusIs(conn.Status, ConnectionStatusDeleted) {
		return c.GetConnection(ctx, id)
	}
	return &conn, nil
}
