package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/exchange"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/invoker"
)

// param is one path or query parameter.
type param struct{ key, value string }

// call describes one API operation. A typed SDK call (sdkCall) uses only op,
// method, path (for logs) and the flags; params, query and body describe an
// own request definition (build).
type call struct {
	op     string // human description used in errors, e.g. "create queue q1"
	method string
	path   string // SDK path template; {project_id} is filled by the credentials
	params []param
	query  []param
	body   any
	// unsafe marks a request that must not be sent twice when the first one may
	// have taken effect: creates, binds, scaling by a delta. It is retried only
	// when the failure proves the service did not apply it.
	unsafe bool
	// idempotent marks a POST that is safe to repeat (the tag API's batch
	// add and delete, and its filter, which only reads); other POSTs are
	// treated as creates.
	idempotent bool
	// readOnly marks a POST that changes nothing (the tag API's filter), so
	// that it does not end the batched reads (readbatch.go).
	readOnly bool
	// create: a retried call meeting AlreadyExists is marked ErrCreateMayHaveSucceeded.
	create bool
	// delete: a retried call meeting NotFound succeeded on an earlier attempt.
	delete bool
	// settle decides an unsafe call whose attempt failed in a way that may
	// have been applied (a 5xx, a connection lost mid-request): it reads
	// what the service now holds and reports whether the call took effect.
	// Applied: the call succeeded. Not applied: it is sent again, within
	// MaxRetries (settle may narrow what the next attempt sends). Without
	// settle such a failure ends the call. Creates settle in createSafely.
	settle func(ctx context.Context) (applied bool, err error)
}

// envelope is the part every DLI answer shares. HttpStatusCode and RequestID
// are filled by the SDK (the status always, the request id from the
// X-Request-Id header through a response field definition).
type envelope struct {
	IsSuccess      *bool  `json:"is_success,omitempty"`
	Message        string `json:"message,omitempty"`
	HttpStatusCode int    `json:"-"` //nolint:revive // name required by the SDK
	// RequestID is a pointer because the SDK fills header fields that way.
	RequestID *string `json:"-"`
}

// requestID is the X-Request-Id of the answer, if any.
func (e *envelope) requestID() string {
	if e.RequestID == nil {
		return ""
	}
	return *e.RequestID
}

func (e *envelope) env() *envelope { return e }

// response is any wire answer embedding envelope.
type response interface{ env() *envelope }

// sdkRequest is the request value the SDK reflects over: a fixed set of
// optional fields that each call maps to its own path and query names.
type sdkRequest struct {
	P0   *string `json:"p0,omitempty"`
	P1   *string `json:"p1,omitempty"`
	Q0   *string `json:"q0,omitempty"`
	Q1   *string `json:"q1,omitempty"`
	Q2   *string `json:"q2,omitempty"`
	Q3   *string `json:"q3,omitempty"`
	Q4   *string `json:"q4,omitempty"`
	Q5   *string `json:"q5,omitempty"`
	Body any     `json:"body,omitempty"`
}

var (
	pathFields  = []string{"P0", "P1"}
	queryFields = []string{"Q0", "Q1", "Q2", "Q3", "Q4", "Q5"}
)

// build turns a call into the SDK's request value and definition.
func (cl call) build(out response) (*sdkRequest, *def.HttpRequestDef, error) {
	if len(cl.params) > len(pathFields) || len(cl.query) > len(queryFields) {
		return nil, nil, fmt.Errorf("%s: internal error: too many parameters", cl.op)
	}
	req := &sdkRequest{}
	b := def.NewHttpRequestDefBuilder().
		WithMethod(cl.method).
		WithPath(cl.path).
		WithResponse(out).
		WithContentType("application/json")
	slots := []**string{&req.P0, &req.P1}
	for i, p := range cl.params {
		v := p.value
		*slots[i] = &v
		b = b.WithRequestField(def.NewFieldDef().WithName(pathFields[i]).WithJsonTag(p.key).WithLocationType(def.Path))
	}
	qslots := []**string{&req.Q0, &req.Q1, &req.Q2, &req.Q3, &req.Q4, &req.Q5}
	for i, q := range cl.query {
		v := q.value
		*qslots[i] = &v
		b = b.WithRequestField(def.NewFieldDef().WithName(queryFields[i]).WithJsonTag(q.key).WithLocationType(def.Query))
	}
	if cl.body != nil {
		req.Body = cl.body
		b = b.WithRequestField(def.NewFieldDef().WithName("Body").WithLocationType(def.Body))
	}
	b = b.WithResponseField(def.NewFieldDef().WithName("RequestID").WithJsonTag("X-Request-Id").WithLocationType(def.Header))
	return req, b.Build(), nil
}

