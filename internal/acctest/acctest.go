package acctest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
	"github.com/opendli/terraform-provider-dli/internal/provider"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// ProviderFactories serves the provider in-process to the Terraform CLI that
// terraform-plugin-testing drives.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dli": providerserver.NewProtocol6WithError(provider.New("acctest")()),
}

// FastDelays are the emulator's async delays in acceptance tests: long enough
// that every wait really polls more than once, short enough to keep the suite quick.
var FastDelays = emulator.Delays{
	PoolCreate:        300 * time.Millisecond,
	PoolScale:         300 * time.Millisecond,
	PoolDelete:        200 * time.Millisecond,
	QueueCreate:       200 * time.Millisecond,
	QueueScale:        300 * time.Millisecond,
	QueueDelete:       200 * time.Millisecond,
	ConnectionPeering: 300 * time.Millisecond,
	ConnectionDelete:  200 * time.Millisecond,
	// A deleted connection stays listed as DELETED for the whole test: a
	// parallel test that seeds one before it is paused behind the serial
	// tests could otherwise find it gone (seen on a loaded machine).
	DeletedRetention: time.Hour,
}

// testBackoff polls often, so tests spend their time in Terraform, not asleep.
var testBackoff = wait.Backoff{First: 50 * time.Millisecond, Factor: 1.5, Max: 250 * time.Millisecond}

// testSettle is wait.Settle in tests: longer than the few polls the
// emulator needs to show a change busy, short enough for a quick suite.
var testSettle = time.Second

var shortenWaits sync.Once

// Env is the DLI that one acceptance test talks to.
type Env struct {
	// Emulator is nil when the test runs against the real cloud.
	Emulator  *emulator.Emulator
	URL       string
	Region    string
	AccessKey string
	SecretKey string
	ProjectID string
}

// RealCloud reports whether the acceptance tests target the real service.
func RealCloud() bool {
	return os.Getenv(provider.EnvAccessKey) != "" && os.Getenv(provider.EnvSecretKey) != "" &&
		os.Getenv(provider.EnvRegion) != ""
}

// PreCheck skips the test unless acceptance tests were asked for.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc)")
	}
}

// New returns the DLI for one test: a fresh emulator with FastDelays, or the real
// cloud. The emulator is closed when the test ends.
func New(t *testing.T) *Env {
	t.Helper()
	return NewWithDelays(t, FastDelays)
}

// NewWithDelays is New with chosen emulator delays.
func NewWithDelays(t *testing.T, d emulator.Delays) *Env {
	t.Helper()
	PreCheck(t)
	if RealCloud() {
		return &Env{Region: os.Getenv(provider.EnvRegion)}
	}
	return Emulated(t, d)
}

// Emulated is the emulator of New, whatever the environment: for tests that
// call the provider's code directly against a real DLI API, without a CLI,
// and so run with the unit tests too.
func Emulated(t *testing.T, d emulator.Delays) *Env {
	t.Helper()
	shortenWaits.Do(func() {
		wait.Slow, wait.Fast = testBackoff, testBackoff
		wait.Settle = testSettle
	})
	env := &Env{
		Region:    "cn-north-4",
		AccessKey: "AKACCTEST" + strings.ToUpper(randomHex(6)),
		SecretKey: randomHex(20),
		ProjectID: randomHex(16),
	}
	srv, err := emulator.Start(emulator.Config{
		AccessKey: env.AccessKey,
		SecretKey: env.SecretKey,
		ProjectID: env.ProjectID,
		Region:    env.Region,
		Delays:    d,
	})
	if err != nil {
		t.Fatalf("starting the DLI emulator: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	env.Emulator = srv.Emulator
	env.URL = srv.URL
	return env
}

// RequireEmulator skips a test that needs the emulator's test hooks when the
// suite runs against the real cloud.
func (e *Env) RequireEmulator(t *testing.T) {
	t.Helper()
	if e.Emulator == nil {
		t.Skip("needs the DLI emulator (fault injection or out-of-band changes)")
	}
}

// ProviderBlock is the provider configuration for this environment. Against the
// real cloud it is empty: the provider reads the HW_* environment variables.
func (e *Env) ProviderBlock() string {
	if e.Emulator == nil {
		return ""
	}
	return e.ProviderBlockWith(e.SecretKey)
}

// ProviderBlockWith is the emulator's provider block with another secret key, to
// test authentication failures.
func (e *Env) ProviderBlockWith(secretKey string) string {
	return fmt.Sprintf(`
provider "dli" {
  region       = %q
  endpoint     = %q
  iam_endpoint = %q
  access_key   = %q
  secret_key   = %q
  project_id   = %q
}
`, e.Region, e.URL, e.URL, e.AccessKey, secretKey, e.ProjectID)
}

// Config joins the provider block and the given configuration pieces.
func (e *Env) Config(parts ...string) string {
	return e.ProviderBlock() + "\n" + strings.Join(parts, "\n")
}

// Name returns a name unique enough for the real cloud: prefix, "_" and random
// lower-case hex (DLI lower-cases names, so upper case would only cause diffs).
func Name(prefix string) string {
	return prefix + "_" + randomHex(4)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}
