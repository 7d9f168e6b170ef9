package emulator

import (
	"fmt"
	"sort"
	"time"
)

// Seed describes a batch of objects to add at once with SeedPools, SeedQueues
// or SeedConnections. Tests of paging need more objects than a list page holds;
// creating them one by one through the API would cost a request (and a
// lifecycle wait) each, so the seeds appear finished, as if created an hour ago.
type Seed struct {
	// Prefix starts every name; the objects are named Prefix_0000, Prefix_0001, ...
	// (lower-cased for pools and queues, as the service stores them).
	Prefix string
	// Count is how many objects to add.
	Count int
	// Tags are attached to every object, so that tag filters can pick the batch.
	Tags map[string]string
	// QueueType is the type of seeded queues: sql (default) or general.
	QueueType string
	// Pool puts seeded queues into this existing pool; empty makes them standalone.
	Pool string
}

// seedAge is how long ago seeded objects were created: long enough that every
// lifecycle delay has passed and they read as finished.
const seedAge = time.Hour

// names returns the Count names of the batch, checked against the name rules.
func (s Seed) names(maxLen int, lowerCase bool) ([]string, error) {
	if s.Count < 0 {
		return nil, fmt.Errorf("emulator: seed %q: negative count %d", s.Prefix, s.Count)
	}
	out := make([]string, 0, s.Count)
	for i := range s.Count {
		name := fmt.Sprintf("%s_%04d", s.Prefix, i)
		if lowerCase {
			name = lower(name)
		}
		if err := checkName("name", name, maxLen); err != nil {
			return nil, fmt.Errorf("emulator: seed: %w", err)
		}
		out = append(out, name)
	}
	return out, nil
}

// tagList turns the seed's tags into the stored form, sorted by key.
func (s Seed) tagList() ([]tag, error) {
	out := make([]tag, 0, len(s.Tags))
	for k, v := range s.Tags {
		out = append(out, tag{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	if err := checkTags(out); err != nil {
		return nil, fmt.Errorf("emulator: seed: %w", err)
	}
	return out, nil
}

// SeedPools adds Count AVAILABLE pay-per-use pools of 64 CUs and returns their
// names. Nothing is added when a name is taken or invalid.
func (e *Emulator) SeedPools(s Seed) ([]string, error) {
	names, err := s.names(128, true)
	if err != nil {
		return nil, err
	}
	tags, err := s.tagList()
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, n := range names {
		if _, taken := e.st.Pools[n]; taken {
			return nil, fmt.Errorf("emulator: seed: elastic resource pool %s already exists", n)
		}
	}
	created := e.now().Add(-seedAge)
	for _, n := range names {
		e.st.NextPoolID++
		e.st.Pools[n] = &pool{
			Name: n, ID: e.st.NextPoolID, ResourceID: newUUID(), CIDR: "172.16.0.0/12",
			MaxCU: 64, MinCU: 64, ChargingMode: 1, EnterpriseProjectID: "0", Tags: tags,
			CreatedAt: created, UpdatedAt: created, ReadyAt: created,
		}
	}
	return names, e.save()
}

// SeedQueues adds Count queues of 16 CUs whose creation has finished and
// returns their names. With Pool set they go into that pool, whose min_cu must
// cover them like for queues created through the API.
func (e *Emulator) SeedQueues(s Seed) ([]string, error) {
	names, err := s.names(128, true)
	if err != nil {
		return nil, err
	}
	tags, err := s.tagList()
	if err != nil {
		return nil, err
	}
	qtype := s.QueueType
	if qtype == "" {
		qtype = "sql"
	}
	if qtype != "sql" && qtype != "general" {
		return nil, fmt.Errorf("emulator: seed: queue type %q must be sql or general", qtype)
	}
	engine := ""
	if qtype == "sql" {
		engine = "spark"
	}
	const cu = 16
	e.mu.Lock()
	defer e.mu.Unlock()
	poolName := lower(s.Pool)
	if poolName != "" {
		p, found := e.st.Pools[poolName]
		if !found {
			return nil, fmt.Errorf("emulator: seed: elastic resource pool %s does not exist", poolName)
		}
		if need := e.poolQueueCU(poolName) + int32(cu*len(names)); need > p.MinCU {
			return nil, fmt.Errorf("emulator: seed: elastic resource pool %s has min_cu=%d, its queues would need %d", poolName, p.MinCU, need)
		}
	}
	for _, n := range names {
		if _, taken := e.st.Queues[n]; taken || n == "default" {
			return nil, fmt.Errorf("emulator: seed: queue %s already exists", n)
		}
	}
	created := e.now().Add(-seedAge)
	for _, n := range names {
		e.st.NextQueueID++
		e.st.Queues[n] = &queue{
			Name: n, ID: e.st.NextQueueID, ResourceID: newUUID(), Type: qtype, CU: cu, PrevCU: cu,
			ChargingMode: 1, EnterpriseProjectID: "0", Platform: "x86_64", ResourceMode: 1, Feature: "basic",
			Tags: tags, Pool: poolName, Engine: engine, Properties: map[string]string{},
			CreatedAt: created, ScaledAt: created,
		}
	}
	return names, e.save()
}

// SeedConnections adds Count ACTIVE connections without bindings and returns
// their ids in name order. Creation times are a millisecond apart, in name
// order, so that the list (oldest first) has a stable order.
func (e *Emulator) SeedConnections(s Seed) ([]string, error) {
	names, err := s.names(maxConnNameLen, false)
	if err != nil {
		return nil, err
	}
	tags, err := s.tagList()
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	taken := map[string]bool{}
	for _, cn := range e.st.Connections {
		if !cn.deleted(now) {
			taken[cn.Name] = true
		}
	}
	for _, n := range names {
		if taken[n] {
			return nil, fmt.Errorf("emulator: seed: enhanced connection %s already exists", n)
		}
	}
	created := now.Add(-seedAge)
	ids := make([]string, 0, len(names))
	for i, n := range names {
		cn := &connection{
			ID: newUUID(), Name: n, DestVPCID: "vpc-seed", DestNetworkID: "subnet-seed", Tags: tags,
			CreatedAt: created.Add(time.Duration(i) * time.Millisecond),
		}
		e.st.Connections[cn.ID] = cn
		ids = append(ids, cn.ID)
	}
	return ids, e.save()
}
