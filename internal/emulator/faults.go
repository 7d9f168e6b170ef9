package emulator

import (
	"regexp"
	"strconv"
	"sync"
	"time"
)

// Fault makes matching requests slow or failing, like a flaky gateway.
type Fault struct {
	Method     string        // "" = any
	PathRegexp string        // matched against the URL path; "" = any
	Status     int           // e.g. 503, 429, 400; 0 = answer normally (latency only)
	Code       string        // error_code of the failure body, e.g. DLI.0999, APIGW.0308
	Message    string        // error_msg of the failure body
	Latency    time.Duration // added before answering
	Count      int           // how many matching requests it applies to; 0 = unlimited
	Skip       int           // let this many matching requests through first
	// AfterApply lets the request take effect and then answers Status instead
	// of the real answer, like a gateway timing out after the service
	// committed: the client cannot tell whether its request was applied.
	AfterApply bool
	// Drop closes the connection without an answer instead of answering
	// Status, like a load balancer or a network cut mid-request: before the
	// request is handled, or after it took effect with AfterApply.
	Drop bool
}

type activeFault struct {
	id      string
	f       Fault
	re      *regexp.Regexp
	seen    int
	applied int
}

type faultSet struct {
	mu     sync.Mutex
	nextID int
	list   []*activeFault
}

// AddFault registers f and returns its id. A PathRegexp that does not compile
// matches nothing.
func (e *Emulator) AddFault(f Fault) string {
	id, _ := e.addFault(f)
	return id
}

func (e *Emulator) addFault(f Fault) (string, error) {
	af := &activeFault{f: f}
	if f.PathRegexp != "" {
		re, err := regexp.Compile(f.PathRegexp)
		if err != nil {
			return "", err
		}
		af.re = re
	}
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	e.faults.nextID++
	af.id = "fault-" + strconv.Itoa(e.faults.nextID)
	e.faults.list = append(e.faults.list, af)
	return af.id, nil
}

// ClearFaults removes every fault.
func (e *Emulator) ClearFaults() {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	e.faults.list = nil
}

// matchFault returns the first fault that applies to this request, after
// counting it against Skip and Count. Faults that are used up are dropped.
func (e *Emulator) matchFault(method, path string) (Fault, bool) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	for i, af := range e.faults.list {
		if af.f.Method != "" && af.f.Method != method {
			continue
		}
		if af.re != nil && !af.re.MatchString(path) {
			continue
		}
		af.seen++
		if af.seen <= af.f.Skip {
			continue
		}
		af.applied++
		if af.f.Count > 0 && af.applied >= af.f.Count {
			e.faults.list = append(e.faults.list[:i:i], e.faults.list[i+1:]...)
		}
		return af.f, true
	}
	return Fault{}, false
}

// RequestRecord is one answered API request. Of the headers it keeps only the
// User-Agent, which carries no secret, so that tests can see who called;
// signatures and tokens never reach the log. Of the body it keeps only the
// top-level field names, so that tests can see what a call sent.
type RequestRecord struct {
	Method    string        `json:"method"`
	Path      string        `json:"path"`
	Query     string        `json:"query"`
	UserAgent string        `json:"user_agent,omitempty"`
	Status    int           `json:"status"`
	ErrorCode string        `json:"error_code,omitempty"`
	Time      time.Time     `json:"time"`
	Duration  time.Duration `json:"duration"`
	BodyKeys  []string      `json:"body_keys,omitempty"`
	// Dropped is set when a Drop fault closed the connection instead of
	// answering (Status is then 0).
	Dropped bool `json:"dropped,omitempty"`
	// AccessKey is the access key named in the request's signature (an
	// identifier, not a secret), so tests can see which keys signed it.
	AccessKey string `json:"access_key,omitempty"`
}

// DefaultRequestLogLimit is how many records the request log keeps when
// Config.RequestLogLimit is zero: enough for any test run, bounded so that a
// long-running emulator does not grow without end.
const DefaultRequestLogLimit = 100_000

// requestLog is a ring buffer of the latest limit records: once full, each
// new record replaces the oldest.
type requestLog struct {
	mu      sync.Mutex
	limit   int
	records []RequestRecord // grows to limit, then is reused
	next    int             // where the next record goes once full
}

// Requests returns a copy of the request log, oldest first. It holds the
// latest Config.RequestLogLimit records only.
func (e *Emulator) Requests() []RequestRecord {
	e.log.mu.Lock()
	defer e.log.mu.Unlock()
	out := make([]RequestRecord, 0, len(e.log.records))
	out = append(out, e.log.records[e.log.next:]...)
	return append(out, e.log.records[:e.log.next]...)
}

// ResetRequests empties the request log.
func (e *Emulator) ResetRequests() {
	e.log.mu.Lock()
	defer e.log.mu.Unlock()
	e.log.records, e.log.next = nil, 0
}

func (e *Emulator) record(rec RequestRecord) {
	e.log.mu.Lock()
	defer e.log.mu.Unlock()
	if len(e.log.records) < e.log.limit {
		e.log.records = append(e.log.records, rec)
		return
	}
	e.log.records[e.log.next] = rec
	e.log.next = (e.log.next + 1) % e.log.limit
}
