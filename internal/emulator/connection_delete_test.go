package emulator

import (
	"testing"
	"time"
)

// TestConnectionDeleteIsIdempotent: a delete repeated while the connection is
// still being deleted (a retry after a lost answer) succeeds, like pool and
// queue deletes, and does not restart the deletion.
func TestConnectionDeleteIsIdempotent(t *testing.T) {
	srv, clk := startTest(t, Delays{ConnectionDelete: 5 * time.Second})
	a := api{t, srv}
	r := a.must("POST", a.conns(), map[string]any{"name": "idem_c", "dest_vpc_id": "v", "dest_network_id": "s"})
	id, _ := r.body["connection_id"].(string)
	a.must("DELETE", a.conns()+"/"+id, nil)
	clk.Advance(3 * time.Second)
	a.must("DELETE", a.conns()+"/"+id, nil)
	if g := a.must("GET", a.conns()+"/"+id, nil); g.body["status"] != "ACTIVE" {
		t.Fatalf("status while deleting: %s", g.raw)
	}
	clk.Advance(2 * time.Second)
	if g := a.must("GET", a.conns()+"/"+id, nil); g.body["status"] != "DELETED" {
		t.Fatalf("the repeated delete restarted the deletion: %s", g.raw)
	}
	a.fail(400, "DLI.0001", "DELETE", a.conns()+"/"+id, nil) // a DELETED connection answers as a missing one
	// Changes other than the delete are still refused while deleting.
	r = a.must("POST", a.conns(), map[string]any{"name": "idem_d", "dest_vpc_id": "v", "dest_network_id": "s"})
	other, _ := r.body["connection_id"].(string)
	a.must("DELETE", a.conns()+"/"+other, nil)
	a.fail(400, "DLI.0009", "PUT", a.conns()+"/"+other, map[string]any{"hosts": []any{}})
}
