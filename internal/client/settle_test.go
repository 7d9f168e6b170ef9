package client

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// lostAnswers are the transient failures a non-idempotent call must survive:
// refused before it took effect, or answered (or cut off) after it did.
var lostAnswers = []struct {
	name  string
	fault func(method, path string) emulator.Fault
}{
	{"503 before applying", func(m, p string) emulator.Fault {
		return emulator.Fault{Method: m, PathRegexp: p, Status: 503, Code: "DLI.0999", Count: 1}
	}},
	{"503 after applying", func(m, p string) emulator.Fault {
		return emulator.Fault{Method: m, PathRegexp: p, Status: 503, Code: "DLI.0999", AfterApply: true, Count: 1}
	}},
	{"connection dropped before applying", func(m, p string) emulator.Fault {
		return emulator.Fault{Method: m, PathRegexp: p, Drop: true, Count: 1}
	}},
	{"connection dropped after applying", func(m, p string) emulator.Fault {
		return emulator.Fault{Method: m, PathRegexp: p, Drop: true, AfterApply: true, Count: 1}
	}},
}

// TestUnsafeCallsSettleAfterLostAnswer: a delta scale, a bind, an unbind
// and a route add whose answer is lost are settled by reading the object
// back: each takes effect exactly once and the call succeeds, whether the
// failed attempt was applied or not.
func TestUnsafeCallsSettleAfterLostAnswer(t *testing.T) {
	type fixture struct {
		c    *Client
		e    *emulator.Emulator
		conn string
	}
	setup := func(t *testing.T) fixture {
		c, e := startEmulator(t)
		ctx := context.Background()
		if err := c.CreateQueue(ctx, CreateQueueInput{Name: "standalone", CUCount: 64}); err != nil {
			t.Fatal(err)
		}
		if err := c.CreatePool(ctx, CreatePoolInput{Name: "p1", MaxCU: 64, MinCU: 64}); err != nil {
			t.Fatal(err)
		}
		id, err := c.CreateConnection(ctx, CreateConnectionInput{Name: "c1", VPCID: "v", SubnetID: "s", Queues: []string{"standalone"}})
		if err != nil {
			t.Fatal(err)
		}
		return fixture{c, e, id}
	}
	conn := func(t *testing.T, f fixture) *Connection {
		got, err := f.c.GetConnection(context.Background(), f.conn)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	names := func(bs []Binding) string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Name)
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		name, method, path string
		run                func(ctx context.Context, f fixture) error
		check              func(t *testing.T, f fixture)
	}{
		{"scale out", "PUT", `/queues/standalone/action$`,
			func(ctx context.Context, f fixture) error { return f.c.ScaleQueue(ctx, "standalone", 16) },
			func(t *testing.T, f fixture) {
				q, err := f.c.GetQueue(context.Background(), "standalone")
				if err != nil {
					t.Fatal(err)
				}
				if q.CUSpec != 80 {
					t.Errorf("queue scaled to %d CUs, want 80: the delta was applied %d times", q.CUSpec, (q.CUSpec-64)/16)
				}
			}},
		{"bind", "POST", `/associate-queue$`,
			func(ctx context.Context, f fixture) error {
				return f.c.AssociateConnection(ctx, f.conn, []string{"p1"}, nil)
			},
			func(t *testing.T, f fixture) {
				if got := names(conn(t, f).Pools); got != "p1" {
					t.Errorf("pools bound: %q, want p1", got)
				}
			}},
		{"unbind", "POST", `/disassociate-queue$`,
			func(ctx context.Context, f fixture) error {
				return f.c.DisassociateConnection(ctx, f.conn, nil, []string{"standalone"})
			},
			func(t *testing.T, f fixture) {
				if got := names(conn(t, f).Queues); got != "" {
					t.Errorf("queues still bound: %q", got)
				}
			}},
		{"add route", "POST", `/routes$`,
			func(ctx context.Context, f fixture) error {
				return f.c.AddConnectionRoute(ctx, f.conn, Route{Name: "r1", CIDR: "10.0.0.0/8"})
			},
			func(t *testing.T, f fixture) {
				if got := conn(t, f).Routes; fmt.Sprint(got) != "[{r1 10.0.0.0/8}]" {
					t.Errorf("routes %v, want r1 once", got)
				}
			}},
	}
	for _, tc := range cases {
		for _, lost := range lostAnswers {
			t.Run(tc.name+"/"+lost.name, func(t *testing.T) {
				t.Parallel()
				f := setup(t)
				f.e.AddFault(lost.fault(tc.method, tc.path))
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				if err := tc.run(ctx, f); err != nil {
					t.Fatalf("the call failed on one transient failure: %v", err)
				}
				tc.check(t, f)
				sent, failed := 0, 0
				for _, r := range f.e.Requests() {
					if r.Method == tc.method && strings.HasSuffix(r.Path, strings.TrimSuffix(strings.ReplaceAll(tc.path, `\`, ""), "$")) {
						sent++
						if r.Status != 200 {
							failed++
						}
					}
				}
				if failed != 1 {
					t.Errorf("%d attempts failed, want the injected one", failed)
				}
				// Re-sent only when the failed attempt had not been applied.
				want := 2
				if strings.Contains(lost.name, "after") {
					want = 1
				}
				if sent != want {
					t.Errorf("sent %d times, want %d", sent, want)
				}
			})
		}
	}
}
