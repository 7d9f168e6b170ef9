// Package wait polls DLI's asynchronous operations until they settle. It is the
// one waiter every resource uses: generic over what is polled, bound to the
// caller's context (whose deadline is the resource's timeout), with a short first
// poll and a capped, growing interval so that fast operations return within
// moments and slow ones do not flood the API.
package wait

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Backoff is the polling curve: the first poll comes after First, each later
// interval is the previous one times Factor, never more than Max.
type Backoff struct {
	First  time.Duration
	Factor float64
	Max    time.Duration
}

// next returns the interval that follows d.
func (b Backoff) next(d time.Duration) time.Duration {
	n := time.Duration(float64(d) * b.Factor)
	if n < d { // Factor below 1 or overflow: never shrink
		n = d
	}
	if n > b.Max {
		n = b.Max
	}
	return n
}

// Schedule is when a wait on this curve that does not poll at once (For with
// immediate false) polls, counted from its start, if every poll answers at
// once: every poll until the first at or after d.
func (b Backoff) Schedule(d time.Duration) []time.Duration {
	if b.First <= 0 {
		return nil
	}
	var out []time.Duration
	for t, interval := time.Duration(0), b.First; ; interval = b.next(interval) {
		t += interval
		out = append(out, t)
		if t >= d {
			return out
		}
	}
}

// Curves for DLI's operations. A geometric curve keeps the overshoot (the time
// from the object settling to the poll that sees it) below Factor-1 of the time
// already waited, at any scale: with 1.1, under a tenth of the wait, so a
// queue ready after 3 s is seen within 0.3 s and a pool ready after 5 minutes
// within 20 s (the cap). The cap bounds the overshoot of long operations and
// the polls per minute once the wait is long. The price of the short first
// poll and slow growth is a few more requests early on: a wait of 10 minutes
// costs about 60 polls with Slow, one of 1 minute about 30 with Fast.
//
// They are variables only so that tests can shorten them (internal/acctest
// does); they are not a user setting. `make bench` measures these values.
var (
	// Slow suits pools and queues: creating and scaling take minutes on the
	// real service.
	Slow = Backoff{First: 500 * time.Millisecond, Factor: 1.1, Max: 20 * time.Second}
	// Fast suits connection peering and deletions, which take seconds to a minute.
	Fast = Backoff{First: 250 * time.Millisecond, Factor: 1.1, Max: 10 * time.Second}

	// Settle is how long after DLI accepted a change a waiter keeps
	// distrusting a read that shows the object idle with the change made,
	// when no read showed it busy: DLI may answer such a read before it has
	// switched the object to its busy status, and when it makes that switch
	// is not documented. The huaweicloud provider waits 10 s before its
	// first poll after a pool update, yet its acceptance test waits for
	// AVAILABLE again afterwards; 30 s is well beyond both and small next to
	// the minutes a real scaling takes (a wait that sees the busy status
	// does not wait for Settle).
	Settle = 30 * time.Second
)

// Poll reads the object once. It returns the value read, a short status for
// messages (such as "SCALING"), whether the wait is over, and an error. An error
// ends the wait at once (a FAILED object, an unexpected API error) unless it is
// temporary (see For).
type Poll[T any] func(ctx context.Context) (value T, status string, done bool, err error)

// TimeoutError says the wait ended because the context's deadline passed or the
// context was cancelled before the object settled.
type TimeoutError struct {
	What       string // e.g. `elastic resource pool "p1" to become AVAILABLE`
	LastStatus string
	Waited     time.Duration
	Cause      error // context.DeadlineExceeded or context.Canceled
	// LastError is the last temporary poll error, if the wait was still
	// riding one out when it ended: it often explains the timeout.
	LastError error
}

