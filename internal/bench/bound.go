package bench

import (
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// Phase is one Terraform command of the benchmark.
type Phase string

// The phases, in the order they run.
const (
	Apply   Phase = "apply"
	Refresh Phase = "refresh" // terraform plan with nothing to change
	Destroy Phase = "destroy"
)

// Phases lists every phase in running order.
var Phases = []Phase{Apply, Refresh, Destroy}

// IssueDelays are the emulator's delays the performance issue sets: 5 s for
// pools, 3 s for queues (creating and scaling) and 4 s for peering. The
// deletions take what `make demo` gives them (pools 5 s, queues 3 s,
// connections 2 s), so that destroy waits too.
func IssueDelays() emulator.Delays {
	return emulator.Delays{
		PoolCreate:        5 * time.Second,
		PoolScale:         3 * time.Second,
		PoolDelete:        5 * time.Second,
		QueueCreate:       3 * time.Second,
		QueueScale:        3 * time.Second,
		QueueDelete:       3 * time.Second,
		ConnectionPeering: 4 * time.Second,
		ConnectionDelete:  2 * time.Second,
		DeletedRetention:  time.Minute,
	}
}

// CriticalPath is the least time a phase can take given the emulator's
// delays and its latency per request, with every independent resource
// handled at once (the benchmark runs Terraform with -parallelism equal to the
// fleet's size). Each dependent step costs its delay plus one request: the
// request that starts the operation must reach the emulator (latency), and the
// operation's delay starts when it does; a read sent just before the delay
// ends can observe the result, so one latency per step is unavoidable and a
// second is not.
//
//   - apply: pool create, then the queues, then the connections' peering;
//   - refresh: one read of every resource, all at once;
//   - destroy: the connections' deletion, then the queues', then the pool's.
func CriticalPath(p Phase, d emulator.Delays, latency time.Duration, s Size) time.Duration {
	step := func(delay time.Duration) time.Duration { return delay + latency }
	switch p {
	case Apply:
		t := step(d.PoolCreate) + step(d.QueueCreate)
		if s.Connections > 0 {
			t += step(d.ConnectionPeering)
		}
		return t
	case Refresh:
		return latency
	case Destroy:
		t := step(d.QueueDelete) + step(d.PoolDelete)
		if s.Connections > 0 {
			t += step(d.ConnectionDelete)
		}
		return t
	}
	return 0
}
