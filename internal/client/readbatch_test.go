package client

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// setBatching sets ReadBatching for one test and restores it afterwards.
func setBatching(t *testing.T, mode int32) {
	t.Helper()
	old := ReadBatching.Swap(mode)
	t.Cleanup(func() { ReadBatching.Store(old) })
}

// seededFleet fills the emulator with pools, queues (in a pool, standalone,
// general) and connections, and returns their pool names, queue names and
// connection ids.
func seededFleet(t *testing.T, e *emulator.Emulator) (pools, queues, conns []string) {
	t.Helper()
	must := func(names []string, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	pools = must(e.SeedPools(emulator.Seed{Prefix: "rb_pool", Count: 3, Tags: map[string]string{"k": "v"}}))
	queues = must(e.SeedQueues(emulator.Seed{Prefix: "rb_inpool", Count: 4, Pool: pools[0]}))
	queues = append(queues, must(e.SeedQueues(emulator.Seed{Prefix: "rb_alone", Count: 3}))...)
	queues = append(queues, must(e.SeedQueues(emulator.Seed{Prefix: "rb_general", Count: 2, QueueType: "general"}))...)
	conns = must(e.SeedConnections(emulator.Seed{Prefix: "rb_conn", Count: 5}))
	return pools, queues, conns
}

// readQueues Reads every named queue, one after the other.
func readQueues(t *testing.T, c *Client, names []string) {
	t.Helper()
	for _, n := range names {
		if _, err := c.ReadQueue(context.Background(), n); err != nil {
			t.Fatal(err)
		}
	}
}

// countGets counts the emulator's logged GET requests whose path contains
// the given text.
func countGets(e *emulator.Emulator, pathPart string) int {
	n := 0
	for _, r := range e.Requests() {
		if r.Method == "GET" && strings.Contains(r.Path, pathPart) {
			n++
		}
	}
	return n
}

// A list-served Read returns exactly what the GET-served one does, for every
// field of every pool, queue and connection.
func TestReadBatchServesWhatGetReturns(t *testing.T) {
	c, e := startEmulator(t)
	pools, queues, conns := seededFleet(t, e)
	ctx := context.Background()
	setBatching(t, BatchAlways)
	for _, n := range pools {
		byList, err1 := c.ReadPool(ctx, strings.ToUpper(n))
		byGet, err2 := c.GetPool(ctx, n)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(byList, byGet) {
			t.Errorf("pool %s: list-served %+v (%v), GET %+v (%v)", n, byList, err1, byGet, err2)
		}
	}
	for _, n := range queues {
		byList, err1 := c.ReadQueue(ctx, n)
		byGet, err2 := c.GetQueue(ctx, n)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(byList, byGet) {
			t.Errorf("queue %s: list-served %+v (%v), GET %+v (%v)", n, byList, err1, byGet, err2)
		}
	}
	for _, id := range conns {
		byList, err1 := c.ReadConnection(ctx, id)
		byGet, err2 := c.GetConnection(ctx, id)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(byList, byGet) {
			t.Errorf("connection %s: list-served %+v (%v), GET %+v (%v)", id, byList, err1, byGet, err2)
		}
	}
	// Each kind was listed once; the GETs above are the comparison's own.
	if got := countGets(e, "/queues/"); got != len(queues) {
		t.Errorf("%d GET-one queue requests, want %d (the comparison's only)", got, len(queues))
	}
}

// A lone Read sends its GET and nothing else; a second Read of the kind
// starts the list, which serves every later Read.
func TestReadBatchLoneReadSendsItsGet(t *testing.T) {
	c, e := startEmulator(t)
	_, queues, _ := seededFleet(t, e)
	ctx := context.Background()
	e.ResetRequests()
	if _, err := c.ReadQueue(ctx, queues[0]); err != nil {
		t.Fatal(err)
	}
	if got := e.Requests(); len(got) != 1 || got[0].Path != "/v1.0/"+testPID+"/queues/"+queues[0] {
		t.Fatalf("a lone Read sent %+v, want one GET of its queue", got)
	}
	readQueues(t, c, queues[1:])
	if got := len(e.Requests()); got != 2 {
		t.Fatalf("%d Reads cost %d requests, want 2 (a GET and one list)", len(queues), got)
	}
}

// Concurrent Reads of many queues cost one GET and one list.
func TestReadBatchConcurrentReadsShareOneList(t *testing.T) {
	c, e := startEmulator(t)
	_, queues, _ := seededFleet(t, e)
	e.ResetRequests()
	concurrently(t, queues, func(_ int, n string) error {
		q, err := c.ReadQueue(context.Background(), n)
		if err == nil && q.Name != n {
			err = fmt.Errorf("read %s, got %s", n, q.Name)
		}
		return err
	})
	if got := len(e.Requests()); got != 2 {
		t.Fatalf("%d concurrent Reads cost %d requests, want 2", len(queues), got)
	}
}

// After a write by this process no Read is served from a list, of any kind,
// even from a list taken before the write.
func TestReadBatchEndsAtTheFirstWrite(t *testing.T) {
	c, e := startEmulator(t)
	pools, queues, conns := seededFleet(t, e)
	ctx := context.Background()
	setBatching(t, BatchAlways)
	if _, err := c.ReadPool(ctx, pools[0]); err != nil { // the pool list is taken
		t.Fatal(err)
	}
	if _, err := c.ReadQueue(ctx, queues[0]); err != nil { // the queue list is taken
		t.Fatal(err)
	}
	if err := c.DeleteQueue(ctx, queues[len(queues)-1]); err != nil {
		t.Fatal(err)
	}
	e.ResetRequests()
	if _, err := c.ReadQueue(ctx, queues[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadPool(ctx, pools[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadConnection(ctx, conns[0]); err != nil {
		t.Fatal(err)
	}
	got := e.Requests()
	want := []string{
		"/v1.0/" + testPID + "/queues/" + queues[1],
		"/v3/" + testPID + "/elastic-resource-pools",
		"/v2.0/" + testPID + "/datasource/enhanced-connections/" + conns[0],
	}
	if len(got) != len(want) {
		t.Fatalf("after a write, three Reads sent %+v, want their own GETs", got)
	}
	for i, r := range got {
		if r.Path != want[i] || (i == 1 && !strings.Contains(r.Query, "name="+pools[1])) {
			t.Errorf("request %d: %s %s?%s, want the Read's own GET of %s", i, r.Method, r.Path, r.Query, want[i])
		}
	}
}

// GetQueue, GetPool and GetConnection (waits, settle reads, find after
// create) never use a list, even one the Reads took.
func TestReadBatchNeverServesGets(t *testing.T) {
	c, e := startEmulator(t)
	pools, queues, conns := seededFleet(t, e)
	ctx := context.Background()
	setBatching(t, BatchAlways)
	_, _ = c.ReadPool(ctx, pools[0])
	_, _ = c.ReadQueue(ctx, queues[0])
	_, _ = c.ReadConnection(ctx, conns[0])
	e.ResetRequests()
	_, _ = c.GetPool(ctx, pools[1])
	_, _ = c.GetQueue(ctx, queues[1])
	_, _ = c.GetConnection(ctx, conns[1])
	if got := len(e.Requests()); got != 3 {
		t.Fatalf("three Gets sent %d requests, want 3 of their own", got)
	}
}

// A Read of an object the list does not show (gone, or made after the list)
// asks its own GET, which alone decides that the object is gone.
func TestReadBatchMissingFromListAsksItsGet(t *testing.T) {
	c, e := startEmulator(t)
	_, queues, conns := seededFleet(t, e)
	ctx := context.Background()
	setBatching(t, BatchAlways)
	if _, err := c.ReadQueue(ctx, queues[0]); err != nil {
		t.Fatal(err)
	}
	e.DeleteQueueNow(queues[1])
	e.DeleteConnectionNow(conns[0])
	extra, err := e.SeedQueues(emulator.Seed{Prefix: "rb_late", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	e.ResetRequests()
	if q, err := c.ReadQueue(ctx, extra[0]); err != nil || q.Name != extra[0] {
		t.Errorf("a queue made after the list: %+v, %v", q, err)
	}
	// The queue deleted after the list is still in it: the list is of this
	// command, and serves it as it was then, as a GET sent then would have.
	if _, err := c.ReadConnection(ctx, conns[1]); err != nil { // the connection list, after the delete
		t.Fatal(err)
	}
	if _, err := c.ReadConnection(ctx, conns[0]); !IsNotFound(err) {
		t.Errorf("a connection listed as DELETED: err %v, want NotFound from its GET", err)
	}
	gets := countGets(e, "/queues/"+extra[0]) + countGets(e, "/enhanced-connections/"+conns[0])
	if gets != 2 {
		t.Errorf("%d GETs for the two objects the lists could not serve, want 2: %+v", gets, e.Requests())
	}
}

// With batching off every Read sends its GET.
func TestReadBatchOff(t *testing.T) {
	c, e := startEmulator(t)
	_, queues, _ := seededFleet(t, e)
	setBatching(t, BatchOff)
	e.ResetRequests()
	readQueues(t, c, queues)
	if got := countGets(e, "/queues/"); got != len(queues) {
		t.Fatalf("%d GETs for %d Reads with batching off", got, len(queues))
	}
}

// The tag API's filter is a POST that only reads: Reads after it are still
// served from the list, while a real write (adding tags) ends that.
func TestReadBatchTagFilterIsNotAWrite(t *testing.T) {
	c, e := startEmulator(t)
	_, queues, _ := seededFleet(t, e)
	ctx := context.Background()
	setBatching(t, BatchAlways)
	if _, err := c.ListTaggedResources(ctx, TagQueue, nil); err != nil {
		t.Fatal(err)
	}
	e.ResetRequests()
	readQueues(t, c, queues)
	if got := countGets(e, "/queues/"); got != 0 {
		t.Fatalf("after the tag filter, %d Reads sent their own GET, want all served from the list", got)
	}
	q, err := c.GetQueue(ctx, queues[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddTags(ctx, TagQueue, fmt.Sprint(q.QueueID), []Tag{{Key: "k", Value: "v"}}); err != nil {
		t.Fatal(err)
	}
	e.ResetRequests()
	if _, err := c.ReadQueue(ctx, queues[1]); err != nil {
		t.Fatal(err)
	}
	if got := countGets(e, "/queues/"+queues[1]); got != 1 {
		t.Fatalf("after adding tags, the Read sent %d GETs of its own, want 1", got)
	}
}
