package connection

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func TestDiffNames(t *testing.T) {
	cases := []struct {
		name           string
		prior, planned []string
		added, removed []string
	}{
		{"nothing", nil, nil, nil, nil},
		{"bind first", nil, []string{"p1"}, []string{"p1"}, nil},
		{"unbind all", []string{"p1", "p2"}, nil, nil, []string{"p1", "p2"}},
		{"swap", []string{"p1", "p2"}, []string{"p2", "p3"}, []string{"p3"}, []string{"p1"}},
		{"case only is no change", []string{"pool_a"}, []string{"Pool_A"}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			added, removed := diffNames(c.prior, c.planned)
			if !reflect.DeepEqual(added, c.added) || !reflect.DeepEqual(removed, c.removed) {
				t.Errorf("diffNames(%v, %v) = %v, %v; want %v, %v", c.prior, c.planned, added, removed, c.added, c.removed)
			}
		})
	}
}

func TestDiffRoutes(t *testing.T) {
	r := func(name, cidr string) client.Route { return client.Route{Name: name, CIDR: cidr} }
	cases := []struct {
		name           string
		prior, planned []client.Route
		del            []string
		add            []client.Route
	}{
		{"nothing", nil, nil, nil, nil},
		{"add", nil, []client.Route{r("a", "10.0.0.0/8")}, nil, []client.Route{r("a", "10.0.0.0/8")}},
		{"remove", []client.Route{r("a", "10.0.0.0/8")}, nil, []string{"a"}, nil},
		{"unchanged", []client.Route{r("a", "10.0.0.0/8")}, []client.Route{r("a", "10.0.0.0/8")}, nil, nil},
		{
			"changed cidr is delete then add",
			[]client.Route{r("a", "10.0.0.0/8"), r("b", "172.16.0.0/12")},
			[]client.Route{r("a", "10.1.0.0/16"), r("b", "172.16.0.0/12")},
			[]string{"a"}, []client.Route{r("a", "10.1.0.0/16")},
		},
		{
			"case-only rename is delete then add",
			[]client.Route{r("RouteA", "10.0.0.0/8")},
			[]client.Route{r("routea", "10.0.0.0/8")},
			[]string{"RouteA"}, []client.Route{r("routea", "10.0.0.0/8")},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			del, add := diffRoutes(c.prior, c.planned)
			if !reflect.DeepEqual(del, c.del) || !reflect.DeepEqual(add, c.add) {
				t.Errorf("diffRoutes = %v, %v; want %v, %v", del, add, c.del, c.add)
			}
		})
	}
}

func TestReadiness(t *testing.T) {
	b := func(name, status string) client.Binding {
		return client.Binding{Name: name, Status: status, ErrMsg: map[bool]string{true: "peer refused"}[status == "FAILED"]}
	}
	conn := func(status string, pools, queues []client.Binding) *client.Connection {
		return &client.Connection{Name: "c1", Status: status, Pools: pools, Queues: queues}
	}
	cases := []struct {
		name          string
		conn          *client.Connection
		pools, queues []string
		done          bool
		statusHas     string
		failed        string // name expected in a bindingFailedError
	}{
		{"active, nothing bound", conn("ACTIVE", nil, nil), nil, nil, true, "ACTIVE", ""},
		{"all active", conn("ACTIVE", []client.Binding{b("p1", "ACTIVE")}, []client.Binding{b("q1", "ACTIVE")}),
			[]string{"p1"}, []string{"q1"}, true, "ACTIVE", ""},
		{"case-insensitive match", conn("ACTIVE", []client.Binding{b("pool_a", "ACTIVE")}, nil),
			[]string{"Pool_A"}, nil, true, "ACTIVE", ""},
		{"binding creating", conn("ACTIVE", []client.Binding{b("p1", "CREATING")}, nil),
			[]string{"p1"}, nil, false, "elastic resource pool p1 CREATING", ""},
		{"binding not listed yet counts as not ready", conn("ACTIVE", nil, nil),
			nil, []string{"q1"}, false, "queue q1 not listed yet", ""},
		{"unbound one still listed", conn("ACTIVE", []client.Binding{b("p1", "ACTIVE"), b("p2", "ACTIVE")}, nil),
			[]string{"p1"}, nil, false, "p2 still bound", ""},
		{"connection not active", conn("CREATING", nil, nil), nil, nil, false, "connection CREATING", ""},
		{"failed pool", conn("ACTIVE", []client.Binding{b("p1", "FAILED")}, nil),
			[]string{"p1"}, nil, false, "", "p1"},
		{"failed queue", conn("ACTIVE", []client.Binding{b("p1", "ACTIVE")}, []client.Binding{b("q1", "FAILED")}),
			[]string{"p1"}, []string{"q1"}, false, "", "q1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, done, err := readiness(c.conn, c.pools, c.queues)
			if c.failed != "" {
				var fe *bindingFailedError
				if !errors.As(err, &fe) || fe.Name != c.failed {
					t.Fatalf("want a failed-binding error for %s, got %v", c.failed, err)
				}
				for _, want := range []string{c.failed, "peer refused", `"c1"`} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not mention %q", err, want)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if done != c.done || !strings.Contains(status, c.statusHas) {
				t.Errorf("readiness = %q, %v; want done=%v and status containing %q", status, done, c.done, c.statusHas)
			}
		})
	}
}

// againstCurrent: unbinds only what DLI still lists; binds every wanted name
// DLI does not list, once.
func TestAgainstCurrent(t *testing.T) {
	current := []client.Binding{{Name: "kept"}, {Name: "dropped"}}
	unbind, bind := againstCurrent([]string{"Dropped", "vanished"}, []string{"new"}, []string{"kept", "new", "recreated"}, current)
	if want := []string{"Dropped"}; !reflect.DeepEqual(unbind, want) {
		t.Errorf("unbind = %v, want %v", unbind, want)
	}
	if want := []string{"new", "recreated"}; !reflect.DeepEqual(bind, want) {
		t.Errorf("bind = %v, want %v", bind, want)
	}
}
