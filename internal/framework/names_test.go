package framework

import "testing"

func TestCountNamesConnections(t *testing.T) {
	many := make([]string, 0, 12)
	for _, c := range "abcdefghijkl" {
		many = append(many, string(c))
	}
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, "0 connections"},
		{[]string{"x"}, "1 connection (x)"},
		{[]string{"y", "x"}, "2 connections (x, y)"},
		{many, "12 connections (a, b, c, d, e, f, g, h, i, j and 2 more)"},
	} {
		if got := CountNames(tc.in, "connection"); got != tc.want {
			t.Errorf("CountNames(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCountNamesShowsAtMostTen(t *testing.T) {
	var names []string
	for _, c := range "lkjihgfedcba" {
		names = append(names, string(c))
	}
	if got, want := CountNames(names, "pool"), "12 pools (a, b, c, d, e, f, g, h, i, j and 2 more)"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := CountNames([]string{"x"}, "pool"); got != "1 pool (x)" {
		t.Fatalf("got %q", got)
	}
}
