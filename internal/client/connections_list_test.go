package client

import (
	"context"
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
