package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Defaults applied by New when a Config field is left zero.
const (
	DefaultProjectID        = "0123456789abcdef0123456789abcdef"
	DefaultRegion           = "cn-north-4"
	DefaultMaxSkew          = 15 * time.Minute
	DefaultDeletedRetention = time.Minute
	maxBodyBytes            = 1 << 20
)

// Config configures an Emulator. AccessKey and SecretKey are required.
type Config struct {
	AccessKey, SecretKey string        // required for signature checks
	Token                string        // optional: also accept X-Auth-Token equal to this
	SecurityToken        string        // optional: temporary AK/SK; signed requests must carry it in a signed X-Security-Token
	ProjectID            string        // default DefaultProjectID
	Region               string        // default DefaultRegion
	Delays               Delays        // lifecycle durations
	StateFile            string        // optional: loaded by New, saved after every mutation
	MaxSkew              time.Duration // X-Sdk-Date tolerance, default 15m
	Now                  func() time.Time
	// RequestLogLimit is how many records Requests keeps, the latest ones
	// (default DefaultRequestLogLimit).
	RequestLogLimit int
	// AdminFromAnyHost lets peers other than loopback use the unsigned admin
	// API under /_emulator/; by default only loopback peers may, so that an
	// emulator listening on another interface cannot be reconfigured from
	// the network.
	AdminFromAnyHost bool
	// RateLimit throttles each access key to this many requests per second
	// (429 APIGW.0308 with Retry-After beyond it); 0 = no limit. RateBurst is
	// the bucket's size (0: one second's worth). See SetRateLimit.
	RateLimit float64
	RateBurst int
}

// Delays are the durations of the asynchronous lifecycles. Zero means the
// transition is complete on the next read.
type Delays struct {
	PoolCreate, PoolScale, PoolDelete    time.Duration
	QueueCreate, QueueScale, QueueDelete time.Duration
	// QueueAssigning is how long after its creation a queue refuses follow-up
	// calls (scaling policies, properties, the queue action, binding it to a
	// connection) with "Status of queue xxx is assigning, which is not
	// available". Zero (the default) refuses none.
	QueueAssigning time.Duration
	// ConnectionPeering is how long each pool/queue binding stays CREATING.
	ConnectionPeering time.Duration
	ConnectionDelete  time.Duration
	// DeletedRetention is how long a deleted connection stays readable as DELETED (default 1m).
	DeletedRetention time.Duration
	// PoolDeleteCooldown is how long after its creation a pool refuses to be
	// deleted (DLI.0009). The incumbent provider's acceptance tests wait 15
	// minutes after creating a pool before deleting it; zero turns it off.
	PoolDeleteCooldown time.Duration
	// PoolScaleLag is how long a pool keeps reporting AVAILABLE (with the new
	// range) after accepting a CU change, before it turns SCALING for
	// PoolScale: DLI does not document when it makes that switch.
	PoolScaleLag time.Duration
}

// Emulator is an http.Handler serving the DLI API from in-memory state.
type Emulator struct {
	cfg Config

	mu       sync.Mutex // guards st, delays and variants
	st       *state
	delays   Delays
	variants variants // readings where the sources differ (variants.go)

	faults  faultSet
	log     requestLog
	limiter rateLimiter
	// iam holds agencies and the temporary keys handed out (iam.go).
	iam iamState

	// statusCase respells every "status" the API answers (see SetStatusCase).
	statusCase StatusCase
}

// New validates cfg, applies defaults and loads cfg.StateFile when it exists.
func New(cfg Config) (*Emulator, error) {
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("emulator: access key and secret key are required")
	}
	if cfg.ProjectID == "" {
		cfg.ProjectID = DefaultProjectID
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	if cfg.MaxSkew <= 0 {
		cfg.MaxSkew = DefaultMaxSkew
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RequestLogLimit <= 0 {
		cfg.RequestLogLimit = DefaultRequestLogLimit
	}
	if strings.ContainsAny(cfg.ProjectID, "/?#") {
		return nil, fmt.Errorf("emulator: invalid project id %q", cfg.ProjectID)
	}
	e := &Emulator{cfg: cfg, st: newState(), delays: withDelayDefaults(cfg.Delays)}
	e.log.limit = cfg.RequestLogLimit
	e.SetRateLimit(cfg.RateLimit, cfg.RateBurst)
	if cfg.StateFile != "" {
		st, err := loadState(cfg.StateFile)
		if err != nil {
			return nil, err
		}
		if st != nil {
			e.st = st
		}
	}
	return e, nil
}

func withDelayDefaults(d Delays) Delays {
	if d.DeletedRetention <= 0 {
		d.DeletedRetention = DefaultDeletedRetention
	}
	return d
}

// ProjectID is the project id the emulator serves.
func (e *Emulator) ProjectID() string { return e.cfg.ProjectID }

// Region is the region the emulator reports through IAM.
func (e *Emulator) Region() string { return e.cfg.Region }

// SetDelays replaces the lifecycle durations for operations started from now on.
func (e *Emulator) SetDelays(d Delays) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.delays = withDelayDefaults(d)
}

func (e *Emulator) now() time.Time { return e.cfg.Now() }

// StatusCase is how the emulator spells the statuses it reports.
type StatusCase int

// Status spellings. The API reference writes statuses in capitals in its
// enums ("Querying All Elastic Resource Pools") but also as "Active"
// ("Listing Enhanced Datasource Connections"): clients must not depend on
// the case, and the other spellings let tests check that they do not.
const (
	StatusUpper StatusCase = iota // AVAILABLE, as documented; the default
	StatusTitle                   // Available
	StatusLower                   // available
)

// SetStatusCase makes every "status" field of later API answers (pools,
// connections and their bindings) use spelling c. Status filters
// of the list APIs keep matching the documented capitals.
func (e *Emulator) SetStatusCase(c StatusCase) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.statusCase = c
}

func (c StatusCase) spell(s string) string {
	switch c {
	case StatusTitle:
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
	case StatusLower:
		return strings.ToLower(s)
	}
	return s
}

// respell returns a copy of an answer body with every "status" string
// field spelled by c.
func (c StatusCase) respell(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			if s, isString := x.(string); isString && k == "status" {
				out[k] = c.spell(s)
				continue
			}
			out[k] = c.respell(x)
		}
		return out
	case []map[string]any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = c.respell(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = c.respell(x)
		}
		return out
	}
	return v
}

// Server is an Emulator listening on a local TCP port.
type Server struct {
	URL      string
	Emulator *Emulator
	srv      *http.Server
	done     chan struct{}
}

// Start creates an Emulator and serves it on 127.0.0.1 with a free port.
func Start(cfg Config) (*Server, error) {
	return StartOn("127.0.0.1:0", cfg)
}

// StartOn is Start on a chosen listen address (host:port).
func StartOn(addr string, cfg Config) (*Server, error) {
	e, err := New(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: listen: %w", err)
	}
	s := &Server{
		URL:      "http://" + ln.Addr().String(),
		Emulator: e,
		srv:      &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second},
		done:     make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln) // returns ErrServerClosed on Close
	}()
	return s, nil
}

// Close stops the server at once and waits for its loop to end.
func (s *Server) Close() error {
	err := s.srv.Close()
	<-s.done
	return err
}

// Shutdown stops the server gracefully, letting requests in flight finish.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	<-s.done
	return err
}
