package emulator

import (
	"net/http"
	"testing"
)

// TestMissingConnectionAnswersDLI0001: every call on a connection id DLI does
// not know answers DLI.0001 "Connection xxx is not exist" (the answer the
// incumbent provider's resource_huaweicloud_dli_datasource_connection_privilege.go
// documents), not DLI.0002. Calls on a live connection with a bad parameter
// answer DLI.0001 too, with a message that names the parameter.
func TestMissingConnectionAnswersDLI0001(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("mc_pool", 64)
	const id = "2a4a6c1e-0000-4000-8000-000000000000"
	conn := a.conns() + "/" + id
	routes := "/v3/" + a.pid() + "/datasource/enhanced-connections/" + id + "/routes"
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, conn, nil},
		{http.MethodDelete, conn, nil},
		{http.MethodPut, conn, map[string]any{"hosts": []any{}}},
		{http.MethodPost, conn + "/associate-queue", map[string]any{"elastic_resource_pools": []string{"mc_pool"}}},
		{http.MethodPost, conn + "/disassociate-queue", map[string]any{"elastic_resource_pools": []string{"mc_pool"}}},
		{http.MethodPost, routes, map[string]any{"name": "r1", "cidr": "10.0.0.0/8"}},
		{http.MethodDelete, routes + "/r1", nil},
	} {
		r := a.fail(400, "DLI.0001", c.method, c.path, c.body)
		if got, want := r.body["error_msg"], "Connection "+id+" is not exist"; got != want {
			t.Errorf("%s %s: error_msg = %q, want %q", c.method, c.path, got, want)
		}
	}

	r := a.must("POST", a.conns(), map[string]any{"name": "mc_live", "dest_vpc_id": "v", "dest_network_id": "s"})
	live := r.body["connection_id"].(string)
	bad := a.fail(400, "DLI.0001", "POST", a.conns()+"/"+live+"/routes", map[string]any{"name": "r1", "cidr": "10.0.0.1/8"})
	if msg, _ := bad.body["error_msg"].(string); msg == "Connection "+live+" is not exist" {
		t.Errorf("an invalid parameter on a live connection answered as a missing connection: %s", bad.raw)
	}
}
