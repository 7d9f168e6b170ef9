package bench

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// Kind is the DLI object a request is about.
type Kind string

// The kinds of request the provider makes.
const (
	KindPool       Kind = "pool"
	KindQueue      Kind = "queue"
	KindConnection Kind = "connection"
	KindOther      Kind = "other"
)

// kindOf sorts a request path by the object it concerns.
func kindOf(path string) Kind {
	switch {
	case strings.Contains(path, "/elastic-resource-pools"):
		return KindPool
	case strings.Contains(path, "/enhanced-connections"):
		return KindConnection
	case strings.Contains(path, "/queues"):
		return KindQueue
	}
	return KindOther
}

// Operation names a request without the names and ids in it, e.g.
// "GET /v1.0/{project}/queues/*" or "GET /v3/{project}/elastic-resource-pools?name".
// Query parameter names (not values) are kept because they tell a filtered
// read from a full list.
func Operation(r emulator.RequestRecord) string {
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	if len(segs) >= 2 && segs[0] != "_emulator" {
		segs[1] = "{project}"
	}
	for i := 3; i < len(segs); i++ {
		switch segs[i-1] {
		case "elastic-resource-pools", "queues", "enhanced-connections", "routes":
			segs[i] = "*"
		case "dli_elastic_resource_pool", "dli_queue", "dli_enhanced_datasource":
			// The tag API: /v3/{project}/{type}/{id}/tags..., beside the
			// by-tags listing /v3/{project}/{type}/resource-instances/filter.
			if segs[i] != "resource-instances" {
				segs[i] = "*"
			}
		}
	}
	op := r.Method + " /" + strings.Join(segs, "/")
	if q, err := url.ParseQuery(r.Query); err == nil && len(q) > 0 {
		keys := make([]string, 0, len(q))
		for k := range q {
			if k != "limit" && k != "offset" {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		if len(keys) > 0 {
			op += "?" + strings.Join(keys, "&")
		}
	}
	return op
}

// CountOperations counts the requests of each operation.
func CountOperations(rs []emulator.RequestRecord) map[string]int {
	out := map[string]int{}
	for _, r := range rs {
		out[Operation(r)]++
	}
	return out
}

// Segment is one stretch of a phase's wall time.
type Segment struct {
	What     string
	Duration time.Duration
}

// stage is what the request log says about the changes to one kind of
// object in a phase.
type stage struct {
	kind       Kind
	first      time.Time // start of its first create or delete
	lastChange time.Time // when the emulator handled its last create or delete
	delay      time.Duration
	end        time.Time // end of its last request from first on
}

// handled is when the emulator acted on a request: the injected latency comes
// before the handler, which answers at once.
func handled(r emulator.RequestRecord) time.Time { return r.Time.Add(r.Duration) }

// changeDelay says whether a request starts an asynchronous change in the
// given phase and how long the emulator takes to finish it.
func changeDelay(p Phase, r emulator.RequestRecord, d emulator.Delays) (time.Duration, bool) {
	segs := strings.Split(strings.Trim(r.Path, "/"), "/")
	if len(segs) < 3 || r.Status >= 300 {
		return 0, false
	}
	rest := strings.Join(segs[2:], "/")
	switch {
	case p == Apply && r.Method == "POST" && rest == "elastic-resource-pools":
		return d.PoolCreate, true
	case p == Apply && r.Method == "POST" && rest == "queues":
		return d.QueueCreate, true
	case p == Apply && r.Method == "POST" && rest == "datasource/enhanced-connections":
		return d.ConnectionPeering, true
	case p == Destroy && r.Method == "DELETE" && len(segs) == 4 && segs[2] == "elastic-resource-pools":
		return d.PoolDelete, true
	case p == Destroy && r.Method == "DELETE" && len(segs) == 4 && segs[2] == "queues":
		return d.QueueDelete, true
	case p == Destroy && r.Method == "DELETE" && len(segs) == 5 && segs[3] == "enhanced-connections":
		return d.ConnectionDelete, true
	}
	return 0, false
}

// Timeline splits a phase's wall time (start to end) along the request log.
// Reads before the first create or delete (Terraform's refresh) come first.
// Then, for each kind of object in the order its changes began: the time
// before its first create or delete (Terraform and the provider at work, or
// the previous kind's tail), the time until the emulator finished its last
// one ("waiting on DLI", which includes spreading the requests out), and the
// time from then until its last request ended: the waiter's overshoot plus
// any reads after the wait.
func Timeline(p Phase, rs []emulator.RequestRecord, d emulator.Delays, start, end time.Time) []Segment {
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b emulator.RequestRecord) int { return a.Time.Compare(b.Time) })
	stages := map[Kind]*stage{}
	var order []*stage
	var firstChange time.Time
	for _, r := range rs {
		delay, isChange := changeDelay(p, r, d)
		k := kindOf(r.Path)
		st := stages[k]
		if isChange && st == nil {
			st = &stage{kind: k, first: r.Time, delay: delay}
			stages[k] = st
			order = append(order, st)
			if firstChange.IsZero() {
				firstChange = r.Time
			}
		}
		if st == nil {
			continue
		}
		if isChange && handled(r).After(st.lastChange) {
			st.lastChange = handled(r)
		}
		if handled(r).After(st.end) {
			st.end = handled(r)
		}
	}

	var segs []Segment
	prev := start
	var reads []emulator.RequestRecord
	for _, r := range rs {
		if firstChange.IsZero() || r.Time.Before(firstChange) {
			reads = append(reads, r)
		}
	}
	if len(reads) > 0 {
		last := reads[0].Time
		for _, r := range reads {
			if handled(r).After(last) {
				last = handled(r)
			}
		}
		segs = append(segs,
			Segment{"before the first request (Terraform and provider start-up)", reads[0].Time.Sub(prev)},
			Segment{"reads (refresh)", last.Sub(reads[0].Time)})
		prev = last
	}
	for _, st := range order {
		ready := st.lastChange.Add(st.delay)
		segs = append(segs,
			Segment{"before the first " + string(st.kind) + " change (Terraform, provider, earlier requests)", st.first.Sub(prev)},
			Segment{string(st.kind) + ": first change until DLI finished the last (waiting on DLI)", ready.Sub(st.first)},
			Segment{string(st.kind) + ": DLI finished until the last request ended (overshoot, reads after)", st.end.Sub(ready)})
		prev = st.end
	}
	segs = append(segs, Segment{"after the last request (Terraform saves state, exits)", end.Sub(prev)})
	return segs
}
