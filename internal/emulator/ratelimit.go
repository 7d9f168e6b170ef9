package emulator

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Throttling, as Huawei Cloud's API gateway does it in front of DLI: each
// access key gets a token bucket of RateLimit requests per second holding up
// to RateBurst; a request that finds it empty is answered 429 APIGW.0308 with
// the gateway's message and a Retry-After header saying when a token will be
// there. The gateway's limits per API are not published for DLI; the
// emulator's are whatever a test sets.

// throttleMessage is the gateway's wording ("How Do I Handle the Error
// APIG.0308?"), with the limit filled in.
const throttleMessage = "The throttling threshold has been reached: policy user over ratelimit,limit:%s,time:1 second"

// rateLimiter holds one token bucket per access key.
type rateLimiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second; 0 = no limit
	burst   float64
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// SetRateLimit limits every access key to rps requests per second with
// bursts of up to burst requests (burst < 1 means one second's worth, at
// least 1). rps <= 0 removes the limit. Buckets start full.
func (e *Emulator) SetRateLimit(rps float64, burst int) {
	e.limiter.mu.Lock()
	defer e.limiter.mu.Unlock()
	e.limiter.rate = max(rps, 0)
	b := float64(burst)
	if b < 1 {
		b = max(1, math.Ceil(rps))
	}
	e.limiter.burst = b
	e.limiter.buckets = map[string]*bucket{}
}

// throttle takes a token for the request's access key. When the bucket is
// empty it reports how long until one is there, and true.
func (e *Emulator) throttle(r *http.Request) (time.Duration, bool) {
	l := &e.limiter
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rate <= 0 {
		return 0, false
	}
	key := throttleKey(r)
	now := time.Now()
	b, found := l.buckets[key]
	if !found {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0, false
	}
	return time.Duration((1 - b.tokens) / l.rate * float64(time.Second)), true
}

// rateLimitText is the limit as the gateway's message writes it.
func (e *Emulator) rateLimitText() string {
	e.limiter.mu.Lock()
	defer e.limiter.mu.Unlock()
	return strconv.FormatFloat(e.limiter.rate, 'f', -1, 64)
}

// throttleKey is who a request is counted against: the access key of its
// signature, else its token, else its peer address. A request that fails
// authentication later still counts, as at a gateway that throttles first.
func throttleKey(r *http.Request) string {
	if ak, _, _, ok := parseAuthorization(r.Header.Get("Authorization")); ok {
		return "ak:" + ak
	}
	if r.Header.Get("X-Auth-Token") != "" {
		return "token"
	}
	return "peer:" + r.RemoteAddr
}

// retryAfterSeconds renders a wait as Retry-After delay-seconds (RFC 9110
// section 10.2.3): whole seconds, rounded up, at least 1.
func retryAfterSeconds(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}
