package client

import (
	"context"
	"sync"
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
// The zero value is ready to use.
type sharedList[T any] struct {
	mu      sync.Mutex
	running bool
	next    *listRound[T] // starts when the running request ends
}

// listRound is one request and the callers waiting for it.
type listRound[T any] struct {
	done chan struct{}
	val  T
	err  error
}

// get returns the result of a fetch that started after get was called. The
// fetch runs without the caller's cancellation (other callers may share it);
// the caller stops waiting when its own context ends.
func (s *sharedList[T]) get(ctx context.Context, fetch func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	if s.next == nil {
		s.next = &listRound[T]{done: make(chan struct{})}
	}
	r := s.next
	if !s.running {
		s.running, s.next = true, nil
		go s.run(context.WithoutCancel(ctx), r, fetch)
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

// run fetches for r, then for the round that gathered callers meanwhile, until
// no caller is waiting.
func (s *sharedList[T]) run(ctx context.Context, r *listRound[T], fetch func(context.Context) (T, error)) {
	for r != nil {
		r.val, r.err = fetch(ctx)
		close(r.done)
		s.mu.Lock()
		r, s.next = s.next, nil
		s.running = r != nil
		s.mu.Unlock()
	}
}
