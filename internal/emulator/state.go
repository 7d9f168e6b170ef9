package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// state is everything the emulator knows; it is what the StateFile holds.
// Statuses are not stored: they are derived from the timestamps and Now().
type state struct {
	NextPoolID  int32                  `json:"next_pool_id"`
	NextQueueID int64                  `json:"next_queue_id"`
	Pools       map[string]*pool       `json:"pools"`
	Queues      map[string]*queue      `json:"queues"`
	Connections map[string]*connection `json:"connections"`
	FailNext    map[string][]string    `json:"fail_next"` // kind -> names
}

type tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type pool struct {
	Name                string            `json:"name"`
	ID                  int32             `json:"id"`
	ResourceID          string            `json:"resource_id"`
	Description         string            `json:"description"`
	CIDR                string            `json:"cidr_in_vpc"`
	MaxCU               int32             `json:"max_cu"`
	MinCU               int32             `json:"min_cu"`
	ChargingMode        int32             `json:"charging_mode"`
	EnterpriseProjectID string            `json:"enterprise_project_id"`
	Tags                []tag             `json:"tags"`
	Label               map[string]string `json:"label"`
	IPv6Enable          bool              `json:"ipv6_enable"`
	CreatedAt           time.Time         `json:"created_at"`
	UpdatedAt           time.Time         `json:"updated_at"`
	ReadyAt             time.Time         `json:"ready_at"`
	FailReason          string            `json:"fail_reason"`
	ScaleFrom           time.Time         `json:"scale_from"` // start of the last scaling (see Delays.PoolScaleLag)
	ScaledAt            time.Time         `json:"scaled_at"`  // end of the last scaling
	DeleteAt            time.Time         `json:"delete_at"`  // zero unless deleting
}

type scalingPolicy struct {
	Priority        int32  `json:"priority"`
	ImpactStartTime string `json:"impact_start_time"`
	ImpactStopTime  string `json:"impact_stop_time"`
	MinCU           int32  `json:"min_cu"`
	MaxCU           int32  `json:"max_cu"`
	InheritPoolMax  *bool  `json:"inherit_elastic_resource_pool_max_cu,omitempty"`
}

type queue struct {
	Name                string            `json:"name"`
	ID                  int64             `json:"id"`
	ResourceID          string            `json:"resource_id"`
	Type                string            `json:"type"`
	Description         string            `json:"description"`
	PrevCU              int32             `json:"prev_cu"` // reported until ScaledAt
	CU                  int32             `json:"cu"`      // target
	ChargingMode        int32             `json:"charging_mode"`
	EnterpriseProjectID string            `json:"enterprise_project_id"`
	Platform            string            `json:"platform"`
	ResourceMode        int32             `json:"resource_mode"`
	Labels              []string          `json:"labels"`
	Feature             string            `json:"feature"`
	Tags                []tag             `json:"tags"`
	Pool                string            `json:"pool"`
	Engine              string            `json:"engine"`
	CreateProperties    map[string]any    `json:"create_properties,omitempty"`
	Properties          map[string]string `json:"properties"`
	ScalingPolicies     []scalingPolicy   `json:"scaling_policies"`
	CreatedAt           time.Time         `json:"created_at"`
	ScaledAt            time.Time         `json:"scaled_at"` // cuCount reaches CU at this time
	// AssigningUntil ends the time after creation during which follow-up
	// calls are refused as "assigning" (Delays.QueueAssigning).
	AssigningUntil time.Time `json:"assigning_until,omitempty"`
	DeleteAt       time.Time `json:"delete_at"`
}

type binding struct {
	Kind      string    `json:"kind"` // pool or queue
	Name      string    `json:"name"`
	PeerID    string    `json:"peer_id"`
	CreatedAt time.Time `json:"created_at"`
	ReadyAt   time.Time `json:"ready_at"`
	ErrMsg    string    `json:"err_msg"`
}

type route struct {
	Name string `json:"name"`
	CIDR string `json:"cidr"`
}

type host struct {
	Name string `json:"name"`
	IP   string `json:"ip"`
}

