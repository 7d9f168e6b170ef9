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

func TestRetryGetAfterServerErrors(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n < 3 {
			reply(w, 502, `{"error_code":"APIGW.0204","error_msg":"bad gateway"}`)
			return
		}
		reply(w, 200, `{"is_success":true,"queueName":"q1","cuCount":16}`)
	})
	c := newTestClient(t, f, 5)
	q, err := c.GetQueue(context.Background(), "q1")
	if err != nil {
		t.Fatal(err)
	}
	if q.CUCount != 16 || len(f.requests()) != 3 {
		t.Errorf("queue %+v after %d requests", q, len(f.requests()))
	}
}

func TestRetryHonoursMaxRetries(t *testing.T) {
	for _, max := range []int{0, 2} {
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			reply(w, 500, `{"error_code":"DLI.0999","error_msg":"server error"}`)
		})
		c := newTestClient(t, f, max)
		_, err := c.GetQueue(context.Background(), "q1")
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Kind != KindServer || apiErr.Code != "DLI.0999" {
			t.Fatalf("err = %v", err)
		}
		if got := len(f.requests()); got != max+1 {
			t.Errorf("MaxRetries %d: %d requests, want %d", max, got, max+1)
		}
	}
}

func TestRetryThrottledCreate(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			reply(w, 429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`)
			return
		}
		reply(w, 200, `{"is_success":true,"queue_name":"q1"}`)
	})
	c := newTestClient(t, f, 3)
	if err := c.CreateQueue(context.Background(), CreateQueueInput{Name: "q1", CUCount: 16}); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 2 || reqs[1].Method != http.MethodPost {
		t.Errorf("%d requests", len(reqs))
	}
}

func TestCreateNotRetriedAfterServerError(t *testing.T) {
	for _, status := range []int{500, 503} {
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			reply(w, status, `{"error_code":"DLI.0999","error_msg":"internal error"}`)
		})
		c := newTestClient(t, f, 5)
		err := c.CreatePool(context.Background(), CreatePoolInput{Name: "p1", MaxCU: 64, MinCU: 64})
		if err == nil {
			t.Fatal("no error")
		}
		// The lookup that follows the uncertain answer fails too (every
		// request gets the same error), so nothing proves the create did not
		// take effect: it is not sent again.
		if got := countPosts(f.requests()); got != 1 {
			t.Errorf("HTTP %d: create sent %d times, want once", status, got)
		}
	}
}

// countPosts counts the POST requests (creates and binds) a server received.
func countPosts(reqs []seen) int {
	n := 0
	for _, r := range reqs {
		if r.Method == http.MethodPost {
			n++
		}
	}
	return n
}

func TestRetriedCreateMeetingAlreadyExists(t *testing.T) {
	// Throttling proves the first attempt was not applied, so the object that
	// exists is someone else's: a plain AlreadyExists.
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			reply(w, 429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`)
			return
		}
		reply(w, 400, `{"error_code":"DLI.0006","error_msg":"queue q1 already exists"}`)
	})
	c := newTestClient(t, f, 3)
	err := c.CreateQueue(context.Background(), CreateQueueInput{Name: "q1", CUCount: 16})
	if !IsAlreadyExists(err) || errors.Is(err, ErrCreateMayHaveSucceeded) {
		t.Fatalf("err = %v", err)
	}

	// No public create is retried after an uncertain failure, so exercise the
	// marking through invoke: a create-flagged PUT, retried after a 500 that
	// may have been applied, then meeting AlreadyExists.
	g := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			reply(w, 500, `{"error_msg":"timeout after commit"}`)
			return
		}
		reply(w, 400, `{"error_code":"DLI.0006","error_msg":"exists"}`)
	})
	c2 := newTestClient(t, g, 3)
	err = c2.do(context.Background(), call{op: "create x", method: http.MethodPut, path: "/v1.0/{project_id}/x", create: true}, nil)
	if !IsAlreadyExists(err) || !errors.Is(err, ErrCreateMayHaveSucceeded) {
		t.Fatalf("err = %v, want AlreadyExists marked ErrCreateMayHaveSucceeded", err)
	}
}

