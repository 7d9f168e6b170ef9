package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
)

const (
	testAK = "EMULATORTESTAK0000001"
	testSK = "emulator-test-secret-key-0000000000000001"
)

// fakeClock starts at the real time so SDK signatures stay within the skew.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Now()} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// startTest starts an emulator with a fake clock and the given delays.
func startTest(t *testing.T, d Delays) (*Server, *fakeClock) {
	t.Helper()
	clk := newFakeClock()
	srv, err := Start(Config{AccessKey: testAK, SecretKey: testSK, Delays: d, Now: clk.Now, Token: "test-token"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv, clk
}

// signedReq describes one request signed with the SDK's own signer.
type signedReq struct {
	method, path string
	query        map[string]string
	body         any // string: sent verbatim; otherwise JSON-encoded by the SDK
	headers      map[string]string
	ak, sk       string
	mutate       func(*http.Request) // tamper after signing
}

type reply struct {
	status int
	raw    []byte
	body   map[string]any
	header http.Header
}

func (r reply) code() string { s, _ := r.body["error_code"].(string); return s }

func send(t *testing.T, base string, sr signedReq) reply {
	t.Helper()
	r, err := trySend(base, sr)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// trySend is send reporting failures to the caller instead of the test, for
// goroutines, which must not call t.Fatal.
func trySend(base string, sr signedReq) (reply, error) {
	b := request.NewHttpRequestBuilder().WithEndpoint(base).WithPath(sr.path).WithMethod(sr.method).
		AddHeaderParam("Content-Type", "application/json;charset=UTF-8")
	for k, v := range sr.query {
		b.AddQueryParam(k, reflect.ValueOf(v))
	}
	for k, v := range sr.headers {
		b.AddHeaderParam(k, v)
	}
	if sr.body != nil {
		b.WithBody("application/json", sr.body)
	}
	req := b.Build()
	ak, sk := sr.ak, sr.sk
	if ak == "" {
		ak, sk = testAK, testSK
	}
	extra, err := signer.Sign(req, ak, sk)
	if err != nil {
		return reply{}, err
	}
	for k, v := range extra {
		req.AddHeaderParam(k, v)
	}
	hr, err := req.ConvertRequest()
	if err != nil {
		return reply{}, err
	}
	if sr.mutate != nil {
		sr.mutate(hr)
	}
	return tryDo(hr)
}

func do(t *testing.T, hr *http.Request) reply {
	t.Helper()
	r, err := tryDo(hr)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func tryDo(hr *http.Request) (reply, error) {
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := reply{status: resp.StatusCode, raw: raw, header: resp.Header}
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &out.body)
	}
	return out, nil
}

// api is a small signed client for one emulator.
type api struct {
	t   *testing.T
	srv *Server
}

func (a api) pid() string { return a.srv.Emulator.ProjectID() }

func (a api) call(method, path string, body any, query ...string) reply {
	a.t.Helper()
	q := map[string]string{}
	for i := 0; i+1 < len(query); i += 2 {
		q[query[i]] = query[i+1]
	}
	return send(a.t, a.srv.URL, signedReq{method: method, path: path, body: body, query: q})
}

// goCall is call for worker goroutines: a request that cannot be sent is
// reported with t.Errorf (never t.Fatal, which must not run outside the test
// goroutine) and gives a zero reply.
func (a api) goCall(method, path string, body any, query ...string) reply {
	q := map[string]string{}
	for i := 0; i+1 < len(query); i += 2 {
		q[query[i]] = query[i+1]
	}
	r, err := trySend(a.srv.URL, signedReq{method: method, path: path, body: body, query: q})
	if err != nil {
		a.t.Errorf("%s %s: %v", method, path, err)
	}
	return r
}

func (a api) must(method, path string, body any, query ...string) reply {
	a.t.Helper()
	r := a.call(method, path, body, query...)
	if r.status >= 300 {
		a.t.Fatalf("%s %s: status %d body %s", method, path, r.status, r.raw)
	}
	return r
}

func (a api) fail(wantStatus int, wantCode, method, path string, body any) reply {
	a.t.Helper()
	r := a.call(method, path, body)
	if r.status != wantStatus || r.code() != wantCode {
		a.t.Fatalf("%s %s %v: got %d %s, want %d %s", method, path, body, r.status, r.raw, wantStatus, wantCode)
	}
	return r
}

func (a api) pools() string  { return "/v3/" + a.pid() + "/elastic-resource-pools" }
func (a api) queues() string { return "/v1.0/" + a.pid() + "/queues" }
func (a api) conns() string  { return "/v2.0/" + a.pid() + "/datasource/enhanced-connections" }

// createPool creates a standard pool with the smallest min_cu (64).
func (a api) createPool(name string, maxCU int) {
	a.t.Helper()
	a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": name, "min_cu": 64, "max_cu": maxCU})
}

// poolByName lists with the fuzzy filter and picks the exact match.
func (a api) poolByName(name string) map[string]any {
	a.t.Helper()
	r := a.must("GET", a.pools(), nil, "name", name)
	list, _ := r.body["elastic_resource_pools"].([]any)
	for _, it := range list {
		m := it.(map[string]any)
		if m["elastic_resource_pool_name"] == name {
			return m
		}
	}
	return nil
}

func num(v any) int { f, _ := v.(float64); return int(f) }
