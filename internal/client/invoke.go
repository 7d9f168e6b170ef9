package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/exchange"
)

// param is one path or query parameter.
type param struct{ key, value string }

// call describes one API operation.
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
	// create: a retried call meeting AlreadyExists is marked ErrCreateMayHaveSucceeded.
	create bool
	// delete: a retried call meeting NotFound succeeded on an earlier attempt.
	delete bool
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

// do runs a call against the DLI endpoint.
func (c *Client) do(ctx context.Context, cl call, out response) error {
	return c.invoke(ctx, c.hc, cl, out)
}

// invoke sends a call through an SDK client with the retry policy of retry.go
// and turns every failure into an *APIError (or the context's error).
func (c *Client) invoke(ctx context.Context, hc *core.HcHttpClient, cl call, out response) error {
	if out == nil {
		out = &envelope{}
	}
	var uncertain bool // an earlier attempt may have been applied
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%s: %w", cl.op, err)
		}
		err := c.attempt(ctx, hc, cl, out)
		if err == nil {
			return nil
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			return err
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
		retry, applied := c.retryable(cl, apiErr)
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
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("%s: %w (last error: %s)", cl.op, ctx.Err(), apiErr.Error())
		case <-timer.C:
		}
	}
}

// attempt sends one request.
func (c *Client) attempt(ctx context.Context, hc *core.HcHttpClient, cl call, out response) error {
	req, reqDef, err := cl.build(out)
	if err != nil {
		return err
	}
	id, release := c.transport.register(ctx)
	defer release()
	exch := &exchange.SdkExchange{ApiReference: &exchange.ApiReference{}, Attributes: map[string]any{}}
	_, err = hc.SyncInvokeWithExtraHeaders(req, reqDef, exch, map[string]string{callHeader: id})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s: %w", cl.op, ctxErr)
		}
		return c.fromSDKError(cl.op, err)
	}
	env := out.env()
	if env.IsSuccess != nil && !*env.IsSuccess {
		return c.newAPIError(cl.op, env.HttpStatusCode, "", env.Message, env.requestID(), kindFromMessage(env.Message))
	}
	if env.HttpStatusCode >= http.StatusBadRequest {
		return c.newAPIError(cl.op, env.HttpStatusCode, "", env.Message, env.requestID(), classify(env.HttpStatusCode, "", env.Message))
	}
	return nil
}