func TestRetriedDeleteMeetingNotFoundSucceeds(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			reply(w, 504, `{"error_msg":"gateway timeout"}`)
			return
		}
		reply(w, 400, `{"error_code":"DLI.0002","error_msg":"queue does not exist"}`)
	})
	c := newTestClient(t, f, 3)
	if err := c.DeleteQueue(context.Background(), "q1"); err != nil {
		t.Fatalf("err = %v", err)
	}
	// Without a retry, NotFound is reported to the caller.
	g := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 400, `{"error_code":"DLI.0002","error_msg":"queue does not exist"}`)
	})
	if err := newTestClient(t, g, 3).DeleteQueue(context.Background(), "q1"); !IsNotFound(err) {
		t.Fatalf("err = %v", err)
	}
}

func TestRetryStopsWhenContextEnds(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 503, `{"error_msg":"busy"}`) })
	c := newTestClient(t, f, 100)
	c.backoff = backoff{base: 50 * time.Millisecond, cap: 50 * time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetQueue(ctx, "q1")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 2*time.Second || len(f.requests()) > 6 {
		t.Errorf("retries went on: %d requests in %v", len(f.requests()), time.Since(start))
	}
}

func TestContextCancelsInFlightRequest(t *testing.T) {
	// The typed SDK path (GetQueue) and our own definitions (ListQueues) both
	// hand the caller's context to the transport.
	for name, run := range map[string]func(ctx context.Context, c *Client) error{
		"typed": func(ctx context.Context, c *Client) error { _, err := c.GetQueue(ctx, "q1"); return err },
		"own": func(ctx context.Context, c *Client) error {
			_, err := c.ListQueues(ctx, QueueFilter{})
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			release := make(chan struct{})
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				select {
				case <-release:
				case <-r.Context().Done():
				}
			})
			defer close(release)
			c := newTestClient(t, f, 3)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := run(ctx, c)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v", err)
			}
			if time.Since(start) > 2*time.Second {
				t.Errorf("call outlived its context: %v", time.Since(start))
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("%d requests, want 1 (no retry after the context ended)", n)
			}
		})
	}
}

func TestBackoffIsCappedWithJitter(t *testing.T) {
	b := backoff{base: 200 * time.Millisecond, cap: 5 * time.Second}
	for n := 0; n < 12; n++ {
		d := b.delay(n)
		full := 200 * time.Millisecond << n
		if full > 5*time.Second || full <= 0 {
			full = 5 * time.Second
		}
		if d < full/2 || d > full {
			t.Errorf("delay(%d) = %v, want in [%v, %v]", n, d, full/2, full)
		}
	}
}

// TestUpdatePoolRetryRefusedAsBusy covers a pool update whose first attempt
// failed with a server error: DLI refuses the retry because the first one
// was applied and the pool is SCALING. The client reads the pool to decide.
func TestUpdatePoolRetryRefusedAsBusy(t *testing.T) {
	const refused = `{"error_code":"DLI.0009","error_msg":"Elastic resource pool p1 is SCALING and cannot be updated now"}`
	pool := func(status string, maxCU int) string {
		return fmt.Sprintf(`{"elastic_resource_pool_name":"p1","status":%q,"max_cu":%d,"min_cu":64,"description":"d"}`, status, maxCU)
	}
	cases := []struct {
		name    string
		first   func(w http.ResponseWriter)
		retry   string // body of the 400 answer to the retry
		listed  string // the pool as the list shows it
		wantErr bool
		wantGet bool
	}{
		{"applied, pool SCALING", serverError, refused, pool("SCALING", 64), false, true},
		{"applied, pool shows the new values", serverError, refused, pool("AVAILABLE", 128), false, true},
		{"refused as unavailable, pool shows the new values", serverError,
			`{"error_code":"DLI.0012","error_msg":"resource is not available"}`, pool("AVAILABLE", 128), false, true},
		{"not applied, pool busy with something else", serverError, refused, pool("AVAILABLE", 64), true, true},
		{"other refusal is not settled", serverError,
			`{"error_code":"DLI.0001","error_msg":"max_cu must be a multiple of 16"}`, pool("SCALING", 64), true, false},
		{"busy without an uncertain attempt", func(w http.ResponseWriter) { reply(w, 400, refused) }, refused, pool("SCALING", 64), true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			puts := 0
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				if r.Method == http.MethodGet {
					poolListing(w, tc.listed)
					return
				}
				puts++
				if puts == 1 {
					tc.first(w)
					return
				}
				reply(w, 400, tc.retry)
			})
			err := newTestClient(t, f, 3).UpdatePool(context.Background(), "p1", UpdatePoolInput{MaxCU: ptr(int64(128))})
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			gets := 0
			for _, r := range f.requests() {
				if r.Method == http.MethodGet {
					gets++
				}
			}
			if (gets > 0) != tc.wantGet {
				t.Errorf("%d reads of the pool, want a read: %v", gets, tc.wantGet)
			}
		})
	}
}

