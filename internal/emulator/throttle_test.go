package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRateLimitPerAccessKey: beyond its bucket an access key is answered 429
// APIGW.0308 with the gateway's message and a Retry-After in whole seconds;
// another key keeps its own bucket; the bucket refills at the set rate.
func TestRateLimitPerAccessKey(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	srv.Emulator.SetRateLimit(5, 3)
	for i := range 3 {
		if r := a.call("GET", a.pools(), nil); r.status != 200 {
			t.Fatalf("request %d within the burst: %d %s", i, r.status, r.raw)
		}
	}
	r := a.call("GET", a.pools(), nil)
	if r.status != 429 || r.code() != "APIGW.0308" {
		t.Fatalf("request beyond the burst: %d %s", r.status, r.raw)
	}
	if msg, _ := r.body["error_msg"].(string); !strings.Contains(msg, "The throttling threshold has been reached") || !strings.Contains(msg, "limit:5,time:1 second") {
		t.Fatalf("message %q", msg)
	}
	if ra, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || ra < 1 {
		t.Fatalf("Retry-After %q", r.header.Get("Retry-After"))
	}
	// The token header is another caller with a bucket of its own.
	other := send(t, srv.URL, signedReq{method: "GET", path: a.pools(), mutate: func(r *http.Request) {
		r.Header.Del("Authorization")
		r.Header.Set("X-Auth-Token", "test-token")
	}})
	if other.status != 200 {
		t.Fatalf("another caller was throttled by the first one's bucket: %d %s", other.status, other.raw)
	}
	time.Sleep(250 * time.Millisecond) // 5/s: one token is back after 200 ms
	if r := a.call("GET", a.pools(), nil); r.status != 200 {
		t.Fatalf("after the refill: %d %s", r.status, r.raw)
	}
	var limited int
	for _, rec := range srv.Emulator.Requests() {
		if rec.Status == 429 && rec.ErrorCode == "APIGW.0308" {
			limited++
		}
	}
	if limited != 1 {
		t.Fatalf("request log holds %d throttled requests, want 1", limited)
	}
	srv.Emulator.SetRateLimit(0, 0)
	for range 10 {
		if r := a.call("GET", a.pools(), nil); r.status != 200 {
			t.Fatalf("without a limit: %d", r.status)
		}
	}
}

// TestDropFault: a Drop fault closes the connection without an answer,
// before the request is handled or, with AfterApply, after it took effect;
// the request log marks it dropped.
func TestDropFault(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	e := srv.Emulator
	e.AddFault(Fault{Method: "POST", PathRegexp: "/elastic-resource-pools$", Drop: true, Count: 1})
	body := map[string]any{"elastic_resource_pool_name": "dropped_before", "max_cu": 64, "min_cu": 64}
	if _, err := trySend(srv.URL, signedReq{method: "POST", path: a.pools(), body: body}); err == nil {
		t.Fatal("a dropped request got an answer")
	}
	if r := a.call("GET", a.pools(), nil, "name", "dropped_before"); num(r.body["count"]) != 0 {
		t.Fatalf("a request dropped before handling was applied: %s", r.raw)
	}
	e.AddFault(Fault{Method: "POST", PathRegexp: "/elastic-resource-pools$", Drop: true, AfterApply: true, Count: 1})
	body["elastic_resource_pool_name"] = "dropped_after"
	if _, err := trySend(srv.URL, signedReq{method: "POST", path: a.pools(), body: body}); err == nil {
		t.Fatal("a dropped request got an answer")
	}
	if r := a.call("GET", a.pools(), nil, "name", "dropped_after"); num(r.body["count"]) != 1 {
		t.Fatalf("a request dropped after handling was not applied: %s", r.raw)
	}
	dropped := 0
	for _, rec := range e.Requests() {
		if rec.Dropped {
			if rec.Status != 0 {
				t.Fatalf("dropped request logged with status %d", rec.Status)
			}
			dropped++
		}
	}
	if dropped != 2 {
		t.Fatalf("%d requests logged as dropped, want 2", dropped)
	}
}
