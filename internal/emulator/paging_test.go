package emulator

import (
	"math"
	"strconv"
	"testing"
)

// TestPaginateNoOverflow: a window whose end does not fit in an int is cut at
// the end of the list instead of wrapping into a negative slice bound.
func TestPaginateNoOverflow(t *testing.T) {
	cases := []struct{ n, offset, limit, from, to int }{
		{3, 1, math.MaxInt, 1, 3},
		{3, 0, math.MaxInt, 0, 3},
		{3, math.MaxInt, math.MaxInt, 3, 3},
		{3, 2, 1, 2, 3},
		{3, 0, 0, 0, 3},
		{3, -5, 2, 0, 2},
	}
	for _, c := range cases {
		from, to := paginate(c.n, c.offset, c.limit)
		if from != c.from || to != c.to {
			t.Errorf("paginate(%d, %d, %d) = [%d, %d), want [%d, %d)", c.n, c.offset, c.limit, from, to, c.from, c.to)
		}
	}
}

// TestHugePageParameters: the largest limits, offsets and page numbers give
// the rest of the list or an empty page, never a 5xx or the first page again.
func TestHugePageParameters(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("big_a", 64)
	a.createPool("big_b", 64)
	for _, name := range []string{"bq1", "bq2", "bq3"} {
		a.must("POST", a.queues(), map[string]any{"queue_name": name, "cu_count": 16})
	}
	a.must("POST", a.conns(), map[string]any{"name": "big_c1", "dest_vpc_id": "v", "dest_network_id": "s"})
	a.must("POST", a.conns(), map[string]any{"name": "big_c2", "dest_vpc_id": "v", "dest_network_id": "s"})
	maxInt := strconv.Itoa(math.MaxInt)

	if r := a.must("GET", a.pools(), nil, "limit", maxInt, "offset", "1"); len(r.body["elastic_resource_pools"].([]any)) != 1 {
		t.Errorf("pools limit=MaxInt offset=1: %s", r.raw)
	}
	if r := a.must("GET", a.conns(), nil, "limit", maxInt, "offset", "1"); len(r.body["connections"].([]any)) != 1 {
		t.Errorf("connections limit=MaxInt offset=1: %s", r.raw)
	}
	if r := a.must("GET", a.conns(), nil, "limit", maxInt, "offset", maxInt); len(r.body["connections"].([]any)) != 0 {
		t.Errorf("connections offset=MaxInt: %s", r.raw)
	}
	// (pageNo-1)*size would wrap to a negative offset and answer page 1.
	huge := strconv.Itoa(1 << 62)
	for _, q := range [][]string{
		{"page-size", huge, "current-page", "3"},
		{"page-size", "2", "current-page", maxInt},
		{"page-size", maxInt, "current-page", maxInt},
	} {
		r := a.must("GET", a.queues(), nil, append([]string{"queue_type", "all"}, q...)...)
		if got := len(r.body["queues"].([]any)); got != 0 || num(r.body["count"]) != 3 {
			t.Errorf("queues %v: got %d items (count %v), want an empty page of 3: %s", q, got, r.body["count"], r.raw)
		}
	}
	if r := a.must("GET", a.queues(), nil, "queue_type", "all", "page-size", "2", "current-page", "2"); len(r.body["queues"].([]any)) != 1 {
		t.Errorf("queues page 2 of size 2: %s", r.raw)
	}
}
