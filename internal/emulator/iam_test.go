package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

const securityTokensPath = "/v3.0/OS-CREDENTIAL/securitytokens"

func assumeBody(domain, agency string, seconds int) map[string]any {
	ar := map[string]any{"agency_name": agency, "domain_name": domain}
	if seconds > 0 {
		ar["duration_seconds"] = seconds
	}
	return map[string]any{"auth": map[string]any{"identity": map[string]any{
		"methods": []string{"assume_role"}, "assume_role": ar,
	}}}
}

// temporaryFrom reads the "credential" object of an answer.
func temporaryFrom(t *testing.T, r reply) (ak, sk, token, expires string) {
	t.Helper()
	c, _ := r.body["credential"].(map[string]any)
	ak, _ = c["access"].(string)
	sk, _ = c["secret"].(string)
	token, _ = c["securitytoken"].(string)
	expires, _ = c["expires_at"].(string)
	if ak == "" || sk == "" || token == "" || expires == "" {
		t.Fatalf("incomplete credential: %s", r.raw)
	}
	return ak, sk, token, expires
}

func TestAssumeRoleIssuesKeysThatSignUntilTheyExpire(t *testing.T) {
	srv, clk := startTest(t, Delays{})
	srv.Emulator.AddAgency("partner", "dli_ops")
	a := api{t: t, srv: srv}
	r := a.call(http.MethodPost, securityTokensPath, assumeBody("partner", "dli_ops", 0))
	if r.status != http.StatusCreated {
		t.Fatalf("assume: %d %s", r.status, r.raw)
	}
	ak, sk, token, expires := temporaryFrom(t, r)
	exp, err := time.Parse(time.RFC3339Nano, expires)
	if err != nil || !about(exp.Sub(clk.Now()), 15*time.Minute) {
		t.Fatalf("want the 15-minute default, got expires_at %s (%v)", expires, err)
	}
	list := func(hdr map[string]string) reply {
		return send(t, srv.URL, signedReq{method: http.MethodGet, path: a.pools(), ak: ak, sk: sk, headers: hdr})
	}
	if r := list(map[string]string{"X-Security-Token": token}); r.status != http.StatusOK {
		t.Fatalf("temporary keys with their token: %d %s", r.status, r.raw)
	}
	if r := list(nil); r.status != http.StatusUnauthorized || !strings.Contains(string(r.raw), "X-Security-Token") {
		t.Fatalf("temporary keys without the token: want 401 naming the header, got %d %s", r.status, r.raw)
	}
	if r := list(map[string]string{"X-Security-Token": "other"}); r.status != http.StatusUnauthorized {
		t.Fatalf("temporary keys with another token: want 401, got %d", r.status)
	}
	clk.Advance(15 * time.Minute)
	r = list(map[string]string{"X-Security-Token": token})
	if r.status != http.StatusUnauthorized || !strings.Contains(string(r.raw), "expired") {
		t.Fatalf("expired keys: want 401 expired, got %d %s", r.status, r.raw)
	}
	if strings.Contains(string(r.raw), sk) || strings.Contains(string(r.raw), token) {
		t.Fatalf("the error echoes a secret: %s", r.raw)
	}
	roles := srv.Emulator.AssumedRoles()
	if len(roles) != 1 || roles[0].CallerAccessKey != testAK || roles[0].AccessKey != ak || roles[0].AgencyName != "dli_ops" {
		t.Fatalf("assumption not recorded: %+v", roles)
	}
}

func TestAssumeRoleRefusals(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	srv.Emulator.AddAgency("partner", "dli_ops")
	a := api{t: t, srv: srv}
	for name, tc := range map[string]struct {
		body   any
		status int
	}{
		"unknown agency":     {assumeBody("partner", "other", 0), http.StatusForbidden},
		"other domain":       {assumeBody("elsewhere", "dli_ops", 0), http.StatusForbidden},
		"no domain":          {assumeBody("", "dli_ops", 0), http.StatusBadRequest},
		"duration too short": {assumeBody("partner", "dli_ops", 899), http.StatusBadRequest},
		"duration too long":  {assumeBody("partner", "dli_ops", 86401), http.StatusBadRequest},
		"wrong method":       {map[string]any{"auth": map[string]any{"identity": map[string]any{"methods": []string{"token"}}}}, http.StatusBadRequest},
	} {
		if r := a.call(http.MethodPost, securityTokensPath, tc.body); r.status != tc.status {
			t.Errorf("%s: want %d, got %d %s", name, tc.status, r.status, r.raw)
		}
	}
	if r := a.call(http.MethodPost, securityTokensPath, assumeBody("partner", "dli_ops", 86400)); r.status != http.StatusCreated {
		t.Errorf("24h: want 201, got %d %s", r.status, r.raw)
	}
	// Unsigned: refused like any API call.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+securityTokensPath, strings.NewReader(`{}`))
	if r := do(t, req); r.status != http.StatusUnauthorized {
		t.Errorf("unsigned: want 401, got %d", r.status)
	}
}

func TestMetadataSecurityKey(t *testing.T) {
	srv, clk := startTest(t, Delays{})
	get := func(token string) reply {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+metadataSecurityKeyPath, nil)
		if token != "" {
			req.Header.Set(metadataTokenHeader, token)
		}
		return do(t, req)
	}
	if r := get(""); r.status != http.StatusUnauthorized || !strings.Contains(string(r.raw), metadataNoAgency) {
		t.Fatalf("no agency: want 401 %q, got %d %s", metadataNoAgency, r.status, r.raw)
	}
	srv.Emulator.SetMetadataAgency("ecs_dli")
	srv.Emulator.SetMetadataKeyTTL(time.Hour)
	put, _ := http.NewRequest(http.MethodPut, srv.URL+metadataTokenPath, nil)
	tr := do(t, put)
	if tr.status != http.StatusOK || len(tr.raw) == 0 {
		t.Fatalf("session token: %d %s", tr.status, tr.raw)
	}
	if r := get("not-the-token"); r.status != http.StatusUnauthorized {
		t.Fatalf("wrong session token: want 401, got %d", r.status)
	}
	for _, tok := range []string{string(tr.raw), ""} {
		r := get(tok)
		if r.status != http.StatusOK {
			t.Fatalf("token %q: %d %s", tok, r.status, r.raw)
		}
		ak, sk, token, expires := temporaryFrom(t, r)
		if exp, _ := time.Parse(time.RFC3339Nano, expires); !about(exp.Sub(clk.Now()), time.Hour) {
			t.Fatalf("want keys for the set TTL, got %s", expires)
		}
		a := api{t: t, srv: srv}
		lr := send(t, srv.URL, signedReq{method: http.MethodGet, path: a.pools(), ak: ak, sk: sk,
			headers: map[string]string{"X-Security-Token": token}})
		if lr.status != http.StatusOK {
			t.Fatalf("metadata keys do not sign: %d %s", lr.status, lr.raw)
		}
	}
}

func TestRequestLogNamesTheSigningKey(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t: t, srv: srv}
	a.must(http.MethodGet, a.pools(), nil)
	recs := srv.Emulator.Requests()
	if len(recs) == 0 || recs[len(recs)-1].AccessKey != testAK {
		t.Fatalf("want the access key in the record, got %+v", recs)
	}
}

// about compares durations to the microsecond that expires_at carries.
func about(got, want time.Duration) bool {
	d := got - want
	return d > -time.Millisecond && d < time.Millisecond
}
