package client

import (
	"context"
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

// pollBatches holds the poll batches of the kinds whose waits coalesce.
type pollBatches struct {
	queues      sharedList[map[string]Queue]
	connections sharedList[map[string]Connection]
}

// spaceRounds spaces the rounds of each kind PollGap apart.
func (p *pollBatches) spaceRounds() {
	p.queues.gap, p.connections.gap = PollGap, PollGap
}

// pollRound returns the object under key from a list sent after the poll
// asked, or (ok false) tells the caller to send its own GET: the poll was
// alone in its round, the list failed, the object is not in it, or the
// caller's context ended (the GET then fails on the same context).
func pollRound[T any](ctx context.Context, s *sharedList[map[string]T], key string,
	list func(context.Context) (map[string]T, error)) (item T, ok bool) {
	items, err := s.getRound(ctx, func(ctx context.Context, callers int) (map[string]T, error) {
		if callers < 2 {
			return nil, nil
		}
		return list(ctx)
	})
	if err != nil {
		return item, false
	}
	item, ok = items[key]
	return item, ok
}

// PollQueue is GetQueue for a wait: see the rules above. It returns what
// GetQueue returns, including its not-found error for a queue that is not
// there.
func (c *Client) PollQueue(ctx context.Context, name string) (*Queue, error) {
	q, ok := pollRound(ctx, &c.polls.queues, storedName(name), c.queuesByName)
	if !ok {
		return c.GetQueue(ctx, name)
	}
	q.asGet()
	return &q, nil
}

// PollConnection is GetConnection for a wait: see the rules above.
func (c *Client) PollConnection(ctx context.Context, id string) (*Connection, error) {
	conn, ok := pollRound(ctx, &c.polls.connections, id, c.connectionsByID)
	if !ok || StatusIs(conn.Status, ConnectionStatusDeleted) {
		return c.GetConnection(ctx, id)
	}
	return &conn, nil
}
