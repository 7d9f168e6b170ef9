package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// queueList answers a queue list with the given names.
func queueList(names []string) string {
	items := make([]string, len(names))
	for i, n := range names {
		items[i] = fmt.Sprintf(`{"queue_name":%q,"queue_type":"sql","platform":"x86_64"}`, n)
	}
	return `{"is_success":true,"queues":[` + strings.Join(items, ",") + `]}`
}

// Twenty concurrent lookups (twenty queues just created) cost two list
// requests, not twenty, and each finds its queue.
func TestFindQueueListItemSharesConcurrentLists(t *testing.T) {
	var names []string
	for i := range 20 {
		names = append(names, fmt.Sprintf("q%d", i))
	}
	f := newFakeDLI(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		time.Sleep(100 * time.Millisecond)
		reply(w, 200, queueList(names))
	})
	c := newTestClient(t, f, 0)
	concurrently(t, names, func(_ int, n string) error {
		q, err := c.FindQueueListItem(context.Background(), n)
		if err == nil && (q.Name != n || q.Platform != "x86_64") {
			err = fmt.Errorf("looked up %s, got %+v", n, q)
		}
		return err
	})
	f.mu.Lock()
	n := len(f.reqs)
	f.mu.Unlock()
	if n > 2 {
		t.Fatalf("%d list requests for 20 concurrent lookups, want at most 2", n)
	}
}

// A lookup that starts while a list is under way does not take that list's
// answer, which may predate its queue: it waits for a list of its own.
func TestFindQueueListItemNeverTakesAnOlderList(t *testing.T) {
	firstArrived, releaseFirst := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	names := []string{"early"}
	f := newFakeDLI(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		mu.Lock()
		body := queueList(names) // the list as it is when the request arrives
		mu.Unlock()
		if n == 1 {
			close(firstArrived)
			<-releaseFirst
		}
		reply(w, 200, body)
	})
	c := newTestClient(t, f, 0)
	early := make(chan error, 1)
	go func() {
		_, err := c.FindQueueListItem(context.Background(), "early")
		early <- err
	}()
	<-firstArrived
	mu.Lock()
	names = append(names, "late") // created while the first list is under way
	mu.Unlock()
	late := make(chan error, 1)
	go func() {
		_, err := c.FindQueueListItem(context.Background(), "late")
		late <- err
	}()
	time.Sleep(50 * time.Millisecond) // let the second lookup join before the first list ends
	close(releaseFirst)
	if err := <-early; err != nil {
		t.Fatalf("early: %v", err)
	}
	if err := <-late; err != nil {
		t.Fatalf("late: %v (it must not use the list that started before it asked)", err)
	}
}

// A caller whose context ends stops waiting; the shared request goes on for
// the others, who all get its value and its error.
func TestSharedListCallerCancellation(t *testing.T) {
	var s sharedList[int]
	release := make(chan struct{})
	partial := errors.New("partial answer")
	fetch := func(context.Context) (int, error) { <-release; return 7, partial }
	ctx, cancel := context.WithCancel(context.Background())
	gotCancelled := make(chan error, 1)
	go func() { _, err := s.get(ctx, fetch); gotCancelled <- err }()
	type result struct {
		v   int
		err error
	}
	other := make(chan result, 1)
	go func() { v, err := s.get(context.Background(), fetch); other <- result{v, err} }()
	cancel()
	if err := <-gotCancelled; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	close(release)
	if r := <-other; r.v != 7 || !errors.Is(r.err, partial) {
		t.Fatalf("other caller got %d, %v; want 7 and the fetch's error", r.v, r.err)
	}
}

// Fifty queues deleted at once each ask which connections bind them: they
// share at most two list requests, and each finds its own connection.
func TestConnectionsBindingSharesConcurrentLists(t *testing.T) {
	var names []string
	var items []string
	for i := range 50 {
		n := fmt.Sprintf("q%d", i)
		names = append(names, n)
		items = append(items, fmt.Sprintf(`{"id":"c-%d","name":"c%d","status":"ACTIVE","available_queue_info":[{"name":%q,"status":"ACTIVE"}]}`, i, i, n))
	}
	f := newFakeDLI(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		time.Sleep(100 * time.Millisecond)
		reply(w, 200, `{"is_success":true,"connections":[`+strings.Join(items, ",")+`]}`)
	})
	c := newTestClient(t, f, 0)
	concurrently(t, names, func(i int, n string) error {
		conns, err := c.ConnectionsBinding(context.Background(), BindQueue, n)
		if err == nil && (len(conns) != 1 || conns[0].ID != fmt.Sprintf("c-%d", i)) {
			err = fmt.Errorf("connections binding %s: %+v", n, conns)
		}
		return err
	})
	if n := len(f.requests()); n > 2 {
		t.Fatalf("%d list requests for 50 concurrent lookups, want at most 2", n)
	}
}

// concurrently calls f for every name at once and reports each error.
func concurrently(t *testing.T, names []string, f func(i int, name string) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(names))
	for i, n := range names {
		wg.Go(func() { errs <- f(i, n) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
