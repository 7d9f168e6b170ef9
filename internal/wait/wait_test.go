package wait

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

var quick = Backoff{First: time.Millisecond, Factor: 2, Max: 4 * time.Millisecond}

func TestForReturnsWhenDone(t *testing.T) {
	calls := 0
	v, err := For(context.Background(), "thing", quick, true, func(context.Context) (int, string, bool, error) {
		calls++
		return calls, "PENDING", calls == 3, nil
	})
	if err != nil || v != 3 || calls != 3 {
		t.Fatalf("got v=%d calls=%d err=%v, want 3 polls and value 3", v, calls, err)
	}
}

func TestForImmediateFalseWaitsBeforeFirstPoll(t *testing.T) {
	b := Backoff{First: 30 * time.Millisecond, Factor: 1, Max: 30 * time.Millisecond}
	start := time.Now()
	_, err := For(context.Background(), "thing", b, false, func(context.Context) (int, string, bool, error) {
		return 0, "", true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 30*time.Millisecond {
		t.Fatalf("first poll came after %s, want at least 30ms", time.Since(start))
	}
}

func TestForStopsOnPollError(t *testing.T) {
	boom := errors.New("pool FAILED: no capacity")
	_, err := For(context.Background(), "thing", quick, true, func(context.Context) (int, string, bool, error) {
		return 0, "FAILED", false, boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the poll's error", err)
	}
}

func TestForTimesOutWithLastStatus(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := For(ctx, `pool "p" to become AVAILABLE`, quick, true, func(context.Context) (int, string, bool, error) {
		return 0, "SCALING", false, nil
	})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *TimeoutError", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err does not wrap DeadlineExceeded: %v", err)
	}
	for _, want := range []string{`pool "p" to become AVAILABLE`, "timed out", "SCALING"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
}

func TestForCancelledIsReportedAsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := For(ctx, "thing", quick, true, func(context.Context) (int, string, bool, error) {
		calls++
		if calls == 2 {
			cancel()
		}
		return 0, "CREATING", false, nil
	})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("err = %v, want a cancellation", err)
	}
}

func TestPollErrorCausedByContextIsTimeout(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := For(ctx, "thing", quick, true, func(ctx context.Context) (int, string, bool, error) {
		return 0, "", false, ctx.Err()
	})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *TimeoutError", err)
	}
}

func TestBackoffGrowsToCap(t *testing.T) {
	b := Backoff{First: time.Second, Factor: 2, Max: 5 * time.Second}
	got := []time.Duration{b.First}
	for i := 0; i < 4; i++ {
		got = append(got, b.next(got[len(got)-1]))
	}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("curve = %v, want %v", got, want)
		}
	}
}

// pollTimes returns when the polls of a non-immediate wait happen (ignoring
// the time the polls themselves take), up to the first one at or after until.
func pollTimes(b Backoff, until time.Duration) []time.Duration {
	var ts []time.Duration
	t, interval := time.Duration(0), b.First
	for t < until {
		t += interval
		ts = append(ts, t)
		interval = b.next(interval)
	}
	return ts
}

// The curves' promise: an object that settles after d is seen within a tenth
// of d (plus the first interval, for very short waits), and never more than
// the cap later.
func TestCurvesOvershootIsSmallComparedToTheWait(t *testing.T) {
	for name, b := range map[string]Backoff{"Slow": Slow, "Fast": Fast} {
		for d := 100 * time.Millisecond; d <= time.Hour; d += d / 7 {
			ts := pollTimes(b, d)
			over := ts[len(ts)-1] - d
			if limit := min(d/10+b.First, b.Max); over > limit {
				t.Errorf("%s: settled after %s, seen %s later; want at most %s", name, d, over, limit)
			}
		}
	}
}

// Long waits poll at the cap, so the request rate stays bounded.
func TestCurvesPollsOfLongWaits(t *testing.T) {
	for _, c := range []struct {
		name     string
		b        Backoff
		wait     time.Duration
		maxPolls int
	}{
		{"Slow, 10 minutes", Slow, 10 * time.Minute, 65},
		{"Slow, 1 hour", Slow, time.Hour, 210},
		{"Fast, 1 minute", Fast, time.Minute, 35},
	} {
		if n := len(pollTimes(c.b, c.wait)); n > c.maxPolls {
			t.Errorf("%s: %d polls, want at most %d", c.name, n, c.maxPolls)
		}
	}
}

