package emulator

import (
	"strings"
	"testing"
	"time"
)

// TestQueueCreateNeedsAvailablePool: a queue can be created in a pool only
// while the pool is AVAILABLE; a SCALING pool refuses it with DLI.0012, as
// adding an existing queue to it does.
func TestQueueCreateNeedsAvailablePool(t *testing.T) {
	srv, clk := startTest(t, Delays{PoolScale: 5 * time.Second})
	a := api{t, srv}
	a.createPool("scal_pool", 128)
	a.must("PUT", a.pools()+"/scal_pool", map[string]any{"max_cu": 192})
	if p := a.poolByName("scal_pool"); p == nil || p["status"] != "SCALING" {
		t.Fatalf("pool after the CU update: %v", p)
	}
	body := map[string]any{"queue_name": "scal_q", "cu_count": 16, "elastic_resource_pool_name": "scal_pool"}
	r := a.fail(400, "DLI.0012", "POST", a.queues(), body)
	if msg, _ := r.body["error_msg"].(string); !strings.Contains(msg, "SCALING") {
		t.Fatalf("the refusal does not say the pool is scaling: %s", r.raw)
	}
	clk.Advance(6 * time.Second)
	a.must("POST", a.queues(), body)
}

// TestBindNeedsAvailablePool: a pool that is being scaled, and a queue of
// that pool, cannot be bound (at create or through associate-queue) until
// the pool is AVAILABLE again; the refusal names the pool and its status.
func TestBindNeedsAvailablePool(t *testing.T) {
	srv, clk := startTest(t, Delays{PoolScale: 5 * time.Second})
	a := api{t, srv}
	a.createPool("bind_pool", 128)
	a.must("POST", a.queues(), map[string]any{"queue_name": "bind_q", "cu_count": 16, "elastic_resource_pool_name": "bind_pool"})
	conn := a.must("POST", a.conns(), map[string]any{"name": "bind_c", "dest_vpc_id": "v", "dest_network_id": "n"})
	id := conn.body["connection_id"].(string)
	a.must("PUT", a.pools()+"/bind_pool", map[string]any{"max_cu": 192})

	refusals := []struct {
		path string
		body map[string]any
	}{
		{a.conns(), map[string]any{"name": "bind_c2", "dest_vpc_id": "v", "dest_network_id": "n", "elastic_resource_pools": []string{"bind_pool"}}},
		{a.conns() + "/" + id + "/associate-queue", map[string]any{"elastic_resource_pools": []string{"bind_pool"}}},
		{a.conns() + "/" + id + "/associate-queue", map[string]any{"queues": []string{"bind_q"}}},
	}
	for _, c := range refusals {
		r := a.fail(400, "DLI.0012", "POST", c.path, c.body)
		if msg, _ := r.body["error_msg"].(string); !strings.Contains(msg, "bind_pool is SCALING") {
			t.Errorf("POST %s: the refusal does not name the pool and its status: %s", c.path, r.raw)
		}
	}
	clk.Advance(6 * time.Second)
	for _, c := range refusals {
		a.must("POST", c.path, c.body)
	}
}