func serverError(w http.ResponseWriter) {
	reply(w, 503, `{"error_code":"DLI.0999","error_msg":"gateway timeout"}`)
}

// assigningRefusal is DLI's answer to work on a queue it is still assigning
// resources to, as the user guide quotes it (the code is the emulator's
// assumption; the client goes by the message).
const assigningRefusal = `{"error_code":"DLI.0012","error_msg":"Status of queue q1 is assigning, which is not available"}`

// TestAssigningRefusalRetried checks that every follow-up call on a new
// queue rides out "is assigning" refusals, even with MaxRetries 0 and for
// calls that are never re-sent after a server error (binds, delta scaling).
func TestAssigningRefusalRetried(t *testing.T) {
	// The method of each call's own request: the scale reads the queue
	// first (to settle a lost answer), and that read is not refused here.
	methods := map[string]string{"scaling policies": "PUT", "set properties": "PUT", "delete properties": "DELETE",
		"read properties": "GET", "scale": "PUT", "bind": "POST"}
	calls := map[string]func(c *Client) error{
		"scaling policies": func(c *Client) error {
			return c.UpdateQueueScalingPolicies(context.Background(), "p1", "q1",
				[]ScalingPolicy{{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 16, MaxCU: 16}})
		},
		"set properties": func(c *Client) error {
			return c.SetQueueProperties(context.Background(), "q1", map[string]string{"job.maxConcurrent": "2"})
		},
		"delete properties": func(c *Client) error {
			return c.DeleteQueueProperties(context.Background(), "q1", []string{"job.maxConcurrent"})
		},
		"read properties": func(c *Client) error {
			_, err := c.GetQueueProperties(context.Background(), "q1")
			return err
		},
		"scale": func(c *Client) error { return c.ScaleQueue(context.Background(), "q1", 16) },
		"bind":  func(c *Client) error { return c.AssociateConnection(context.Background(), "c1", nil, []string{"q1"}) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			var mu sync.Mutex
			own := 0
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				mu.Lock()
				if r.Method == methods[name] {
					own++
				}
				refuse := r.Method == methods[name] && own <= 3
				mu.Unlock()
				if refuse {
					reply(w, 400, assigningRefusal)
					return
				}
				reply(w, 200, `{"is_success":true,"message":"","queue_name":"q1","result":true,"properties":[]}`)
			})
			c := newTestClient(t, f, 0)
			if err := call(c); err != nil {
				t.Fatalf("err = %v", err)
			}
			if own != 4 {
				t.Errorf("%d requests, want 4 (three refusals, then the accepted one)", own)
			}
		})
	}
}

// TestAssigningRefusalUntilDeadline checks that the retries end with the
// caller's context and that the error says what DLI kept answering.
func TestAssigningRefusalUntilDeadline(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 400, assigningRefusal) })
	c := newTestClient(t, f, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	err := c.SetQueueProperties(ctx, "q1", map[string]string{"job.maxConcurrent": "2"})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "is assigning, which is not available") {
		t.Fatalf("err = %v", err)
	}
	if len(f.requests()) < 3 {
		t.Errorf("only %d requests before the deadline", len(f.requests()))
	}
}

// TestOtherRefusalsNotRetriedAsAssigning checks that refusals which do not
// say the queue is being assigned stay final.
func TestOtherRefusalsNotRetriedAsAssigning(t *testing.T) {
	for _, body := range []string{
		`{"error_code":"DLI.0012","error_msg":"Queue q1 is not available"}`,
		`{"error_code":"DLI.0001","error_msg":"parameter queue_scaling_policies needs a default policy"}`,
		`{"error_code":"DLI.0009","error_msg":"Queue q1 has 16 CUs: queues with 16 CUs do not support scale-out or scale-in"}`,
	} {
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 400, body) })
		c := newTestClient(t, f, 3)
		if err := c.SetQueueProperties(context.Background(), "q1", map[string]string{"job.maxConcurrent": "2"}); err == nil {
			t.Fatalf("%s: no error", body)
		}
		if got := len(f.requests()); got != 1 {
			t.Errorf("%s: %d requests, want 1", body, got)
		}
	}
}
