package emulator

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPoolDeleteCooldown: a pool refuses deletion for Delays.PoolDeleteCooldown
// after its creation (the incumbent's acceptance tests wait 15 minutes before
// deleting a pool), then accepts it.
func TestPoolDeleteCooldown(t *testing.T) {
	srv, clk := startTest(t, Delays{PoolCreate: time.Second, PoolDeleteCooldown: 5 * time.Minute}) // not 15: the fake clock must stay within the signature skew
	a := api{t, srv}
	a.createPool("young", 64)
	clk.Advance(2 * time.Second)
	r := a.fail(400, "DLI.0009", "DELETE", a.pools()+"/young", nil)
	if msg, _ := r.body["error_msg"].(string); !strings.Contains(msg, "cannot be deleted yet") || !strings.Contains(msg, "young") {
		t.Fatalf("refusal does not say why: %s", r.raw)
	}
	if a.poolByName("young") == nil {
		t.Fatal("a refused delete removed the pool")
	}
	clk.Advance(5 * time.Minute)
	a.must("DELETE", a.pools()+"/young", nil)
	if a.poolByName("young") != nil {
		t.Fatal("pool still listed after the delete was accepted")
	}
}

// TestPoolDeleteCooldownOffByDefault: without the delay a new pool can be
// deleted at once, as the demo and every other test expect.
func TestPoolDeleteCooldownOffByDefault(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("p", 64)
	a.must("DELETE", a.pools()+"/p", nil)
}

// TestPoolScaleLag: after accepting a CU change the pool reports AVAILABLE,
// already with the new range, for Delays.PoolScaleLag, then SCALING for
// Delays.PoolScale, then AVAILABLE.
func TestPoolScaleLag(t *testing.T) {
	srv, clk := startTest(t, Delays{PoolScaleLag: 2 * time.Second, PoolScale: 10 * time.Second})
	a := api{t, srv}
	a.createPool("lag", 64)
	a.must("PUT", a.pools()+"/lag", map[string]any{"max_cu": 128, "min_cu": 64})
	if p := a.poolByName("lag"); p["status"] != "AVAILABLE" || num(p["max_cu"]) != 128 {
		t.Fatalf("during the lag: %v, want AVAILABLE with max_cu 128", p)
	}
	clk.Advance(2 * time.Second)
	if s := a.poolByName("lag")["status"]; s != "SCALING" {
		t.Fatalf("after the lag: status %v, want SCALING", s)
	}
	clk.Advance(10 * time.Second)
	if s := a.poolByName("lag")["status"]; s != "AVAILABLE" {
		t.Fatalf("after scaling: status %v", s)
	}
}

// TestStatusCase: SetStatusCase respells every reported status; list
// filters keep taking the documented capitals.
func TestStatusCase(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("cased", 64)
	srv.Emulator.SetStatusCase(StatusTitle)
	if s := a.poolByName("cased")["status"]; s != "Available" {
		t.Fatalf("pool status %v, want Available", s)
	}
	r := a.must("GET", a.pools(), nil, "status", "AVAILABLE")
	if num(r.body["count"]) != 1 {
		t.Fatalf("status filter: %s", r.raw)
	}
	r = a.must("POST", a.conns(), map[string]any{"name": "c1", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1",
		"elastic_resource_pools": []string{"cased"}})
	id, _ := r.body["connection_id"].(string)
	r = a.must("GET", a.conns()+"/"+id, nil)
	if r.body["status"] != "Active" || !strings.Contains(string(r.raw), `"status":"Active"`) {
		t.Fatalf("connection: %s", r.raw)
	}
	pools, _ := r.body["elastic_resource_pools"].([]any)
	if len(pools) != 1 || pools[0].(map[string]any)["status"] != "Active" {
		t.Fatalf("binding status not respelled: %s", r.raw)
	}
	srv.Emulator.SetStatusCase(StatusLower)
	if s := a.poolByName("cased")["status"]; s != "available" {
		t.Fatalf("pool status %v, want available", s)
	}
	// The connection list's status filter ignores case, in every spelling.
	for _, f := range []string{"ACTIVE", "Active", "active"} {
		if r := a.must("GET", a.conns(), nil, "status", f); num(r.body["count"]) != 1 {
			t.Errorf("connection status filter %q: %s", f, r.raw)
		}
	}
	if r := a.must("GET", a.conns(), nil, "status", "deleted"); num(r.body["count"]) != 0 {
		t.Errorf("connection status filter deleted: %s", r.raw)
	}
}

// TestRequestLogKeepsBodyKeys: the request log names the fields a call sent,
// never their values.
func TestRequestLogKeepsBodyKeys(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("keys", 64)
	srv.Emulator.ResetRequests()
	a.must("PUT", a.pools()+"/keys", map[string]any{"max_cu": 128, "min_cu": 64, "description": "s3cr3t-looking"})
	recs := srv.Emulator.Requests()
	if len(recs) != 1 || !slices.Equal(recs[0].BodyKeys, []string{"description", "max_cu", "min_cu"}) {
		t.Fatalf("records %+v", recs)
	}
}