// Polls keep to the schedule: with 100ms intervals and polls that take 60ms,
// the third poll starts about 300ms in, not 420ms as it would if each interval
// were counted from the end of the previous poll.
func TestForSlowPollsDoNotDelayTheSchedule(t *testing.T) {
	b := Backoff{First: 100 * time.Millisecond, Factor: 1, Max: 100 * time.Millisecond}
	start := time.Now()
	var starts []time.Duration
	_, err := For(context.Background(), "thing", b, false, func(context.Context) (int, string, bool, error) {
		starts = append(starts, time.Since(start))
		time.Sleep(60 * time.Millisecond)
		return 0, "", len(starts) == 3, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if starts[2] < 300*time.Millisecond || starts[2] > 380*time.Millisecond {
		t.Fatalf("polls started at %v, want the third at 300ms (before 380ms)", starts)
	}
}

// A poll slower than the interval is followed by the next one at once, and
// the polls after it do not come in a burst to catch up.
func TestForAfterAVerySlowPollNoBurst(t *testing.T) {
	b := Backoff{First: 20 * time.Millisecond, Factor: 1, Max: 20 * time.Millisecond}
	start := time.Now()
	var starts []time.Duration
	_, err := For(context.Background(), "thing", b, true, func(context.Context) (int, string, bool, error) {
		starts = append(starts, time.Since(start))
		if len(starts) == 1 {
			time.Sleep(100 * time.Millisecond)
		}
		return 0, "", len(starts) == 4, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i < len(starts); i++ {
		if gap := starts[i] - starts[i-1]; gap < 15*time.Millisecond {
			t.Fatalf("polls started at %v: a gap of %s after the slow poll, want the interval", starts, gap)
		}
	}
}

// temporaryError stands for an API error the client marks as worth retrying
// (throttling, a 5xx).
type temporaryError struct{ temporary bool }

func (e *temporaryError) Error() string   { return "HTTP 503: service busy" }
func (e *temporaryError) Temporary() bool { return e.temporary }

func TestForRidesOutTemporaryErrors(t *testing.T) {
	calls := 0
	v, err := For(context.Background(), "thing", quick, true, func(context.Context) (int, string, bool, error) {
		calls++
		if calls <= 3 {
			return 0, "", false, fmt.Errorf("reading pool: %w", &temporaryError{temporary: true})
		}
		return calls, "AVAILABLE", true, nil
	})
	if err != nil || v != 4 || calls != 4 {
		t.Fatalf("got v=%d calls=%d err=%v, want the wait to go on past 3 temporary errors and end at poll 4", v, calls, err)
	}
}

func TestForStopsOnErrorThatIsNotTemporary(t *testing.T) {
	calls := 0
	_, err := For(context.Background(), "thing", quick, true, func(context.Context) (int, string, bool, error) {
		calls++
		return 0, "", false, &temporaryError{temporary: false}
	})
	var te *temporaryError
	if !errors.As(err, &te) || calls != 1 {
		t.Fatalf("err = %v after %d polls, want the poll's error after 1 poll", err, calls)
	}
}

func TestForTimeoutNamesLastTemporaryError(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	calls := 0
	_, err := For(ctx, `pool "p" to become AVAILABLE`, quick, true, func(context.Context) (int, string, bool, error) {
		calls++
		if calls == 1 {
			return 0, "CREATING", false, nil
		}
		return 0, "", false, &temporaryError{temporary: true}
	})
	var to *TimeoutError
	if !errors.As(err, &to) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a *TimeoutError for the deadline", err)
	}
	if calls < 3 {
		t.Fatalf("%d polls, want polling to go on after the temporary error", calls)
	}
	for _, want := range []string{"timed out", "CREATING", "HTTP 503: service busy"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
}

// A temporary error that a later successful poll follows is old news: the
// timeout message must not blame it.
func TestForTimeoutForgetsTemporaryErrorAfterGoodPoll(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	calls := 0
	_, err := For(ctx, "thing", quick, true, func(context.Context) (int, string, bool, error) {
		calls++
		if calls == 1 {
			return 0, "", false, &temporaryError{temporary: true}
		}
		return 0, "SCALING", false, nil
	})
	if err == nil || strings.Contains(err.Error(), "service busy") || !strings.Contains(err.Error(), "SCALING") {
		t.Fatalf("err = %v, want a timeout with the last status and no stale error", err)
	}
}

// Schedule follows the curve For polls on: First, then each interval Factor
// times the last, capped at Max, until a poll at or after the given time.
func TestScheduleFollowsTheCurve(t *testing.T) {
	b := Backoff{First: time.Second, Factor: 2, Max: 3 * time.Second}
	got := b.Schedule(7 * time.Second)
	want := []time.Duration{1 * time.Second, 3 * time.Second, 6 * time.Second, 9 * time.Second}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Schedule(7s) = %v, want %v", got, want)
	}
	if got := (Backoff{}).Schedule(time.Second); got != nil {
		t.Fatalf("a curve without a first interval: %v, want none", got)
	}
}
