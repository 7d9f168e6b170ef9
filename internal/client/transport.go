package client

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// callHeader carries a per-call id from invoke to the transport so the
// transport can attach the caller's context (the SDK's Sync takes none) and
// log with it. The underscore keeps the SDK signer from signing it (it skips
// header names with "_"), so the transport may drop it before the request
// leaves the process.
const callHeader = "X-Dli_Client_Call"

// callTransport is the http.RoundTripper under the SDK client. It makes SDK
// requests cancellable through the caller's context and logs every exchange
// at DEBUG: method, path, status, request id and duration, never headers.
type callTransport struct {
	next http.RoundTripper
	// throttle paces every request that passes (throttle.go); nil: none.
	throttle *throttle
	seq      atomic.Uint64
	calls    sync.Map // call id -> context.Context
}

func newCallTransport(insecure bool) *callTransport {
	// A fresh transport with the standard library's defaults; cloning
	// http.DefaultTransport would need a type assertion on a global others may replace.
	base := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	base.TLSClientConfig = &tls.Config{InsecureSkipVerify: insecure} //nolint:gosec // only when the user asks for it
	return &callTransport{next: base}
}

// callRecord is one registered attempt: the caller's context, and the
// X-Request-Id of the answer once one arrives (SDK response models do not
// carry it, but errors built from is_success:false answers should).
type callRecord struct {
	id        string
	ctx       context.Context
	reqID     atomic.Pointer[string]
	transport *callTransport
}

// register binds ctx to a fresh call id; release must be called afterwards.
func (t *callTransport) register(ctx context.Context) *callRecord {
	rec := &callRecord{id: strconv.FormatUint(t.seq.Add(1), 10), ctx: ctx, transport: t}
	t.calls.Store(rec.id, rec)
	return rec
}

// release forgets the call.
func (r *callRecord) release() { r.transport.calls.Delete(r.id) }

// requestID is the X-Request-Id of the last answer of this call, if any.
func (r *callRecord) requestID() string {
	if p := r.reqID.Load(); p != nil {
		return *p
	}
	return ""
}

// RoundTrip implements http.RoundTripper.
func (t *callTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	var rec *callRecord
	if id := req.Header.Get(callHeader); id != "" {
		if v, ok := t.calls.Load(id); ok {
			rec, _ = v.(*callRecord)
		}
		if rec != nil {
			ctx = rec.ctx
		}
		req = req.Clone(ctx)
		req.Header.Del(callHeader)
	}
	if t.throttle != nil {
		if err := t.throttle.wait(ctx); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields := map[string]any{
		"method":      req.Method,
		"path":        req.URL.Path,
		"duration_ms": time.Since(start).Milliseconds(),
	}
	if err != nil {
		fields["error"] = err.Error()
		tflog.Debug(ctx, "DLI API call failed without a response", fields)
		return nil, err
	}
	if t.throttle != nil {
		t.throttle.observe(ctx, resp)
	}
	fields["status"] = resp.StatusCode
	requestID := resp.Header.Get("X-Request-Id")
	fields["request_id"] = requestID
	if rec != nil {
		rec.reqID.Store(&requestID)
	}
	tflog.Debug(ctx, "DLI API call", fields)
	return resp, nil
}