type connection struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	DestVPCID     string    `json:"dest_vpc_id"`
	DestNetworkID string    `json:"dest_network_id"`
	RoutetableID  string    `json:"routetable_id"`
	Bindings      []binding `json:"bindings"`
	Hosts         []host    `json:"hosts"`
	Routes        []route   `json:"routes"`
	Tags          []tag     `json:"tags"`
	CreatedAt     time.Time `json:"created_at"`
	DeleteAt      time.Time `json:"delete_at"` // becomes DELETED at this time
	RemoveAt      time.Time `json:"remove_at"` // disappears at this time
}

func newState() *state {
	return &state{
		Pools:       map[string]*pool{},
		Queues:      map[string]*queue{},
		Connections: map[string]*connection{},
		FailNext:    map[string][]string{},
	}
}

// loadState reads a snapshot; a missing file is an empty state (nil, nil).
func loadState(path string) (*state, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("emulator: read state file: %w", err)
	}
	st := newState()
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("emulator: parse state file: %w", err)
	}
	if st.Pools == nil {
		st.Pools = map[string]*pool{}
	}
	if st.Queues == nil {
		st.Queues = map[string]*queue{}
	}
	if st.Connections == nil {
		st.Connections = map[string]*connection{}
	}
	if st.FailNext == nil {
		st.FailNext = map[string][]string{}
	}
	return st, nil
}

// save writes the snapshot atomically (temp file + rename). Caller holds e.mu.
func (e *Emulator) save() error {
	if e.cfg.StateFile == "" {
		return nil
	}
	data, err := json.MarshalIndent(e.st, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(e.cfg.StateFile)
	tmp, err := os.CreateTemp(dir, ".dli-emulator-state-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), e.cfg.StateFile)
}

// sweep drops objects whose deletion has completed. Caller holds e.mu.
// It reports whether anything changed.
func (e *Emulator) sweep(now time.Time) bool {
	changed := false
	for name, p := range e.st.Pools {
		if !p.DeleteAt.IsZero() && !now.Before(p.DeleteAt) {
			delete(e.st.Pools, name)
			changed = true
		}
	}
	for name, q := range e.st.Queues {
		if !q.DeleteAt.IsZero() && !now.Before(q.DeleteAt) {
			delete(e.st.Queues, name)
			changed = true
		}
	}
	for id, c := range e.st.Connections {
		if !c.RemoveAt.IsZero() && !now.Before(c.RemoveAt) {
			delete(e.st.Connections, id)
			changed = true
		}
	}
	return changed
}

// takeFailNext consumes a FailNext mark for kind/name. Caller holds e.mu.
func (e *Emulator) takeFailNext(kind, name string) bool {
	names := e.st.FailNext[kind]
	for i, n := range names {
		if n == name {
			e.st.FailNext[kind] = append(names[:i:i], names[i+1:]...)
			return true
		}
	}
	return false
}

// FailNext makes the next pool ("pool") or connection binding ("binding")
// created with that name end FAILED with a reason.
func (e *Emulator) FailNext(kind, name string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.st.FailNext[kind] = append(e.st.FailNext[kind], normalizeName(kind, name))
	_ = e.save()
}

func normalizeName(kind, name string) string {
	if kind == "pool" || kind == "queue" || kind == "binding" {
		return lower(name)
	}
	return name
}

// DeletePoolNow removes a pool at once, as if someone deleted it out of band.
func (e *Emulator) DeletePoolNow(name string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.st.Pools, lower(name))
	_ = e.save()
}

// DeleteQueueNow removes a queue at once, as if someone deleted it out of band.
func (e *Emulator) DeleteQueueNow(name string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.st.Queues, lower(name))
	_ = e.save()
}

// DeleteConnectionNow marks a connection DELETED at once; it stays readable
// for Delays.DeletedRetention.
func (e *Emulator) DeleteConnectionNow(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.st.Connections[id]; ok {
		now := e.now()
		c.DeleteAt = now
		c.RemoveAt = now.Add(e.delays.DeletedRetention)
		_ = e.save()
	}
}

// RemoveConnectionNow removes a connection at once, as if someone deleted it
// out of band and DLI then stopped reporting it as DELETED: from now on every
// call on its id answers DLI.0001 "Connection xxx is not exist".
func (e *Emulator) RemoveConnectionNow(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.st.Connections, id)
	_ = e.save()
}

func sortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func ms(t time.Time) int64 { return t.UnixMilli() }
