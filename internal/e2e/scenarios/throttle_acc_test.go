package scenarios_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/bench"
)

// Throttled fleet: the emulator's gateway allows fleetRateLimit requests per
// second per access key (bursts of fleetRateBurst), well below what the fleet
// sends unthrottled. DLI_THROTTLE_FLEET picks the fleet ("N:M", N queues and
// M connections, as BENCH_SIZES); make test runs the default.
const (
	fleetRateLimit = 10
	fleetRateBurst = 10
	defaultFleet   = "30:5"
)

// TestAccScenario_throttledFleetConverges applies and destroys a fleet of one
// pool, many queues and connections against a rate-limited emulator: every
// request of the provider process shares one throttle that halves its rate
// on a 429 and honours Retry-After, so the apply and the destroy end without
// an error however many 429s the gateway answers on the way.
func TestAccScenario_throttledFleetConverges(t *testing.T) {
	spec := os.Getenv("DLI_THROTTLE_FLEET")
	if spec == "" {
		spec = defaultFleet
	}
	sizes, err := bench.ParseSizes(spec)
	if err != nil || len(sizes) != 1 {
		t.Fatalf("DLI_THROTTLE_FLEET=%q: want one fleet size N:M (%v)", spec, err)
	}
	size := sizes[0]
	env := emulatorEnv(t)
	env.Emulator.SetRateLimit(fleetRateLimit, fleetRateBurst)
	// The fleet's own resources, with this emulator's provider block (its
	// terraform block names the provider's registry source, which the test
	// harness supplies itself, differently on each CLI).
	fleet := size.Config()
	config := env.Config(fleet[strings.Index(fleet, "\nresource "):])

	start := time.Now()
	var applied time.Duration
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			Check: func(*terraform.State) error {
				applied = time.Since(start)
				return nil
			},
		}},
	})
	total := time.Since(start)

	reqs := env.Emulator.Requests()
	throttled, worst := 0, 0
	perSecond := map[int64]int{}
	for _, r := range reqs {
		if r.Status == 429 {
			throttled++
			continue
		}
		perSecond[r.Time.Unix()]++
	}
	for _, n := range perSecond {
		worst = max(worst, n)
	}
	t.Logf("fleet %s: limit %d requests/s per access key (burst %d); %d requests, %d answered 429 APIGW.0308; "+
		"apply (with its refresh and plan checks) %s, apply+destroy %s; busiest second let through %d requests",
		size, fleetRateLimit, fleetRateBurst, len(reqs), throttled, applied.Round(time.Millisecond),
		total.Round(time.Millisecond), worst)
	if throttled == 0 {
		t.Errorf("no request was throttled: the limit of %d/s did not bind, so the test proves nothing", fleetRateLimit)
	}
}
