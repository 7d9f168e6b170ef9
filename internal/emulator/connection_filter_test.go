package emulator

import (
	"strings"
	"testing"
)

// TestConnectionNameFilterIsExact: the list's name filter matches the whole
// name (the incumbent's data-source test expects nothing for name = "tf_test"
// while tf_test_xxxxx exists); by our assumption it also compares case.
func TestConnectionNameFilterIsExact(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	for _, name := range []string{"tf_test_abcde", "tf_test", "TF_TEST_ABCDE", "x_tf_test"} {
		a.must("POST", a.conns(), map[string]any{"name": name, "dest_vpc_id": "v", "dest_network_id": "s"})
	}
	for filter, want := range map[string]string{
		"tf_test":       "tf_test",
		"tf_test_abcde": "tf_test_abcde",
		"TF_TEST_ABCDE": "TF_TEST_ABCDE",
		"tf_test_ab":    "",
		"Tf_Test":       "",
	} {
		r := a.must("GET", a.conns(), nil, "name", filter)
		if got := strings.Join(listNames(r, "connections", "name"), ","); got != want {
			t.Errorf("name=%q listed %q, want %q", filter, got, want)
		}
	}
}
