package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

const (
	testAK    = "AKTESTACCESSKEY"
	testSK    = "sk-very-secret-value-123"
	testToken = "token-very-secret-value-456"
	testPID   = "0123456789abcdef0123456789abcdef"
)

// seen is one request as the fake server received it.
type seen struct {
	Method string
	Path   string
	Query  map[string]string
	Body   map[string]any
	Raw    string
	Header http.Header
}

// fakeDLI is an httptest server answering like DLI through a handler the test
// supplies; it records every request.
type fakeDLI struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newFakeDLI(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *fakeDLI {
	t.Helper()
	f := &fakeDLI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		s := seen{Method: r.Method, Path: r.URL.Path, Query: map[string]string{}, Raw: string(raw), Header: r.Header.Clone()}
		for k, v := range r.URL.Query() {
			s.Query[k] = v[0]
		}
		if len(raw) > 0 {
			_ = json.Unmarshal(raw, &s.Body)
		}
		f.mu.Lock()
		f.reqs = append(f.reqs, s)
		n := len(f.reqs)
		f.mu.Unlock()
		w.Header().Set("X-Request-Id", "req-"+itoa(n))
		h(w, r, n)
	}))
	t.Cleanup(f.Close)
	return f
}

func itoa(n int) string {
	return string(rune('0'+n/100%10)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

func (f *fakeDLI) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

func (f *fakeDLI) last(t *testing.T) seen {
	t.Helper()
	r := f.requests()
	if len(r) == 0 {
		t.Fatal("no request reached the server")
	}
	return r[len(r)-1]
}

// reply writes a JSON answer.
func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func newTestClient(t *testing.T, f *fakeDLI, retries int) *Client {
	t.Helper()
	c, err := New(context.Background(), Config{
		Region: "cn-north-4", AccessKey: testAK, SecretKey: testSK, SecurityToken: testToken,
		ProjectID: testPID, Endpoint: f.URL, MaxRetries: retries, UserAgent: "terraform-provider-dli/test",
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c.backoff = backoff{base: time.Millisecond, cap: 4 * time.Millisecond}
	c.busyBackoff = backoff{base: time.Millisecond, cap: 4 * time.Millisecond}
	return c
}

// jsonEqual compares a decoded request body with the expected JSON text.
func jsonEqual(t *testing.T, got map[string]any, want string) {
	t.Helper()
	var w map[string]any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expected JSON: %v", err)
	}
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(w)
	if string(g) != string(e) {
		t.Errorf("body\n got  %s\n want %s", g, e)
	}
}