// do runs a call described by our own request definition (see doc.go for
// which operations need one) against the DLI endpoint.
func (c *Client) do(ctx context.Context, cl call, out response) error {
	return c.doWith(ctx, c.hc, cl, out)
}

// doWith runs an own-definition call through a given SDK client (DLI or IAM).
func (c *Client) doWith(ctx context.Context, hc *core.HcHttpClient, cl call, out response) error {
	if out == nil {
		out = &envelope{}
	}
	return c.invoke(ctx, cl, func(ctx context.Context) error { return c.attempt(ctx, hc, cl, out) })
}

// typedInvoker is the invoker the SDK's DLI client makes for each of its
// typed methods (CreateQueueInvoker and so on): the method's request, ready
// to send, which unlike the plain method takes extra headers per call.
type typedInvoker[R any] interface {
	AddHeaders(headers map[string]string) *invoker.BaseInvoker
	Invoke() (R, error)
}

// sdkCall runs one typed method of the SDK's DLI client under the policy of
// invoke and returns the answer of the successful attempt. newInvoker makes
// a fresh invoker per attempt; each gets the header with the call id that
// binds the attempt to ctx (transport.go).
func sdkCall[I typedInvoker[R], R any](ctx context.Context, c *Client, cl call, newInvoker func() I) (R, error) {
	var out R
	err := c.invoke(ctx, cl, func(ctx context.Context) error {
		rec := c.transport.register(ctx)
		defer rec.release()
		inv := newInvoker()
		inv.AddHeaders(map[string]string{callHeader: rec.id})
		r, err := inv.Invoke()
		if err != nil {
			return c.failure(ctx, cl.op, err)
		}
		out = r
		return c.check(cl.op, answerOf(r), rec.requestID())
	})
	return out, err
}

// invoke runs one attempt after another under the retry policy of retry.go
// and turns every failure into an *APIError (or the context's error).
func (c *Client) invoke(ctx context.Context, cl call, once func(ctx context.Context) error) error {
	var uncertain bool // an earlier attempt may have been applied
	busy := 0          // refusals of a queue still being assigned so far
	var last *APIError // the previous attempt's failure, quoted when ctx ends
	c.writes.note(cl)
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return withLast(fmt.Errorf("%s: %w", cl.op, err), last)
		}
		err := once(ctx)
		if err == nil {
			return nil
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			return withLast(err, last)
		}
		last = apiErr
		if apiErr.queueAssigning() {
			// Refused, so not applied: safe to send again, even a create or
			// a bind. It neither counts as an attempt nor uses MaxRetries.
			wait := c.busyBackoff.delay(busy)
			busy++
			attempt--
			tflog.Info(ctx, "DLI refused the call because the queue is still being assigned resources; waiting before trying again", map[string]any{
				"op": cl.op, "message": apiErr.Message, "code": apiErr.Code, "refusals": busy, "wait_ms": wait.Milliseconds(),
			})
			if err := sleepCtx(ctx, wait); err != nil {
				return fmt.Errorf("%s: %w (DLI kept refusing it: %s)", cl.op, err, apiErr.Error())
			}
			continue
		}
		if attempt > 0 {
			if cl.delete && apiErr.Kind == KindNotFound {
				tflog.Debug(ctx, "DLI delete found the object gone after a retry; an earlier attempt deleted it", map[string]any{"op": cl.op})
				return nil
			}
			if cl.create && apiErr.Kind == KindAlreadyExists && uncertain {
				apiErr.cause = ErrCreateMayHaveSucceeded
				return apiErr
			}
		}
		apiErr.afterUncertain = uncertain
		retry, applied := c.retryable(cl, apiErr)
		if !retry && applied && cl.settle != nil {
			done, err := c.settleCall(ctx, cl, apiErr)
			if err != nil || done {
				return err
			}
			retry = true // not applied: safe to send again
		}
		if !retry || attempt >= c.maxRetries {
			return apiErr
		}
		uncertain = uncertain || applied
		wait := c.backoff.delay(attempt)
		tflog.Debug(ctx, "DLI API call failed with a transient error, retrying", map[string]any{
			"op":         cl.op,
			"reason":     apiErr.Kind.String() + ": " + apiErr.Error(),
			"method":     cl.method,
			"path":       cl.path,
			"status":     apiErr.HTTPStatus,
			"code":       apiErr.Code,
			"request_id": apiErr.RequestID,
			"attempt":    attempt + 1,
			"wait_ms":    wait.Milliseconds(),
		})
		if err := sleepCtx(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w (last error: %s)", cl.op, err, apiErr.Error())
		}
	}
}