func (e *TimeoutError) Error() string {
	verb := "timed out"
	if errors.Is(e.Cause, context.Canceled) {
		verb = "was cancelled"
	}
	msg := fmt.Sprintf("waiting for %s %s after %s", e.What, verb, e.Waited.Round(time.Second))
	if e.LastStatus != "" {
		msg += fmt.Sprintf(" (last status: %s)", e.LastStatus)
	}
	if e.LastError != nil {
		msg += fmt.Sprintf("; last poll error: %s", e.LastError)
	}
	return msg
}

func (e *TimeoutError) Unwrap() error { return e.Cause }

// For polls until poll reports done, poll returns an error, or ctx ends. The
// first poll happens at once when immediate is true (to observe a state that may
// already hold), otherwise after b.First. Polls follow the curve's schedule from
// the start of the wait: the time a poll takes does not push the later ones
// back (a slow poll is followed by the next one at once, never by a burst).
//
// A temporary poll error (one that has, or wraps, a Temporary method returning
// true: throttling, a 5xx) does not end the wait: a minute of a busy API must
// not fail, and so taint, an hour-long create of a healthy object. The wait
// keeps polling on the curve until the context ends; the last such error goes
// into the TimeoutError. Any other error ends the wait at once.
//
// For logs no progress: its callers (refusal retries, bindings) log their own.
// The typed waits of the resources use Until, which does.
func For[T any](ctx context.Context, what string, b Backoff, immediate bool, poll Poll[T]) (T, error) {
	return Until(ctx, Desc{What: what}, b, immediate, poll)
}

// Until is For with progress at INFO (see Desc): each status the polls
// report and, while it stays the same, a heartbeat every Heartbeat, so that a
// long create or scaling shows what it waits for below DEBUG.
func Until[T any](ctx context.Context, d Desc, b Backoff, immediate bool, poll Poll[T]) (T, error) {
	what := d.What
	start := time.Now()
	progress := progressLog{desc: d, start: start}
	interval := b.First
	due := start
	var last T
	var lastStatus string
	var lastTemporary error
	timeout := func(cause error) *TimeoutError {
		return &TimeoutError{What: what, LastStatus: lastStatus, Waited: time.Since(start), Cause: cause, LastError: lastTemporary}
	}
	if !immediate {
		due = due.Add(interval)
		if err := sleepUntil(ctx, due); err != nil {
			return last, timeout(err)
		}
		interval = b.next(interval)
	}
	for {
		v, status, done, err := poll(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			// An error caused by the context ending is a timeout, not an API failure.
			return v, timeout(ctx.Err())
		case err != nil && isTemporary(err):
			lastTemporary = err
		case err != nil:
			return v, err
		default:
			lastTemporary = nil
			last, lastStatus = v, status
			progress.observe(ctx, status, done)
			if done {
				return v, nil
			}
		}
		due = due.Add(interval)
		if now := time.Now(); due.Before(now) {
			due = now
		}
		if err := sleepUntil(ctx, due); err != nil {
			return last, timeout(err)
		}
		interval = b.next(interval)
	}
}

// UntilGone polls until the object is gone: read returns its status while it
// exists and an error that gone accepts (the client's not-found) once it does
// not. It is the wait of every delete.
func UntilGone(ctx context.Context, d Desc, b Backoff, read func(context.Context) (string, error), gone func(error) bool) error {
	_, err := Until(ctx, d, b, false, func(ctx context.Context) (struct{}, string, bool, error) {
		status, err := read(ctx)
		switch {
		case gone(err):
			return struct{}{}, "gone", true, nil
		case err != nil:
			return struct{}{}, "", false, err
		}
		return struct{}{}, status, false, nil
	})
	return err
}

// isTemporary reports whether err says a later retry may succeed. The method is
// matched by shape so that this package needs no API client.
func isTemporary(err error) bool {
	var t interface{ Temporary() bool }
	return errors.As(err, &t) && t.Temporary()
}

func sleepUntil(ctx context.Context, due time.Time) error {
	t := time.NewTimer(time.Until(due))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
