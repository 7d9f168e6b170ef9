package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestRequestLogIsBounded: the log keeps the latest RequestLogLimit records,
// oldest first, however many requests arrive.
func TestRequestLogIsBounded(t *testing.T) {
	e, err := New(Config{AccessKey: testAK, SecretKey: testSK, RequestLogLimit: 3})
	if err != nil {
		t.Fatal(err)
	}
	path := "/v1.0/" + e.ProjectID() + "/queues"
	for i := 0; i < 7; i++ {
		serveSigned(t, e, "GET", path, fmt.Sprintf("queue_type=all&n=%d", i), nil)
	}
	recs := e.Requests()
	if len(recs) != 3 {
		t.Fatalf("the log holds %d records, want 3", len(recs))
	}
	for i, r := range recs {
		if want := fmt.Sprintf("queue_type=all&n=%d", 4+i); r.Query != want {
			t.Fatalf("record %d has query %q, want %q", i, r.Query, want)
		}
	}
	e.ResetRequests()
	serveSigned(t, e, "GET", path, "n=last", nil)
	if recs := e.Requests(); len(recs) != 1 || recs[0].Query != "n=last" {
		t.Fatalf("after a reset: %+v", recs)
	}
	d, err := New(Config{AccessKey: testAK, SecretKey: testSK})
	if err != nil {
		t.Fatal(err)
	}
	if d.log.limit != DefaultRequestLogLimit {
		t.Fatalf("default limit %d", d.log.limit)
	}
}

// TestAdminLoopbackOnly: the unsigned admin API answers loopback peers only,
// unless AdminFromAnyHost allows others.
func TestAdminLoopbackOnly(t *testing.T) {
	strict, err := New(Config{AccessKey: testAK, SecretKey: testSK})
	if err != nil {
		t.Fatal(err)
	}
	open, err := New(Config{AccessKey: testAK, SecretKey: testSK, AdminFromAnyHost: true})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		e      *Emulator
		remote string
		want   int
	}{
		{strict, "127.0.0.1:4000", http.StatusOK},
		{strict, "[::1]:4000", http.StatusOK},
		{strict, "192.0.2.1:4000", http.StatusForbidden},
		{strict, "[2001:db8::1]:4000", http.StatusForbidden},
		{open, "192.0.2.1:4000", http.StatusOK},
	}
	for _, c := range cases {
		for _, target := range []string{"/_emulator/health", "/_emulator/requests"} {
			r := httptest.NewRequest("GET", "http://emulator"+target, nil)
			r.RemoteAddr = c.remote
			rec := httptest.NewRecorder()
			c.e.ServeHTTP(rec, r)
			if rec.Code != c.want {
				t.Errorf("GET %s from %s (any host %v): %d %s, want %d", target, c.remote, c.e.cfg.AdminFromAnyHost, rec.Code, rec.Body, c.want)
			}
		}
	}
	r := httptest.NewRequest("DELETE", "http://emulator/_emulator/faults", nil)
	r.RemoteAddr = "192.0.2.1:4000"
	strict.AddFault(Fault{Status: 503})
	strict.ServeHTTP(httptest.NewRecorder(), r)
	if strict.matchFaultCount() != 1 {
		t.Fatal("a refused admin call changed the faults")
	}
}

func (e *Emulator) matchFaultCount() int {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	return len(e.faults.list)
}
