package emulator

import "testing"

// TestDefaultScalingPolicy checks that a queue created in a pool carries DLI's
// default whole-day policy, and that a policy may run to 24:00.
func TestDefaultScalingPolicy(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "dp", "min_cu": 64, "max_cu": 128})
	a.must("POST", a.queues(), map[string]any{"queue_name": "dq", "cu_count": 16, "elastic_resource_pool_name": "dp"})
	policies := func() []any {
		r := a.must("GET", a.pools()+"/dp/queues", nil, "queue_name", "dq")
		qs := r.body["queues"].([]any)
		if len(qs) != 1 {
			t.Fatalf("pool queues: %s", r.raw)
		}
		return qs[0].(map[string]any)["queue_scaling_policies"].([]any)
	}
	p := policies()
	if len(p) != 1 {
		t.Fatalf("default policies = %v", p)
	}
	d := p[0].(map[string]any)
	if num(d["priority"]) != 1 || d["impact_start_time"] != "00:00" || d["impact_stop_time"] != "24:00" ||
		num(d["min_cu"]) != 16 || num(d["max_cu"]) != 16 {
		t.Errorf("default policy = %v", d)
	}
	a.must("PUT", a.pools()+"/dp/queues/dq", map[string]any{"queue_scaling_policies": []map[string]any{
		{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "08:00", "min_cu": 16, "max_cu": 32},
		{"priority": 2, "impact_start_time": "08:00", "impact_stop_time": "24:00", "min_cu": 16, "max_cu": 64},
	}})
	if p := policies(); len(p) != 2 || p[1].(map[string]any)["impact_stop_time"] != "24:00" {
		t.Errorf("policies after update = %v", p)
	}
	a.fail(400, "DLI.0001", "PUT", a.pools()+"/dp/queues/dq", map[string]any{"queue_scaling_policies": []map[string]any{
		{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:30", "min_cu": 16, "max_cu": 32}}})
}
