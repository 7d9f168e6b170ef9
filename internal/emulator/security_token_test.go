package emulator

import (
	"net/http"
	"strings"
	"testing"
)

// TestSecurityToken: with temporary credentials configured, a signed request
// passes only with the token, signed, in X-Security-Token; refusals never
// echo the token.
func TestSecurityToken(t *testing.T) {
	const token = "TEMPTOKEN-0123456789abcdef"
	srv, err := Start(Config{AccessKey: testAK, SecretKey: testSK, SecurityToken: token})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	path := "/v1.0/" + srv.Emulator.ProjectID() + "/queues"
	withToken := map[string]string{"X-Security-Token": token}

	if r := send(t, srv.URL, signedReq{method: "GET", path: path, headers: withToken}); r.status != http.StatusOK {
		t.Fatalf("signed request with the token: %d %s", r.status, r.raw)
	}
	refused := map[string]signedReq{
		"missing": {method: "GET", path: path},
		"wrong":   {method: "GET", path: path, headers: map[string]string{"X-Security-Token": token + "x"}},
		"unsigned": {method: "GET", path: path,
			mutate: func(r *http.Request) { r.Header.Set("X-Security-Token", token) }},
		"swapped after signing": {method: "GET", path: path, headers: map[string]string{"X-Security-Token": "other"},
			mutate: func(r *http.Request) { r.Header.Set("X-Security-Token", token) }},
	}
	for name, sr := range refused {
		t.Run(name, func(t *testing.T) {
			r := send(t, srv.URL, sr)
			if r.status != http.StatusUnauthorized || r.code() != "APIGW.0301" {
				t.Fatalf("got %d %s, want 401 APIGW.0301", r.status, r.raw)
			}
			if strings.Contains(string(r.raw), token) {
				t.Fatalf("the refusal echoes the token: %s", r.raw)
			}
		})
	}
}

// TestNoSecurityTokenConfigured: without temporary credentials the header is
// not required, so long-term keys keep working.
func TestNoSecurityTokenConfigured(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	if r := send(t, srv.URL, signedReq{method: "GET", path: "/v1.0/" + srv.Emulator.ProjectID() + "/queues"}); r.status != http.StatusOK {
		t.Fatalf("got %d %s", r.status, r.raw)
	}
}
