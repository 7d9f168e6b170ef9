package emulator

import (
	"strings"
	"testing"
)

// TestRouteNamesAreOneTo64Characters: "Creating a Route" documents the name
// as 1 to 64 characters with no character set, so any such name is accepted
// (and can be deleted by name), and only the length is refused, counted in
// characters rather than bytes.
func TestRouteNamesAreOneTo64Characters(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	r := a.must("POST", a.conns(), map[string]any{"name": "rn_c", "dest_vpc_id": "v", "dest_network_id": "s"})
	routes := "/v3/" + a.pid() + "/datasource/enhanced-connections/" + r.body["connection_id"].(string) + "/routes"
	cjk64 := strings.Repeat("路", 64) // 64 characters, 192 bytes
	names := []string{"route.a", "路由", "r 1", "R+1", cjk64}
	for i, name := range names {
		a.must("POST", routes, map[string]any{"name": name, "cidr": "10." + string(rune('1'+i)) + ".0.0/16"})
	}
	for _, bad := range []string{"", strings.Repeat("路", 65)} {
		a.fail(400, "DLI.0001", "POST", routes, map[string]any{"name": bad, "cidr": "10.9.0.0/16"})
	}
	for _, name := range names {
		a.must("DELETE", routes+"/"+name, nil)
	}
}
