package bench

import (
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// CostOf counts the polls of a wait from its curve: polls at 1, 3, 6 and 9 s
// for an object ready after 7 s, seen 2 s late, 3 s in the worst case.
func TestCostOfFollowsTheCurve(t *testing.T) {
	got := CostOf(RealWait{Object: "x", Takes: 7 * time.Second, Curve: wait.Backoff{First: time.Second, Factor: 2, Max: 3 * time.Second}})
	want := PollCost{Polls: 4, Lateness: 2 * time.Second, WorstLateness: 3 * time.Second}
	if got != want {
		t.Fatalf("CostOf = %+v, want %+v", got, want)
	}
}

// The targets are checked on the fleets they concern, and a miss says by
// how much.
func TestTargetsSayByHowMuchAMissIsMissed(t *testing.T) {
	res := &Result{Fleets: []FleetResult{
		{Size: Size{100, 10}, Phases: []PhaseResult{
			{Phase: Apply, Wall: 15 * time.Second, Overhead: time.Second, Bound: 10 * time.Second},
			{Phase: Refresh, Requests: 5, Resources: 111},
			{Phase: Destroy, Wall: 11 * time.Second, Overhead: time.Second, Bound: 10 * time.Second},
		}},
		{Size: Size{300, 30}, Phases: []PhaseResult{
			{Phase: Apply, Wall: 11 * time.Second, Overhead: time.Second, Bound: 10 * time.Second, PeakRSSKiB: 90 * 1024},
			{Phase: Refresh, Requests: 100, Resources: 331, PeakRSSKiB: 60 * 1024},
		}},
	}}
	got := res.targets()
	for _, want := range []string{
		"- apply, 1 + 100 + 10: (wall − no-op) / path = (15.00s − 1.00s) / 10.00s = 1.40 ≤ 1.10: **not met**, by 0.30 (3.00 s)",
		"- refresh, 1 + 100 + 10: 5 requests / 111 resources = 0.045 ≤ 0.25: met",
		"- destroy, 1 + 100 + 10: (wall − no-op) / path = (11.00s − 1.00s) / 10.00s = 1.00 ≤ 1.15: met",
		"- apply, 1 + 300 + 30: (wall − no-op) / path = (11.00s − 1.00s) / 10.00s = 1.00 ≤ 1.15: met",
		"- refresh, 1 + 300 + 30: 100 requests / 331 resources = 0.302 ≤ 0.25: **not met**",
		"- provider peak RSS, 1 + 300 + 30 (largest of its phases): 90.0 MiB ≤ 80 MiB: **not met**",
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("targets lack %q:\n%s", want, got)
		}
	}
}
