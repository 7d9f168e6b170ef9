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
