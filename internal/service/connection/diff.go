package connection

import (
	"strings"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// diffNames compares two sets of pool or queue names case-insensitively (DLI
// lower-cases them) and returns what to bind and what to unbind.
func diffNames(prior, planned []string) (added, removed []string) {
	return minus(planned, prior), minus(prior, planned)
}

// minus returns the names of a that are not in b, in a's order.
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !containsFold(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// againstCurrent turns the binding changes computed from the state into
// the ones to send, given the bindings DLI lists now: unbinds only of names
// still listed (a pool or queue deleted earlier in the same run was unbound
// before its delete, and unbinding its name again may be refused), and binds
// of every wanted name not listed (one that was deleted and created again
// under the same name is no longer bound, though the state says it is).
func againstCurrent(del, add, wanted []string, current []client.Binding) (unbind, bind []string) {
	for _, n := range del {
		if _, ok := findBinding(current, n); ok {
			unbind = append(unbind, n)
		}
	}
	bind = append(bind, add...)
	for _, n := range wanted {
		if _, ok := findBinding(current, n); !ok && !containsFold(bind, n) {
			bind = append(bind, n)
		}
	}
	return unbind, bind
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// diffRoutes returns the route names to delete and the routes to add to turn
// prior into planned. The v3 route API has no update: a route whose CIDR
// changed is deleted and added again under the same name. Names compare
// exactly: a route renamed only in case is deleted and added under the new
// spelling, so that DLI holds the spelling the state records and a later
// delete by that name finds the route whether or not DLI ignores case.
func diffRoutes(prior, planned []client.Route) (del []string, add []client.Route) {
	find := func(rs []client.Route, name string) (client.Route, bool) {
		for _, r := range rs {
			if r.Name == name {
				return r, true
			}
		}
		return client.Route{}, false
	}
	for _, r := range prior {
		if p, ok := find(planned, r.Name); !ok || p.CIDR != r.CIDR {
			del = append(del, r.Name)
		}
	}
	for _, p := range planned {
		if r, ok := find(prior, p.Name); !ok || r.CIDR != p.CIDR {
			add = append(add, p)
		}
	}
	return del, add
}

func findBinding(bs []client.Binding, name string) (client.Binding, bool) {
	for _, b := range bs {
		if strings.EqualFold(b.Name, name) {
			return b, true
		}
	}
	return client.Binding{}, false
}
