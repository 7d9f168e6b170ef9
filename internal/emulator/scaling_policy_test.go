package emulator

import (
	"strings"
	"testing"
	"time"
)

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
		{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:00", "min_cu": 16, "max_cu": 16},
		{"priority": 2, "impact_start_time": "08:00", "impact_stop_time": "24:00", "min_cu": 16, "max_cu": 64},
	}})
	if p := policies(); len(p) != 2 || p[1].(map[string]any)["impact_stop_time"] != "24:00" {
		t.Errorf("policies after update = %v", p)
	}
	a.fail(400, "DLI.0001", "PUT", a.pools()+"/dp/queues/dq", map[string]any{"queue_scaling_policies": []map[string]any{
		{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:30", "min_cu": 16, "max_cu": 32}}})
}

// TestScalingPolicyRules pins the emulator's reading of the scaling policy
// API: exactly one 00:00-24:00 default policy, whole hours, windows that may
// cross midnight, no overlap among the other windows, max_cu within the pool,
// and at every hour the pool's queues' minimums within the pool's min_cu.
func TestScalingPolicyRules(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("rp", 128)
	a.must("POST", a.queues(), map[string]any{"queue_name": "rq", "cu_count": 16, "elastic_resource_pool_name": "rp"})
	a.must("POST", a.queues(), map[string]any{"queue_name": "other", "cu_count": 16, "elastic_resource_pool_name": "rp"})
	path := a.pools() + "/rp/queues/rq"
	pol := func(priority int, start, stop string, minCU, maxCU int) map[string]any {
		return map[string]any{"priority": priority, "impact_start_time": start, "impact_stop_time": stop, "min_cu": minCU, "max_cu": maxCU}
	}
	put := func(ps ...map[string]any) map[string]any { return map[string]any{"queue_scaling_policies": ps} }
	day := pol(1, "00:00", "24:00", 16, 16)

	// Accepted: the API reference's example shape (a default and two
	// windows, one crossing midnight), and the huaweicloud provider's test.
	a.must("PUT", path, put(day, pol(100, "10:00", "22:00", 16, 64), pol(50, "22:00", "10:00", 16, 32)))
	a.must("PUT", path, put(day, pol(2, "00:00", "01:00", 20, 28)))
	// Equal priorities are not documented as refused.
	a.must("PUT", path, put(day, pol(1, "03:00", "04:00", 16, 16)))

	for name, body := range map[string]map[string]any{
		"no default":            put(pol(1, "00:00", "12:00", 16, 16), pol(2, "12:00", "24:00", 16, 16)),
		"two defaults":          put(day, pol(2, "00:00", "24:00", 16, 16)),
		"overlap":               put(day, pol(2, "01:00", "05:00", 16, 16), pol(3, "04:00", "06:00", 16, 16)),
		"overlap over midnight": put(day, pol(2, "22:00", "02:00", 16, 16), pol(3, "01:00", "03:00", 16, 16)),
		"not a whole hour":      put(day, pol(2, "01:30", "05:00", 16, 16)),
		"empty window":          put(day, pol(2, "05:00", "05:00", 16, 16)),
		"min above max":         put(day, pol(2, "01:00", "05:00", 32, 16)),
		"above pool max":        put(day, pol(2, "01:00", "05:00", 16, 256)),
		// other keeps 16 at every hour; the pool's min_cu is 64.
		"pool minimum": put(day, pol(2, "03:00", "04:00", 52, 52)),
	} {
		t.Run(name, func(t *testing.T) {
			a := api{t, srv}
			a.fail(400, "DLI.0001", "PUT", path, body)
		})
	}
	// 48 + 16 = 64 is within the pool's min_cu.
	a.must("PUT", path, put(day, pol(2, "03:00", "04:00", 48, 48)))
}

// TestPooledQueueSizedByPolicy pins that the queue action API refuses a
// pooled queue (API reference, "Restarting, Scaling Out, and Scaling In
// Queues") and that the default policy's max_cu becomes the queue's size once
// Delays.QueueScale has passed (our assumption).
func TestPooledQueueSizedByPolicy(t *testing.T) {
	srv, clk := startTest(t, Delays{QueueScale: 5 * time.Second})
	a := api{t, srv}
	a.createPool("sp", 128)
	a.must("POST", a.queues(), map[string]any{"queue_name": "sq", "cu_count": 16, "elastic_resource_pool_name": "sp"})
	r := a.fail(400, "DLI.0007", "PUT", a.queues()+"/sq/action", map[string]any{"action": "scale_out", "cu_count": 16})
	if !strings.Contains(string(r.raw), "scaling policy") {
		t.Errorf("refusal does not point at the scaling policy: %s", r.raw)
	}
	a.must("PUT", a.queues()+"/sq/action", map[string]any{"action": "restart"})
	a.must("PUT", a.pools()+"/sp/queues/sq", map[string]any{"queue_scaling_policies": []map[string]any{
		{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:00", "min_cu": 32, "max_cu": 48}}})
	size := func() (int, int) {
		r := a.must("GET", a.queues()+"/sq", nil)
		return num(r.body["cuCount"]), num(r.body["cu_spec"])
	}
	if cu, _ := size(); cu != 16 {
		t.Errorf("cuCount while resizing = %v, want 16", cu)
	}
	clk.Advance(6 * time.Second)
	if cu, spec := size(); cu != 48 || spec != 48 {
		t.Errorf("cuCount, cu_spec after resizing = %v, %v, want 48", cu, spec)
	}
}

// TestStandaloneScaleLimits pins the user guide's "Elastic Scaling of
// Queues": 16-CU queues cannot be scaled at all, 64-CU queues cannot be
// scaled in.
func TestStandaloneScaleLimits(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.must("POST", a.queues(), map[string]any{"queue_name": "small", "cu_count": 16})
	a.must("POST", a.queues(), map[string]any{"queue_name": "mid", "cu_count": 64})
	a.must("POST", a.queues(), map[string]any{"queue_name": "big", "cu_count": 256})
	a.fail(400, "DLI.0009", "PUT", a.queues()+"/small/action", map[string]any{"action": "scale_out", "cu_count": 48})
	a.fail(400, "DLI.0009", "PUT", a.queues()+"/mid/action", map[string]any{"action": "scale_in", "cu_count": 48})
	a.must("PUT", a.queues()+"/mid/action", map[string]any{"action": "scale_out", "cu_count": 192})
	a.must("PUT", a.queues()+"/big/action", map[string]any{"action": "scale_in", "cu_count": 192})
}

// TestQueueAssigning pins Delays.QueueAssigning: right after creation a
// queue refuses follow-up calls with the message the user guide quotes, and
// accepts them once the window has passed; by default there is no window.
func TestQueueAssigning(t *testing.T) {
	srv, clk := startTest(t, Delays{QueueAssigning: 10 * time.Second})
	a := api{t, srv}
	a.createPool("ap", 128)
	a.must("POST", a.queues(), map[string]any{"queue_name": "aq", "cu_count": 16, "elastic_resource_pool_name": "ap"})
	a.must("POST", a.queues(), map[string]any{"queue_name": "solo", "cu_count": 64})
	conn := a.must("POST", a.conns(), map[string]any{"name": "ac", "dest_vpc_id": "v", "dest_network_id": "n"})
	id := conn.body["connection_id"].(string)
	props := "/v3/" + a.pid() + "/queues/aq/properties"
	followUps := []struct {
		method, path string
		body         any
	}{
		{"PUT", a.pools() + "/ap/queues/aq", map[string]any{"queue_scaling_policies": []map[string]any{
			{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:00", "min_cu": 16, "max_cu": 16}}}},
		{"PUT", props, map[string]any{"properties": map[string]any{"job.maxConcurrent": 2}}},
		{"GET", props, nil},
		{"DELETE", props, map[string]any{"keys": []string{"job.maxConcurrent"}}},
		{"PUT", a.queues() + "/solo/action", map[string]any{"action": "scale_out", "cu_count": 16}},
		{"POST", a.conns() + "/" + id + "/associate-queue", map[string]any{"queues": []string{"aq"}}},
	}
	for _, f := range followUps {
		r := a.fail(400, "DLI.0012", f.method, f.path, f.body)
		if !strings.Contains(string(r.raw), "is assigning, which is not available") {
			t.Errorf("%s %s: %s", f.method, f.path, r.raw)
		}
	}
	// Reads of the queue itself are not refused.
	a.must("GET", a.queues()+"/aq", nil)
	clk.Advance(11 * time.Second)
	for _, f := range followUps {
		a.must(f.method, f.path, f.body)
	}

	srv2, _ := startTest(t, Delays{})
	b := api{t, srv2}
	b.createPool("zp", 128)
	b.must("POST", b.queues(), map[string]any{"queue_name": "zq", "cu_count": 16, "elastic_resource_pool_name": "zp"})
	b.must("PUT", "/v3/"+b.pid()+"/queues/zq/properties", map[string]any{"properties": map[string]any{"job.maxConcurrent": 2}})
}
