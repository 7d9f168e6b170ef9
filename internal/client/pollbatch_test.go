package client

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// countLists counts the emulator's logged list requests of a path that ends
// with the given collection (".../queues", ".../enhanced-connections").
func countLists(e *emulator.Emulator, collection string) int {
	n := 0
	for _, r := range e.Requests() {
		if r.Method == "GET" && strings.HasSuffix(r.Path, "/"+collection) {
			n++
		}
	}
	return n
}

// Thirty queue waits polling at once share list calls: at most three
// requests in all (a first poll may go alone with its GET), and each gets
// exactly what its GET returns.
func TestPollQueueConcurrentWaitsShareOneList(t *testing.T) {
	c, e := startEmulator(t)
	names, err := e.SeedQueues(emulator.Seed{Prefix: "pq", Count: 30})
	if err != nil {
		t.Fatal(err)
	}
	e.ResetRequests()
	got := make([]*Queue, len(names))
	concurrently(t, names, func(i int, n string) error {
		q, err := c.PollQueue(context.Background(), strings.ToUpper(n))
		got[i] = q
		return err
	})
	if n := len(e.Requests()); n > 3 {
		t.Fatalf("%d requests for 30 concurrent polls, want at most 3: %+v", n, e.Requests())
	}
	for i, n := range names {
		want, err := c.GetQueue(context.Background(), n)
		if err != nil || !reflect.DeepEqual(got[i], want) {
			t.Errorf("queue %s: polled %+v, GET %+v (%v)", n, got[i], want, err)
		}
	}
}

