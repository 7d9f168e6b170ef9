package validate

import (
	"strings"
	"testing"
)

func TestCheckIPv4(t *testing.T) {
	for _, ok := range []string{"192.168.0.1", "0.0.0.0", "255.255.255.255"} {
		if msg := checkIPv4(ok); msg != "" {
			t.Errorf("%s rejected: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", "192.168.0", "192.168.0.256", "::1", "ecs-97f8-0001", "192.168.000.1", "1.2.3.4/32"} {
		if checkIPv4(bad) == "" {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The cases of the pool's cidr_in_vpc and of the connection's routes, which
// once had a check each.
func TestCheckCIDR(t *testing.T) {
	for in, want := range map[string]string{
		"172.16.0.0/12":  "",
		"172.16.0.0/14":  "",
		"10.0.0.0/8":     "",
		"192.168.1.0/24": "",
		"0.0.0.0/0":      "",
		"10.1.2.3/32":    "",
		"172.16.0.0/33":  "not in CIDR notation",
		"172.16.0.0":     "not in CIDR notation",
		"":               "not in CIDR notation",
		"not-a-cidr":     "not in CIDR notation",
		"10.0.0.0/33":    `"10.0.0.0/33" is not an IPv4 CIDR block`,
		"172.16.0.1/12":  "has host bits set; use the network address 172.16.0.0/12",
		"10.0.0.1/16":    "has host bits set; use the network address 10.0.0.0/16",
		"fd00::/8":       "not an IPv4 network",
	} {
		got := checkCIDR(in)
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("checkCIDR(%q) = %q, want it to contain %q", in, got, want)
		}
	}
}
