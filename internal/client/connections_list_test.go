package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// startEmulator serves the emulator and returns a client signed for it.
func startEmulator(t *testing.T) (*Client, *emulator.Emulator) {
	t.Helper()
	srv, err := emulator.Start(emulator.Config{AccessKey: testAK, SecretKey: testSK, ProjectID: testPID})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c, err := New(context.Background(), Config{
		Region: emulator.DefaultRegion, AccessKey: testAK, SecretKey: testSK, ProjectID: testPID,
		Endpoint: srv.URL, IAMEndpoint: srv.URL, MaxRetries: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	c.backoff = backoff{base: time.Millisecond, cap: 4 * time.Millisecond}
	return c, srv.Emulator
}

// connectionPages answers the connection list from total connections, limit
// and offset honoured, with count = the page's length as the API reference
// defines it.
func connectionPages(total int) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var items []string
		for i := offset; i < total && i < offset+limit; i++ {
			items = append(items, fmt.Sprintf(`{"id":"c-%03d","name":"n","status":"ACTIVE"}`, i))
		}
		reply(w, 200, fmt.Sprintf(`{"is_success":true,"count":%d,"connections":[%s]}`, len(items), strings.Join(items, ",")))
	}
}

// "Listing Enhanced Datasource Connections" defines count as the number of
// connections returned: a count equal to the first page's length must not end
// the listing.
func TestListConnectionsCountIsPageLength(t *testing.T) {
	f := newFakeDLI(t, connectionPages(250))
	c := newTestClient(t, f, 0)
	conns, err := c.ListConnections(context.Background(), ConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(conns) != 250 || conns[249].ID != "c-249" {
		t.Fatalf("got %d connections, want 250", len(conns))
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests, want 3 (pages of 100, 100 and 50)", n)
	}
}

// A last page of exactly the page size is followed by an empty page, which
// ends the listing cleanly.
func TestListConnectionsFullLastPageThenEmpty(t *testing.T) {
	f := newFakeDLI(t, connectionPages(200))
	c := newTestClient(t, f, 0)
	conns, err := c.ListConnections(context.Background(), ConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(conns) != 200 {
		t.Fatalf("got %d connections, want 200", len(conns))
	}
	reqs := f.requests()
	if len(reqs) != 3 || reqs[2].Query["offset"] != "200" {
		t.Errorf("requests = %+v, want offsets 0, 100, 200", reqs)
	}
}

// A service that ignores offset answers the same full page again: that ends
// in an error, not an endless loop.
func TestListConnectionsOffsetIgnored(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		r.URL.RawQuery = "limit=100&offset=0"
		connectionPages(300)(w, r, n)
	})
	c := newTestClient(t, f, 0)
	_, err := c.ListConnections(context.Background(), ConnectionFilter{})
	if err == nil || !strings.Contains(err.Error(), "did not honour offset") {
		t.Fatalf("err = %v, want the offset to be named", err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// Against the emulator, which answers count = page length: every one of 230
// connections is listed, oldest first.
func TestListConnectionsPagesThroughEmulator(t *testing.T) {
	c, e := startEmulator(t)
	ids, err := e.SeedConnections(emulator.Seed{Prefix: "Paged", Count: 230})
	if err != nil {
		t.Fatal(err)
	}
	conns, err := c.ListConnections(context.Background(), ConnectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, 0, len(conns))
	for _, conn := range conns {
		got = append(got, conn.ID)
	}
	if strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Fatalf("listed %d connections, want the 230 seeded ones in order", len(got))
	}
}

// Every call on a connection id DLI does not know meets DLI.0001 "Connection
// xxx is not exist" from the emulator and reports NotFound; an invalid
// parameter on a live connection, also DLI.0001, stays an invalid request.
func TestMissingConnectionIsNotFound(t *testing.T) {
	c, _ := startEmulator(t)
	ctx := context.Background()
	const id = "2a4a6c1e-0000-4000-8000-000000000000"
	calls := map[string]func() error{
		"get":          func() error { _, err := c.GetConnection(ctx, id); return err },
		"delete":       func() error { return c.DeleteConnection(ctx, id) },
		"associate":    func() error { return c.AssociateConnection(ctx, id, nil, []string{"q1"}) },
		"disassociate": func() error { return c.DisassociateConnection(ctx, id, nil, []string{"q1"}) },
		"hosts":        func() error { return c.UpdateConnectionHosts(ctx, id, nil) },
		"add route":    func() error { return c.AddConnectionRoute(ctx, id, Route{Name: "r1", CIDR: "10.0.0.0/8"}) },
		"delete route": func() error { return c.DeleteConnectionRoute(ctx, id, "r1") },
	}
	for name, call := range calls {
		err := call()
		var apiErr *APIError
		if !IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.Code != "DLI.0001" {
			t.Errorf("%s: err = %v, want NotFound from DLI.0001", name, err)
		}
	}

	live, err := c.CreateConnection(ctx, CreateConnectionInput{Name: "live_c", VPCID: "v", SubnetID: "s"})
	if err != nil {
		t.Fatal(err)
	}
	err = c.AddConnectionRoute(ctx, live, Route{Name: "r1", CIDR: "10.0.0.1/8"})
	if !IsInvalid(err) || !strings.Contains(err.Error(), "DLI.0001") {
		t.Errorf("bad cidr on a live connection: err = %v, want an invalid request (DLI.0001), not NotFound", err)
	}
}

// The create-recovery lookup finds the connection a lost create answer made
// through the emulator's whole-name filter, and is not misled by connections
// whose names contain the requested one.
func TestCreateConnectionRecoveryUsesExactName(t *testing.T) {
	c, e := startEmulator(t)
	ctx := context.Background()
	if _, err := e.SeedConnections(emulator.Seed{Prefix: "etl", Count: 2}); err != nil {
		t.Fatal(err)
	}
	e.AddFault(emulator.Fault{Method: http.MethodPost, PathRegexp: "/enhanced-connections$", Status: 504,
		Code: "APIGW.0201", Message: "Request timeout", AfterApply: true, Count: 1})
	id, err := c.CreateConnection(ctx, CreateConnectionInput{Name: "etl", VPCID: "v", SubnetID: "s"})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := c.GetConnection(ctx, id)
	if err != nil || conn.Name != "etl" {
		t.Fatalf("adopted %s: %+v, %v; want the connection named etl", id, conn, err)
	}
	if all, _ := c.ListConnections(ctx, ConnectionFilter{}); len(all) != 3 {
		t.Errorf("%d connections, want 3: the create was sent twice", len(all))
	}
}

// A route name that a request path cannot carry is refused before sending:
// DELETE .../routes/a#b would reach DLI as a delete of route "a".
func TestDeleteRouteRefusesNamesThePathCannotCarry(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, 200, `{"is_success":true}`) })
	c := newTestClient(t, f, 0)
	for _, name := range []string{"a#b", "a?b", "a/b", "50%", "a\nb"} {
		err := c.DeleteConnectionRoute(context.Background(), "c1", name)
		if !IsInvalid(err) || !strings.Contains(err.Error(), "DLI console") {
			t.Errorf("%q: err = %v, want a refusal", name, err)
		}
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
	if err := c.DeleteConnectionRoute(context.Background(), "c1", "路由 a.b"); err != nil {
		t.Errorf("a name of other characters: %v", err)
	}
}