// A lone wait costs what it did: each of its polls sends its own GET, and
// no list.
func TestPollQueueLoneWaitSendsItsGet(t *testing.T) {
	c, e := startEmulator(t)
	names, err := e.SeedQueues(emulator.Seed{Prefix: "lone", Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	e.ResetRequests()
	for range 3 {
		if _, err := c.PollQueue(context.Background(), names[0]); err != nil {
			t.Fatal(err)
		}
	}
	if gets, lists := countGets(e, "/queues/"+names[0]), countLists(e, "queues"); gets != 3 || lists != 0 {
		t.Fatalf("3 lone polls sent %d GETs and %d lists, want 3 and 0", gets, lists)
	}
}

// A queue missing from the shared list is not taken as gone: its own GET
// decides (here: not found), and the listed queue is served by the list.
func TestPollQueueMissingFromListAsksItsGet(t *testing.T) {
	c, e := startEmulator(t)
	names, err := e.SeedQueues(emulator.Seed{Prefix: "here", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Enough polls of the listed queue that a list round certainly forms.
	polls := []string{"gone_queue"}
	for range 10 {
		polls = append(polls, names[0])
	}
	e.ResetRequests()
	var missingErr error
	concurrently(t, polls, func(i int, n string) error {
		_, err := c.PollQueue(context.Background(), n)
		if i == 0 {
			missingErr = err
			return nil
		}
		return err
	})
	if !IsNotFound(missingErr) {
		t.Fatalf("missing queue: err = %v, want not found", missingErr)
	}
	if n := countGets(e, "/queues/gone_queue"); n != 1 {
		t.Fatalf("missing queue: %d GETs, want 1 (the GET decides, once)", n)
	}
}

// Every answer is newer than its poll: a poll that asks while a list is
// under way waits for the next one, sent after it asked, and sees what
// changed in between.
func TestPollQueueAnswerNeverOlderThanTheAsk(t *testing.T) {
	var cu atomic.Int64
	cu.Store(16)
	firstList, releaseFirst := make(chan struct{}), make(chan struct{})
	var lists atomic.Int32
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		size := cu.Load() // the queue's size when the request arrived
		if strings.HasSuffix(r.URL.Path, "/queues") {
			if lists.Add(1) == 1 {
				close(firstList)
				<-releaseFirst
			}
			items := fmt.Sprintf(`{"queue_name":"a","cu_count":%d},{"queue_name":"b","cu_count":%d}`, size, size)
			reply(w, 200, `{"is_success":true,"queues":[`+items+`]}`)
			return
		}
		name := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		reply(w, 200, fmt.Sprintf(`{"is_success":true,"queueName":%q,"cuCount":%d}`, name, size))
	})
	c := newTestClient(t, f, 0)
	ctx := context.Background()
	// A round just went, so the next waits PollGap and both polls join it.
	c.polls.queues.mu.Lock()
	c.polls.queues.lastStart = time.Now()
	c.polls.queues.mu.Unlock()
	var early sync.WaitGroup
	for _, n := range []string{"a", "b"} {
		early.Go(func() {
			if _, err := c.PollQueue(ctx, n); err != nil {
				t.Error(err)
			}
		})
	}
	select {
	case <-firstList:
	case <-time.After(5 * time.Second):
		t.Fatal("the two polls never sent a list")
	}
	cu.Store(32) // the queues grew while the first list was under way
	late := make(chan *Queue, 2)
	for _, n := range []string{"a", "b"} {
		go func() {
			q, err := c.PollQueue(ctx, n)
			if err != nil {
				t.Error(err)
			}
			late <- q
		}()
	}
	waitJoined(t, &c.polls.queues, 2)
	close(releaseFirst)
	early.Wait()
	for range 2 {
		if q := <-late; q == nil || q.CUCount != 32 {
			t.Fatalf("a poll that asked after the queue grew got %+v, want 32 CUs", q)
		}
	}
}

// waitJoined waits until the open round of b has n callers.
func waitJoined[T any](t *testing.T, b *sharedList[T], n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		b.mu.Lock()
		joined := b.next != nil && b.next.callers >= n
		b.mu.Unlock()
		if joined {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("the open round never had %d callers", n)
}

// Concurrent connection waits share the connection list; a connection the
// list shows DELETED is read with its GET, which reports it gone.
func TestPollConnectionSharesListsAndAsksGetForDeleted(t *testing.T) {
	var items []string
	var ids []string
	for i := range 20 {
		ids = append(ids, fmt.Sprintf("c-%d", i))
		items = append(items, fmt.Sprintf(`{"id":"c-%d","name":"c%d","status":"ACTIVE"}`, i, i))
	}
	items = append(items, `{"id":"c-gone","name":"cgone","status":"DELETED"}`)
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		time.Sleep(20 * time.Millisecond)
		if strings.HasSuffix(r.URL.Path, "/enhanced-connections") {
			reply(w, 200, `{"is_success":true,"connections":[`+strings.Join(items, ",")+`]}`)
			return
		}
		id := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		status := "ACTIVE"
		if id == "c-gone" {
			status = "DELETED"
		}
		reply(w, 200, fmt.Sprintf(`{"is_success":true,"id":%q,"name":"x","status":%q}`, id, status))
	})
	c := newTestClient(t, f, 0)
	concurrently(t, append(ids, "c-gone"), func(_ int, id string) error {
		conn, err := c.PollConnection(context.Background(), id)
		switch {
		case id == "c-gone" && !IsNotFound(err):
			return fmt.Errorf("deleted connection: err = %v, want not found", err)
		case id == "c-gone":
			return nil
		case err != nil:
			return err
		case conn.ID != id || conn.Status != "ACTIVE":
			return fmt.Errorf("polled %s, got %+v", id, conn)
		}
		return nil
	})
	var lists, gone, others int
	for _, r := range f.requests() {
		switch {
		case strings.HasSuffix(r.Path, "/enhanced-connections"):
			lists++
		case strings.HasSuffix(r.Path, "/c-gone"):
			gone++
		default:
			others++
		}
	}
	if gone != 1 || lists+others > 3 {
		t.Fatalf("21 concurrent polls: %d lists, %d other GETs, %d GETs of the deleted one; want at most 3 requests and its one GET", lists, others, gone)
	}
}
