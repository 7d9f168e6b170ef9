package client

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// TestThrottleSharedAcrossCalls: one 429 with Retry-After pauses every
// request of the client, not only the refused call's retry: a call started
// by another goroutine right after the refusal reaches the server only once
// the Retry-After has passed.
func TestThrottleSharedAcrossCalls(t *testing.T) {
	var mu sync.Mutex
	var refusedAt time.Time
	var after []time.Time
	refused := make(chan struct{})
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		defer mu.Unlock()
		if n == 1 {
			refusedAt = time.Now()
			w.Header().Set("Retry-After", "1")
			reply(w, 429, `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`)
			close(refused)
			return
		}
		after = append(after, time.Now())
		reply(w, 200, `{"is_success":true,"queueName":"q1"}`)
	})
	c := newTestClient(t, f, 3)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, err := c.GetQueue(ctx, "q1") // refused, then retried
		errs <- err
	}()
	<-refused
	// Start the other call once the client has read the 429 (a request sent
	// before that cannot know of it).
	for _, hits := c.ThrottleStats(); hits == 0; _, hits = c.ThrottleStats() {
		time.Sleep(time.Millisecond)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, err := c.GetQueue(ctx, "q2") // another goroutine, never refused itself
		errs <- err
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(after) != 2 {
		t.Fatalf("%d requests after the refusal, want 2", len(after))
	}
	for _, at := range after {
		if gap := at.Sub(refusedAt); gap < 950*time.Millisecond {
			t.Errorf("a request reached the server %s after the 429, before its Retry-After of 1s", gap)
		}
	}
	if rps, hits := c.ThrottleStats(); hits != 1 || rps != DefaultRateLimit/2 {
		t.Errorf("after one 429: rate %g/s and %d hits, want %g/s and 1", rps, hits, DefaultRateLimit/2)
	}
}

// TestThrottleAdapts: each 429 halves the rate (one cut per pause, never
// below the floor); after a quiet spell successes raise it by a tenth of the
// configured rate at a time, up to the configured rate.
func TestThrottleAdapts(t *testing.T) {
	ctx := context.Background()
	th := newThrottle(40)
	tooMany := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": []string{"0"}}}
	fine := &http.Response{StatusCode: 200, Header: http.Header{}}
	th.observe(ctx, tooMany)
	if got := th.lim.Limit(); got != 20 {
		t.Fatalf("after a 429: %v/s, want 20", got)
	}
	th.observe(ctx, tooMany)
	if got := th.lim.Limit(); got != 10 {
		t.Fatalf("after a second 429 once the pause was over: %v/s, want 10", got)
	}
	for range 10 {
		th.observe(ctx, tooMany)
	}
	if got := th.lim.Limit(); got != minRate {
		t.Fatalf("after many 429s: %v/s, want the floor %v", got, minRate)
	}
	th.observe(ctx, fine)
	if got := th.lim.Limit(); got != minRate {
		t.Fatalf("a success right after a 429 raised the rate to %v/s", got)
	}
	for i := range 12 {
		th.mu.Lock()
		th.lastCut, th.lastRaise = time.Now().Add(-recoverQuiet), time.Now().Add(-recoverStep)
		th.mu.Unlock()
		th.observe(ctx, fine)
		want := min(40, minRate+rate.Limit(4*(i+1)))
		if got := th.lim.Limit(); got != want {
			t.Fatalf("recovery step %d: %v/s, want %v", i+1, got, want)
		}
	}
	if th.lim.Burst() != 40 {
		t.Errorf("burst %d at the full rate, want 40", th.lim.Burst())
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"-1", 0, true},
		{"86400", maxRetryAfter, true},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, true},
		{"soon", 0, false},
	} {
		got, ok := retryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
