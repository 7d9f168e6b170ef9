package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// recordingWriter remembers the status and error code for the request log.
type recordingWriter struct {
	http.ResponseWriter
	status int
	code   string
}

func (w *recordingWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// call is one authenticated API request on its way through a handler.
type call struct {
	r     *http.Request
	body  []byte
	query url.Values
	now   time.Time
	args  []string // path parameters in order
}

// handler answers a call with the state lock held.
type handler func(e *Emulator, c *call) (int, any, *apiError)

// ServeHTTP answers API requests (signed) and admin requests under /_emulator/.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		e.serveAdmin(w, r)
		return
	}
	if isMetadataPath(r.URL.Path) {
		e.serveMetadata(w, r)
		return
	}
	start := time.Now()
	rw := &recordingWriter{ResponseWriter: w, status: http.StatusOK}
	var bodyKeys []string
	dropped, recorded := false, false
	record := func() {
		recorded = true
		status := rw.status
		if dropped {
			status = 0
		}
		e.record(RequestRecord{
			Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, UserAgent: r.UserAgent(),
			Status: status, ErrorCode: rw.code, Time: start, Duration: time.Since(start), BodyKeys: bodyKeys,
			Dropped: dropped, AccessKey: signerOf(r),
		})
	}
	// drop closes the connection without an answer. The request is logged
	// first: a client that sees the connection end may read the log at once.
	drop := func() bool {
		conn := hijack(w)
		if conn == nil {
			return false
		}
		dropped = true
		record()
		_ = conn.Close()
		return true
	}
	defer func() {
		if p := recover(); p != nil {
			writeError(rw, errf(http.StatusInternalServerError, "DLI.0999", "internal emulator error"))
		}
		if !recorded {
			record()
		}
	}()
	if wait, limited := e.throttle(r); limited {
		// The gateway refuses before anything else: no signature check, no fault, no handler.
		rw.Header().Set("Retry-After", retryAfterSeconds(wait))
		writeError(rw, errf(http.StatusTooManyRequests, "APIGW.0308", throttleMessage, e.rateLimitText()))
		return
	}
	f, hit := e.matchFault(r.Method, r.URL.Path)
	if hit {
		if f.Latency > 0 {
			t := time.NewTimer(f.Latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
			}
		}
		if f.Drop && !f.AfterApply && drop() {
			return
		}
		if f.Status != 0 && !f.AfterApply {
			writeError(rw, f.failure())
			return
		}
	}
	body, err := readBody(r)
	if err != nil {
		writeError(rw, err)
		return
	}
	bodyKeys = topLevelKeys(body)
	if err := e.authenticate(r, body); err != nil {
		writeError(rw, err)
		return
	}
	h, args, err := e.route(r)
	if err != nil {
		writeError(rw, err)
		return
	}
	status, resp, err := e.run(h, &call{r: r, body: body, query: r.URL.Query(), args: args})
	if hit && f.Drop && f.AfterApply && drop() {
		return
	}
	if hit && f.Status != 0 && f.AfterApply {
		writeError(rw, f.failure())
		return
	}
	if err != nil {
		writeError(rw, err)
		return
	}
	e.mu.Lock()
	sc := e.statusCase
	e.mu.Unlock()
	if sc != StatusUpper {
		resp = sc.respell(resp)
	}
	writeJSON(rw, status, resp)
}

// hijack takes the client's connection over, so that it can be closed
// without an answer and the client sees the connection end mid-request. It
// returns nil when the connection cannot be taken over (HTTP/2), and the
// caller answers normally then.
func hijack(w http.ResponseWriter) net.Conn {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return nil
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return nil
	}
	return conn
}

// failure is the error answer of an injected fault.
func (f Fault) failure() *apiError {
	code, msg := f.Code, f.Message
	if code == "" {
		code = "DLI.0999"
	}
	if msg == "" {
		msg = "injected fault"
	}
	return errf(f.Status, code, "%s", msg)
}

// run executes h under the state lock and saves the state after a mutation.
func (e *Emulator) run(h handler, c *call) (int, any, *apiError) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c.now = e.now()
	swept := e.sweep(c.now)
	status, resp, err := h(e, c)
	if swept || (err == nil && c.r.Method != http.MethodGet) {
		if serr := e.save(); serr != nil {
			return 0, nil, errf(http.StatusInternalServerError, "DLI.0999", "saving emulator state failed")
		}
	}
	return status, resp, err
}

// topLevelKeys lists the field names of a JSON object body, sorted; nil for
// anything else. Only names are kept: values never reach the request log.
func topLevelKeys(body []byte) []string {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil || len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func readBody(r *http.Request) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, invalid("the request body could not be read")
	}
	if len(data) > maxBodyBytes {
		return nil, invalid("the request body is larger than 1 MiB")
	}
	return data, nil
}

// decode parses a JSON object body into v; unknown fields are ignored.
func decode(body []byte, v any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		return invalid("the request body is empty")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return invalid("parameter %s has the wrong type: got %s, want %s", te.Field, te.Value, te.Type)
		}
		return invalid("invalid request body: %s", err.Error())
	}
	return nil
}
