package scenarios_test

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
	providerpkg "github.com/opendli/terraform-provider-dli/internal/provider"
)

// credentialHeaders are the request headers whose values are secrets.
var credentialHeaders = []string{"Authorization", "X-Auth-Token", "X-Security-Token"}

// headerTap records the credential header values of every request before the
// emulator answers it, and how many requests carried each X-Security-Token.
type headerTap struct {
	next      http.Handler
	mu        sync.Mutex
	values    map[string]bool
	secTokens map[string]int
}

func (h *headerTap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.secTokens[r.Header.Get("X-Security-Token")]++
	for _, name := range credentialHeaders {
		if v := r.Header.Get(name); v != "" {
			h.values[v] = true
			// The signature alone is a secret too.
			if i := strings.LastIndex(v, "Signature="); i >= 0 {
				h.values[v[i+len("Signature="):]] = true
			}
		}
	}
	h.mu.Unlock()
	h.next.ServeHTTP(w, r)
}

// requestsWithSecurityToken counts the requests whose X-Security-Token was v.
func (h *headerTap) requestsWithSecurityToken(v string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.secTokens[v]
}

func (h *headerTap) seen() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]string, 0, len(h.values))
	for v := range h.values {
		out = append(out, v)
	}
	return out
}

// TestAccScenario_secretsNeverLogged applies and destroys a pool, a queue and
// a connection with temporary credentials (security token) and TF_LOG=TRACE,
// then searches Terraform's and the provider's whole log and the state for the
// secret key, the token and every Authorization / X-Security-Token value the
// API received. A failing request is included so that error paths are logged
// too.
func TestAccScenario_secretsNeverLogged(t *testing.T) {
	acctest.PreCheck(t)
	if acctest.RealCloud() {
		t.Skip("needs the DLI emulator")
	}
	_ = acctest.New(t) // short polling
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)

	b := make([]byte, 24)
	_, _ = rand.Read(b)
	secret, token := "SK"+hex.EncodeToString(b[:12]), "TOKEN"+hex.EncodeToString(b[12:])
	// Temporary credentials: the emulator refuses any signed request whose
	// signed X-Security-Token is not the token.
	e, err := emulator.New(emulator.Config{AccessKey: "AKSECRETSCENARIO", SecretKey: secret, SecurityToken: token,
		Region: "cn-north-4", Delays: acctest.FastDelays})
	if err != nil {
		t.Fatal(err)
	}
	tap := &headerTap{next: e, values: map[string]bool{}, secTokens: map[string]int{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: tap} //nolint:gosec // test server on loopback
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	env := &acctest.Env{Emulator: e, URL: "http://" + ln.Addr().String(), Region: "cn-north-4",
		AccessKey: "AKSECRETSCENARIO", SecretKey: secret, ProjectID: e.ProjectID()}
	// The keys come from the environment, as in CI: a literal in the
	// configuration would be logged by the test framework itself.
	t.Setenv(providerpkg.EnvSecretKey, secret)
	t.Setenv(providerpkg.EnvSecurityToken, token)
	var kept []string
	for _, l := range strings.Split(env.ProviderBlock(), "\n") {
		if !strings.Contains(l, "secret_key") {
			kept = append(kept, l)
		}
	}
	provider := strings.Join(kept, "\n")
	s := newStack("sc_secrets")

	stateHasNoSecret := func(st *terraform.State) error {
		raw, err := json.Marshal(st)
		if err != nil {
			return err
		}
		for _, v := range append(tap.seen(), secret, token) {
			if strings.Contains(string(raw), v) {
				return fmt.Errorf("the state holds a credential value (%d characters)", len(v))
			}
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: provider + s.hcl(128, 16), Check: stateHasNoSecret},
			{
				// An error path: the API refuses an update.
				PreConfig: func() {
					e.AddFault(emulator.Fault{Method: "PUT", PathRegexp: poolRe, Status: 400, Code: "DLI.0001", Message: "refused", Count: 1})
				},
				Config:      provider + s.hcl(192, 16),
				ExpectError: acctest.Words("refused"),
			},
		},
	})

	// The provider really sent the token, on every request, so that the log
	// search below covers it.
	if n := tap.requestsWithSecurityToken(token); n == 0 {
		t.Fatal("no request carried the security token")
	}
	if n := tap.requestsWithSecurityToken(""); n > 0 {
		t.Errorf("%d requests had no X-Security-Token", n)
	}
	for _, r := range e.Requests() {
		if r.Status == http.StatusUnauthorized {
			t.Errorf("%s %s was refused: %s", r.Method, r.Path, r.ErrorCode)
		}
	}

	logged, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	// The log must really hold the provider's and the API traffic's trace,
	// or the search below proves nothing.
	for _, must := range []string{"DLI API call", "elastic-resource-pools", "ConfigureProvider"} {
		if !strings.Contains(string(logged), must) {
			t.Fatalf("the trace log (%d bytes) lacks %q: provider logging was not captured", len(logged), must)
		}
	}
	values := append(tap.seen(), secret, token)
	if len(values) < 10 {
		t.Fatalf("only %d credential values captured", len(values))
	}
	for _, v := range values {
		if i := strings.Index(string(logged), v); i >= 0 {
			if os.Getenv("SCENARIO_SHOW_LEAK") != "" {
				t.Logf("context: %q", string(logged[max(0, i-300):i]))
			}
			t.Errorf("the trace log contains a credential value (%d characters, starts %q)", len(v), v[:6])
		}
	}
	t.Logf("searched %d bytes of TRACE log for %d credential values", len(logged), len(values))
}
