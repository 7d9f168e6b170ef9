package emulator

import "testing"

// Connection names follow looser rules than pool and queue names: an
// underscore first or digits only are fine, anything but letters, digits and
// underscores is not.
func TestConnectionNameRules(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	body := func(name string) map[string]any {
		return map[string]any{"name": name, "dest_vpc_id": "v", "dest_network_id": "n"}
	}
	for _, ok := range []string{"_dwh", "2024", "Conn_1"} {
		a.must("POST", a.conns(), body(ok))
	}
	for _, bad := range []string{"", "conn-1", "conn.1", "conn 1"} {
		a.fail(400, "DLI.0001", "POST", a.conns(), body(bad))
	}
}
