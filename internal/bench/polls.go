package bench

import (
	"fmt"
	"strings"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// RealWait is one wait of the provider on a real-cloud timeline: how long
// DLI takes and the curve the provider polls it on.
type RealWait struct {
	Object    string
	Takes     time.Duration
	Curve     wait.Backoff
	CurveName string // the curve's name in internal/wait
}

// RealCloudWaits are the realistic timeline: a pool takes 10 minutes
// to create, a queue 3, a peering 1, each polled on its production curve
// (pool and queue creates on wait.Slow, the connection's peering on wait.Fast).
func RealCloudWaits() []RealWait {
	return []RealWait{
		{"pool create", 10 * time.Minute, wait.Slow, "Slow"},
		{"queue create", 3 * time.Minute, wait.Slow, "Slow"},
		{"connection peering", time.Minute, wait.Fast, "Fast"},
	}
}

// PollCost is what one wait costs: the polls until the one that sees the
// object settled, how late that poll is when DLI finishes exactly on time,
// and the worst case, when DLI finishes just after a poll near that time
// (the whole interval then passes before the next poll).
type PollCost struct {
	Polls         int
	Lateness      time.Duration
	WorstLateness time.Duration
}

// CostOf computes a wait's polls from the curve alone; nothing is run.
func CostOf(w RealWait) PollCost {
	s := w.Curve.Schedule(w.Takes)
	if len(s) == 0 {
		return PollCost{}
	}
	last := s[len(s)-1]
	prev := time.Duration(0)
	if len(s) > 1 {
		prev = s[len(s)-2]
	}
	return PollCost{Polls: len(s), Lateness: last - w.Takes, WorstLateness: last - prev}
}

// pollsMarkdown is the computed table of polls per object on the real-cloud
// timeline, with the request rate a fleet's waits reach once at the cap.
func pollsMarkdown(fleetQueues int) string {
	var b strings.Builder
	b.WriteString("Polling on a real-cloud timeline (computed from the production curves in `internal/wait`, not run):\n\n")
	b.WriteString("| object | DLI takes | curve (first, factor, cap) | polls per object | seen late by | worst-case lateness | share of the wait |\n")
	b.WriteString("|---|--:|---|--:|--:|--:|--:|\n")
	for _, w := range RealCloudWaits() {
		c := CostOf(w)
		fmt.Fprintf(&b, "| %s | %s | %s (%s, %.1f, %s) | %d | %s | %s | %.1f%% |\n", w.Object, w.Takes, w.CurveName,
			w.Curve.First, w.Curve.Factor, w.Curve.Max, c.Polls, c.Lateness.Round(10*time.Millisecond),
			c.WorstLateness.Round(10*time.Millisecond), 100*float64(c.WorstLateness)/float64(w.Takes))
	}
	fmt.Fprintf(&b, "\nAt the cap, %d queues waiting at once poll %.1f times a second (one poll per queue every %s). "+
		"Polls due together share one queue list and the queue waits start at most one round (a list, or a lone "+
		"poll's GET) per %s (`internal/client/pollbatch.go`): at most %.0f rounds a second however many queues wait, plus the GET that confirms each queue a list no longer shows.\n",
		fleetQueues, float64(fleetQueues)/wait.Slow.Max.Seconds(), wait.Slow.Max,
		client.PollGap, time.Second.Seconds()/client.PollGap.Seconds())
	return b.String()
}
