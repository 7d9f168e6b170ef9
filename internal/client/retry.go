package client

import (
	"math/rand/v2"
	"net/http"
	"regexp"
	"time"
)

// Retry policy, one for every call:
//
//   - Throttling (HTTP 429, APIGW.0308) and failures before the request left
//     (DNS, refused dial) prove nothing was applied: every call is retried.
//   - Server errors (5xx, DLI.0999) and connections lost mid-request (reset,
//     timeout, EOF) are retried only for calls that are safe to repeat (GET,
//     PUT of absolute values, DELETE, POSTs marked idempotent such as the
//     tag API's). Creates, binds and delta scaling are not, because the
//     first request may have taken effect: creates are settled by
//     createSafely (recover.go), the others by their call's settle read
//     (invoke.go), which sends them again only if the service does not
//     show their effect.
//   - Every request also passes the client's shared throttle (throttle.go),
//     which a 429 slows down for every goroutine, honouring Retry-After.
//   - Nothing else is retried. At most Config.MaxRetries retries, with capped
//     exponential backoff and jitter, stopping as soon as the context ends.
//
// A retried delete meeting NotFound returns nil (an earlier attempt deleted
// it); a retried create meeting AlreadyExists after an uncertain attempt is
// marked ErrCreateMayHaveSucceeded. Creates whose outcome is uncertain are
// settled by looking the object up (recover.go), never by re-sending blindly.
// A retried pool update refused because the pool is busy (an applied first
// attempt puts it in SCALING) is settled by reading the pool (pools.go).
//
// A call refused because a queue is still being assigned resources right
// after its creation ("Status of queue xxx is assigning, which is not
// available", quoted by the user guide; the huaweicloud provider sleeps 4
// minutes after creating a queue to avoid it) was not applied and will be
// accepted later: it is retried on busyBackoff until the caller's context
// ends (the resource's timeout), whatever the call and outside MaxRetries,
// with an INFO log carrying DLI's message at each wait.

// backoff computes the wait before retry n (0-based).
type backoff struct {
	base, cap time.Duration
}

func defaultBackoff() backoff { return backoff{base: 200 * time.Millisecond, cap: 5 * time.Second} }

// busyBackoff suits a refusal that lasts minutes: a first wait of about a
// second, then up to 20 s between attempts.
func busyBackoff() backoff { return backoff{base: time.Second, cap: 20 * time.Second} }

// queueAssigningPattern matches DLI's refusal of work on a queue it is still
// assigning resources to. Only that state's wording is matched: "not
// available" alone also ends permanent refusals.
var queueAssigningPattern = regexp.MustCompile(`(?i)\bqueue\b.*\bis assigning\b`)

// queueAssigning reports whether e is DLI refusing a call because a new
// queue is still being assigned resources.
func (e *APIError) queueAssigning() bool {
	return e.HTTPStatus >= 400 && e.HTTPStatus < 500 && e.Kind == KindInvalid && queueAssigningPattern.MatchString(e.Message)
}

// delay doubles from base up to cap, then keeps a random half of the top half
// so concurrent callers spread out.
func (b backoff) delay(n int) time.Duration {
	d := b.base
	for i := 0; i < n && d < b.cap; i++ {
		d *= 2
	}
	if d > b.cap {
		d = b.cap
	}
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(half+1) //nolint:gosec // jitter needs no cryptographic randomness
}

// retryable says whether a failed attempt may be re-sent, and whether the
// failure leaves it possible that the attempt was applied.
func (c *Client) retryable(cl call, e *APIError) (retry, mayBeApplied bool) {
	if e.notApplied {
		return true, false
	}
	if e.Kind != KindServer {
		return false, false
	}
	if cl.unsafe || (cl.method == http.MethodPost && !cl.idempotent) {
		return false, true
	}
	return true, true
}
