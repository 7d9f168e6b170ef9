package client

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/time/rate"
)

// Throttling. Huawei Cloud's API gateway answers 429 APIGW.0308 when an
// account sends more requests than its limit allows ("How Do I Handle the
// Error APIG.0308?": the threshold is counted per user and time window). A
// provider process may run a hundred resources at once, each polling, so
// every request of one Client passes one shared throttle:
//
//   - a client-side rate limit (a token bucket) that starts at
//     Config.RateLimit requests per second;
//   - every 429 halves it (down to minRate), so all goroutines slow down,
//     not only the one that was refused, and pauses every request until the
//     answer's Retry-After has passed (pauseWithoutHint when it has none);
//   - after recoverQuiet without a 429 it grows back by a tenth of the
//     configured rate every recoverStep, up to the configured rate.
//
// The retry of the refused call itself stays with invoke (429 proves nothing
// was applied, so every call is retried); its next attempt waits here first.

// DefaultRateLimit is the client-side limit when Config.RateLimit is 0. DLI
// publishes no per-API limit; this is a ceiling the adaptation starts from,
// our assumption. It is 100 (it was 50) because applying 300 queues sends
// 300 creates at once, and at 50 a second they alone took 5 s beyond the
// burst (BENCHMARKS.md). Starting higher is safe: the gateway's answer to
// too many requests is a 429, which proves nothing was applied and is
// retried; the first one halves the rate of every request of the process
// and pauses them all for its Retry-After, so a lower real limit costs a
// few refused requests and never an error (TestThrottleSharedAcrossCalls,
// TestAccScenario_throttledFleetConverges against a gateway of 10 a
// second). The huaweicloud provider sends without any client-side limit.
// Waits no longer spend much of it: their polls share list calls
// (pollbatch.go).
const DefaultRateLimit = 100.0

const (
	minRate          = rate.Limit(0.5)
	pauseWithoutHint = time.Second
	recoverQuiet     = 3 * time.Second
	recoverStep      = time.Second
	// maxRetryAfter caps a Retry-After hint, so that an odd answer cannot
	// stall every request of the process for long.
	maxRetryAfter = time.Minute
)

// throttle is the rate and backoff state every request of one Client shares.
type throttle struct {
	lim     *rate.Limiter
	ceiling rate.Limit

	mu        sync.Mutex
	pausedTo  time.Time // no request leaves before this
	lastCut   time.Time // last 429
	lastRaise time.Time
	hits      int // 429s seen, for logs and tests
}

func newThrottle(rps float64) *throttle {
	if rps <= 0 {
		rps = DefaultRateLimit
	}
	l := rate.Limit(rps)
	return &throttle{lim: rate.NewLimiter(l, burstFor(l)), ceiling: l}
}

// burstFor lets about one second's worth of requests go at once.
func burstFor(l rate.Limit) int { return max(1, int(math.Ceil(float64(l)))) }

// wait blocks until the shared pause is over and the limiter lets one
// request go, or ctx ends.
func (t *throttle) wait(ctx context.Context) error {
	for {
		t.mu.Lock()
		pause := time.Until(t.pausedTo)
		t.mu.Unlock()
		if pause <= 0 {
			break
		}
		if err := sleepCtx(ctx, pause); err != nil {
			return err
		}
	}
	// Reserve and sleep rather than Limiter.Wait, which fails at once when
	// the wait would outlast ctx's deadline: the request must end with the
	// context's own error, never look like a failure of the network.
	r := t.lim.Reserve()
	if err := sleepCtx(ctx, r.Delay()); err != nil {
		r.Cancel()
		return err
	}
	return nil
}

// observe adapts the throttle to one answer: a 429 cuts the rate and pauses
// everyone; other answers let the rate recover slowly.
func (t *throttle) observe(ctx context.Context, resp *http.Response) {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if resp.StatusCode != http.StatusTooManyRequests {
		if t.lim.Limit() < t.ceiling && now.Sub(t.lastCut) >= recoverQuiet && now.Sub(t.lastRaise) >= recoverStep {
			t.setLimit(min(t.ceiling, t.lim.Limit()+t.ceiling/10))
			t.lastRaise = now
		}
		return
	}
	t.hits++
	wait, hinted := retryAfter(resp.Header.Get("Retry-After"), now)
	if !hinted {
		wait = pauseWithoutHint
	}
	if until := now.Add(wait); until.After(t.pausedTo) {
		t.pausedTo = until
	}
	// One cut per pause: the answers to requests already in flight when
	// the first 429 came say nothing new about the rate.
	if now.Sub(t.lastCut) >= wait || t.lastCut.IsZero() {
		t.setLimit(max(minRate, t.lim.Limit()/2))
		t.lastCut = now
	}
	tflog.Debug(ctx, "DLI throttled a request; slowing down every request of the provider", map[string]any{
		"rate_per_s": float64(t.lim.Limit()), "pause_ms": wait.Milliseconds(), "retry_after": resp.Header.Get("Retry-After"),
	})
}

func (t *throttle) setLimit(l rate.Limit) {
	t.lim.SetLimit(l)
	t.lim.SetBurst(burstFor(l))
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (RFC 9110 section 10.2.3), capped at maxRetryAfter.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), maxRetryAfter), true
}

// stats reports the current rate and how many 429s were seen.
func (t *throttle) stats() (rps float64, hits int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return float64(t.lim.Limit()), t.hits
}
