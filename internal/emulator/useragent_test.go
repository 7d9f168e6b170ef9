package emulator

import (
	"strings"
	"testing"
)

// TestRequestLogUserAgent: the log keeps each request's User-Agent, so that
// tests can check how the provider identifies itself, and no other header:
// the signature that came with the same request stays out of it.
func TestRequestLogUserAgent(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	const ua = "huaweicloud-usdk-go/3.0; terraform-provider-dli/1.2.3"
	r := send(t, srv.URL, signedReq{method: "GET", path: "/v3/" + srv.Emulator.ProjectID() + "/elastic-resource-pools",
		headers: map[string]string{"User-Agent": ua}})
	if r.status != 200 {
		t.Fatalf("list: %d %s", r.status, r.raw)
	}
	recs := srv.Emulator.Requests()
	if len(recs) != 1 {
		t.Fatalf("log: %+v", recs)
	}
	if recs[0].UserAgent != ua {
		t.Fatalf("logged User-Agent %q, want %q", recs[0].UserAgent, ua)
	}
	if s := strings.ToLower(recs[0].UserAgent + recs[0].Query + recs[0].Path); strings.Contains(s, "signature") ||
		strings.Contains(s, "sdk-hmac") {
		t.Fatalf("the log holds signing data: %+v", recs[0])
	}
}