// withLast adds the failure of the previous attempt to the error of a call
// whose context ended while it waited or was being sent again, so that the
// user learns what DLI kept answering.
func withLast(err error, last *APIError) error {
	if last == nil || (!errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled)) {
		return err
	}
	return fmt.Errorf("%w (last error: %s)", err, last.Error())
}

// settleCall runs cl.settle after an attempt that failed with lastErr and
// may have been applied. It returns done with a nil error when the read shows
// the call took effect, and an error when the read itself failed (lastErr
// wrapped, with the read's failure).
func (c *Client) settleCall(ctx context.Context, cl call, lastErr *APIError) (done bool, err error) {
	applied, serr := cl.settle(ctx)
	if serr != nil {
		return false, fmt.Errorf("%w; reading back to learn whether it took effect failed too: %v", lastErr, serr)
	}
	if applied {
		tflog.Debug(ctx, "DLI call failed without a usable answer, but the service shows its effect; taking it as applied",
			map[string]any{"op": cl.op, "reason": lastErr.Error()})
		return true, nil
	}
	tflog.Debug(ctx, "DLI call failed without a usable answer and the service does not show its effect; sending it again",
		map[string]any{"op": cl.op, "reason": lastErr.Error()})
	return false, nil
}

// attempt sends one request described by our own definition.
func (c *Client) attempt(ctx context.Context, hc *core.HcHttpClient, cl call, out response) error {
	req, reqDef, err := cl.build(out)
	if err != nil {
		return err
	}
	rec := c.transport.register(ctx)
	defer rec.release()
	exch := &exchange.SdkExchange{ApiReference: &exchange.ApiReference{}, Attributes: map[string]any{}}
	_, err = hc.SyncInvokeWithExtraHeaders(req, reqDef, exch, map[string]string{callHeader: rec.id})
	if err != nil {
		return c.failure(ctx, cl.op, err)
	}
	env := out.env()
	requestID := env.requestID()
	if requestID == "" {
		requestID = rec.requestID()
	}
	return c.check(cl.op, answer{isSuccess: env.IsSuccess, message: env.Message, status: env.HttpStatusCode}, requestID)
}

// failure converts an error of the SDK's invocation; a call whose context
// ended reports the context's error, whatever the transport made of it.
func (c *Client) failure(ctx context.Context, op string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("%s: %w", op, ctxErr)
	}
	return c.fromSDKError(op, err)
}

// answer is what every DLI answer shares, whether decoded into our envelope
// or into an SDK response model.
type answer struct {
	isSuccess *bool
	message   string
	status    int
}

// answerOf reads IsSuccess, Message and HttpStatusCode from an SDK response
// model. The SDK generates these fields with the same names and types on
// every DLI response but gives them no common interface, so they are found
// by name, as the SDK itself sets HttpStatusCode.
func answerOf(r any) answer {
	v := reflect.ValueOf(r)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return answer{}
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return answer{}
	}
	var a answer
	if f := v.FieldByName("IsSuccess"); f.IsValid() && f.CanInterface() {
		a.isSuccess, _ = f.Interface().(*bool)
	}
	if f := v.FieldByName("Message"); f.IsValid() && f.CanInterface() {
		if m, ok := f.Interface().(*string); ok && m != nil {
			a.message = *m
		}
	}
	if f := v.FieldByName("HttpStatusCode"); f.IsValid() && f.Kind() == reflect.Int {
		a.status = int(f.Int())
	}
	return a
}

// check turns an answer that arrived but reports failure into an *APIError:
// is_success false (HTTP 200 with no code), or an error status the SDK let
// through.
func (c *Client) check(op string, a answer, requestID string) error {
	if a.isSuccess != nil && !*a.isSuccess {
		return c.newAPIError(op, a.status, "", a.message, requestID, kindFromMessage(a.message))
	}
	if a.status >= http.StatusBadRequest {
		return c.newAPIError(op, a.status, "", a.message, requestID, classify(a.status, "", a.message))
	}
	return nil
}
