package client

import (
	"context"
	"sync"
	"time"
)

// sharedList lets concurrent callers that each need a fresh list share the
// requests. When 100 queues finish creating at about the same time, each
// create reads its queue's list entry (FindQueueListItem): without sharing,
// that is 100 lists of 100 queues, a cost that grows with the square of the
// fleet. A caller never takes a list that was already under way when it
// asked, since that list may predate the object it looks for: it waits for
// the running request to end and shares the next one with every caller that
// arrived meanwhile. So at most two lists run per burst of callers, one after
// the other.
//
// The same rounds coalesce the polls of concurrent waits (pollbatch.go):
// there a round also waits until gap has passed since the previous one
// started, and its fetch learns how many callers share it, since a round of
// one poll sends that poll's own GET instead of a list.
//
// The zero value is ready to use (no gap).
type sharedList[T any] struct {
	// gap is the least time between the starts of two fetches.
	gap       time.Duration
	mu        sync.Mutex
	running   bool
	lastStart time.Time
	next      *listRound[T] // open: callers join it until its fetch starts
}

// listRound is one request and the callers waiting for it.
type listRound[T any] struct {
	done    chan struct{}
	callers int
	val     T
	err     error
}

// get returns the result of a fetch that started after get was called. The
// fetch runs without the caller's cancellation (other callers may share it);
// the caller stops waiting when its own context ends.
func (s *sharedList[T]) get(ctx context.Context, fetch func(context.Context) (T, error)) (T, error) {
	return s.getRound(ctx, func(ctx context.Context, _ int) (T, error) { return fetch(ctx) })
}

// getRound is get for a fetch that depends on how many callers share the
// round.
func (s *sharedList[T]) getRound(ctx context.Context, fetch func(ctx context.Context, callers int) (T, error)) (T, error) {
	s.mu.Lock()
	if s.next == nil {
		s.next = &listRound[T]{done: make(chan struct{})}
	}
	r := s.next
	r.callers++
	if !s.running {
		s.running = true
		go s.run(context.WithoutCancel(ctx), fetch)
	}
	s.mu.Unlock()
	select {
	case <-r.done:
		return r.val, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// run fetches for the open round once gap has passed since the last fetch
// started, and goes on while callers keep arriving.
func (s *sharedList[T]) run(ctx context.Context, fetch func(context.Context, int) (T, error)) {
	for {
		s.mu.Lock()
		r := s.next
		if r == nil {
			s.running = false
			s.mu.Unlock()
			return
		}
		if d := time.Until(s.lastStart.Add(s.gap)); d > 0 {
			s.mu.Unlock()
			time.Sleep(d) // the round stays open meanwhile
			continue
		}
		s.next, s.lastStart = nil, time.Now()
		s.mu.Unlock()
		r.val, r.err = fetch(ctx, r.callers)
		close(r.done)
	}
}
