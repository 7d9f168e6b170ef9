package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// listNames returns the names one list request reports under key/nameKey.
func listNames(r reply, key, nameKey string) []string {
	items, _ := r.body[key].([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		m, _ := it.(map[string]any)
		s, _ := m[nameKey].(string)
		out = append(out, s)
	}
	return out
}

func TestSeedPoolsAreAvailableTaggedAndPaged(t *testing.T) {
	srv, _ := startTest(t, Delays{PoolCreate: 10 * time.Minute})
	a := api{t, srv}
	a.createPool("other_pool", 64)
	names, err := srv.Emulator.SeedPools(Seed{Prefix: "Bulk", Count: 230, Tags: map[string]string{"batch": "b1"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 230 || names[0] != "bulk_0000" || names[229] != "bulk_0229" {
		t.Fatalf("names: got %d, first %q last %q", len(names), names[0], names[len(names)-1])
	}

	var seen []string
	for offset := 0; offset < 300; offset += 100 {
		r := a.must("GET", a.pools(), nil, "tags", "batch=b1", "limit", "100", "offset", fmt.Sprint(offset))
		if got := num(r.body["count"]); got != 230 {
			t.Fatalf("count at offset %d: got %d, want 230", offset, got)
		}
		seen = append(seen, listNames(r, "elastic_resource_pools", "elastic_resource_pool_name")...)
	}
	if strings.Join(seen, ",") != strings.Join(names, ",") {
		t.Fatalf("paged tag-filtered list differs from the seeded names: got %d names", len(seen))
	}

	p := a.poolByName("bulk_0042")
	if p["status"] != "AVAILABLE" || num(p["current_cu"]) != 64 || p["cidr_in_vpc"] != "172.16.0.0/12" {
		t.Fatalf("seeded pool: %v", p)
	}
	// The pool created through the API still waits for its (long) creation delay.
	if got := a.poolByName("other_pool")["status"]; got != "CREATING" {
		t.Fatalf("other pool: status %v, want CREATING", got)
	}
	// Seeded pools behave like any other: queues can be created in them.
	a.must("POST", a.queues(), map[string]any{"queue_name": "q_in_seed", "cu_count": 16, "elastic_resource_pool_name": "bulk_0001"})
}

func TestSeedPoolsRefusesTakenAndInvalidNames(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	e := srv.Emulator
	if _, err := e.SeedPools(Seed{Prefix: "dup", Count: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.SeedPools(Seed{Prefix: "DUP", Count: 3}); err == nil || !strings.Contains(err.Error(), "dup_0000 already exists") {
		t.Fatalf("taken name: got %v", err)
	}
	if _, err := e.SeedPools(Seed{Prefix: "_bad", Count: 1}); err == nil || !strings.Contains(err.Error(), "underscore") {
		t.Fatalf("invalid name: got %v", err)
	}
	if _, err := e.SeedPools(Seed{Prefix: "neg", Count: -1}); err == nil {
		t.Fatal("negative count accepted")
	}
	// The refused batch added nothing: dup_0002 would have been new.
	r := api{t, srv}.must("GET", api{t, srv}.pools(), nil)
	if got := num(r.body["count"]); got != 2 {
		t.Fatalf("pools after refused seeds: %d, want 2", got)
	}
}

func TestSeedQueuesStandaloneAndInPool(t *testing.T) {
	srv, _ := startTest(t, Delays{QueueCreate: 10 * time.Minute})
	a := api{t, srv}
	e := srv.Emulator
	names, err := e.SeedQueues(Seed{Prefix: "sq", Count: 150, Tags: map[string]string{"k": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.SeedQueues(Seed{Prefix: "gq", Count: 5, QueueType: "general"}); err != nil {
		t.Fatal(err)
	}
	// The list without page-size returns every queue of the type in one answer.
	r := a.must("GET", a.queues(), nil, "queue_type", "sql", "tags", "k=v")
	if got := listNames(r, "queues", "queue_name"); len(got) != 150 || got[0] != names[0] || got[149] != names[149] {
		t.Fatalf("sql queues: got %d", len(got))
	}
	r = a.must("GET", a.queues(), nil, "queue_type", "general")
	if got := listNames(r, "queues", "queue_name"); strings.Join(got, ",") != "gq_0000,gq_0001,gq_0002,gq_0003,gq_0004" {
		t.Fatalf("general queues: %v", got)
	}
	// Seeded queues read as created: full CU count at once.
	q := a.must("GET", a.queues()+"/sq_0007", nil)
	if num(q.body["cuCount"]) != 16 || q.body["queueType"] != "sql" {
		t.Fatalf("seeded queue: %s", q.raw)
	}

	if _, err := e.SeedPools(Seed{Prefix: "host", Count: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.SeedQueues(Seed{Prefix: "inpool", Count: 4, Pool: "HOST_0000"}); err != nil {
		t.Fatal(err)
	}
	if got := a.poolByName("host_0000")["queues"].([]any); len(got) != 4 {
		t.Fatalf("pool queues: %v", got)
	}
	// A fifth 16-CU queue would exceed the pool's 64 min CUs.
	if _, err := e.SeedQueues(Seed{Prefix: "over", Count: 1, Pool: "host_0000"}); err == nil || !strings.Contains(err.Error(), "min_cu=64") {
		t.Fatalf("over capacity: got %v", err)
	}
	if _, err := e.SeedQueues(Seed{Prefix: "x", Count: 1, Pool: "nopool"}); err == nil {
		t.Fatal("missing pool accepted")
	}
	if _, err := e.SeedQueues(Seed{Prefix: "x", Count: 1, QueueType: "flink"}); err == nil {
		t.Fatal("bad queue type accepted")
	}
}

func TestSeedConnectionsPagedOldestFirst(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	ids, err := srv.Emulator.SeedConnections(Seed{Prefix: "Conn", Count: 120, Tags: map[string]string{"team": "x"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 120 {
		t.Fatalf("ids: %d", len(ids))
	}
	first := a.must("GET", a.conns(), nil, "limit", "100", "offset", "0", "tags", "team=x")
	second := a.must("GET", a.conns(), nil, "limit", "100", "offset", "100", "tags", "team=x")
	got := append(listNames(first, "connections", "id"), listNames(second, "connections", "id")...)
	if strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Fatalf("paged ids differ from the seeded ones (got %d)", len(got))
	}
	// count is the number of connections this answer returns, not the total
	// ("Listing Enhanced Datasource Connections").
	if num(first.body["count"]) != 100 || num(second.body["count"]) != 20 {
		t.Fatalf("count: %v and %v, want each page's length 100 and 20", first.body["count"], second.body["count"])
	}
	if past := a.must("GET", a.conns(), nil, "limit", "100", "offset", "120", "tags", "team=x"); num(past.body["count"]) != 0 {
		t.Fatalf("count past the end: %s", past.raw)
	}
	c := a.must("GET", a.conns()+"/"+ids[3], nil)
	if c.body["name"] != "Conn_0003" || c.body["status"] != "ACTIVE" {
		t.Fatalf("seeded connection: %s", c.raw)
	}
	if _, err := srv.Emulator.SeedConnections(Seed{Prefix: "Conn", Count: 1}); err == nil {
		t.Fatal("taken connection name accepted")
	}
}
