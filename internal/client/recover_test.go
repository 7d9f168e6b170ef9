package client

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// poolListing answers the pool list with one pool, or none when body is "".
func poolListing(w http.ResponseWriter, pool string) {
	if pool == "" {
		reply(w, 200, `{"is_success":true,"count":0,"elastic_resource_pools":[]}`)
		return
	}
	reply(w, 200, `{"is_success":true,"count":1,"elastic_resource_pools":[`+pool+`]}`)
}

// listedPool is the pool as the lost create made it: created just now.
var listedPool = poolCreatedAt(time.Now())

// poolCreatedAt is the requested pool as the list shows it, created at t
// (no create_time when t is zero).
func poolCreatedAt(t time.Time) string {
	created := ""
	if !t.IsZero() {
		created = `,"create_time":` + strconv.FormatInt(t.UnixMilli(), 10)
	}
	return `{"elastic_resource_pool_name":"p1","resource_id":"rid-1","status":"CREATING","max_cu":64,"min_cu":64,` +
		`"cidr_in_vpc":"172.16.0.0/12","description":"d"` + created + `}`
}

var poolInput = CreatePoolInput{Name: "p1", MaxCU: 64, MinCU: 64, CIDRInVPC: "172.16.0.0/12", Description: "d"}

func TestCreateAnswerLostButApplied_Adopts(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			reply(w, 503, `{"error_code":"DLI.0999","error_msg":"gateway timeout after commit"}`)
			return
		}
		poolListing(w, listedPool)
	})
	c := newTestClient(t, f, 5)
	if err := c.CreatePool(context.Background(), poolInput); err != nil {
		t.Fatalf("the pool exists as requested, the create should be adopted: %v", err)
	}
	if got := countPosts(f.requests()); got != 1 {
		t.Errorf("create sent %d times, want once", got)
	}
}

func TestCreateAnswerLostAndNotApplied_Resends(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.Method == http.MethodPost && n == 1:
			reply(w, 503, `{"error_code":"DLI.0999","error_msg":"service unavailable"}`)
		case r.Method == http.MethodPost:
			reply(w, 200, `{"is_success":true,"message":""}`)
		default:
			poolListing(w, "")
		}
	})
	c := newTestClient(t, f, 5)
	if err := c.CreatePool(context.Background(), poolInput); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 3 || reqs[0].Method != http.MethodPost || reqs[1].Method != http.MethodGet || reqs[2].Method != http.MethodPost {
		t.Errorf("want POST, GET (lookup), POST; got %d requests", len(reqs))
	}
}

func TestCreateAnswerLostAndSomeoneElsesObject_Errors(t *testing.T) {
	other := strings.Replace(listedPool, `"max_cu":64`, `"max_cu":128`, 1)
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			reply(w, 502, `{"error_msg":"bad gateway"}`)
			return
		}
		poolListing(w, other)
	})
	c := newTestClient(t, f, 5)
	err := c.CreatePool(context.Background(), poolInput)
	if err == nil || !strings.Contains(err.Error(), "max_cu is 128, not 64") || !strings.Contains(err.Error(), "Import it") {
		t.Fatalf("err = %v, want a mismatch naming max_cu", err)
	}
	if got := countPosts(f.requests()); got != 1 {
		t.Errorf("create sent %d times, want once", got)
	}
}

func TestResentCreateMeetingAlreadyExistsDecidesFromObject(t *testing.T) {
	// First answer lost, the lookup does not see the queue yet (listed late),
	// the re-sent create meets AlreadyExists, and the second lookup finds
	// the queue as requested: adopted.
	gets := 0
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.Method == http.MethodPost && n == 1:
			reply(w, 500, `{"error_code":"DLI.0999","error_msg":"internal error"}`)
		case r.Method == http.MethodPost:
			reply(w, 400, `{"error_code":"DLI.0006","error_msg":"queue q1 already exists"}`)
		default:
			gets++
			if gets == 1 {
				reply(w, 400, `{"error_code":"DLI.0002","error_msg":"queue q1 does not exist"}`)
				return
			}
			reply(w, 200, `{"is_success":true,"queueName":"q1","queueType":"sql","elastic_resource_pool_name":"p1","cuCount":0,`+
				`"create_time":`+strconv.FormatInt(time.Now().UnixMilli(), 10)+`}`)
		}
	})
	c := newTestClient(t, f, 5)
	if err := c.CreateQueue(context.Background(), CreateQueueInput{Name: "q1", PoolName: "p1", CUCount: 16}); err != nil {
		t.Fatal(err)
	}
	if got := countPosts(f.requests()); got != 2 {
		t.Errorf("create sent %d times, want twice", got)
	}
}

func TestConnectionCreateAnswerLostAdoptsID(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			reply(w, 504, `{"error_msg":"gateway timeout"}`)
			return
		}
		reply(w, 200, `{"is_success":true,"count":2,"connections":[`+
			`{"id":"old","name":"c1","status":"DELETED","dest_vpc_id":"v","dest_network_id":"s"},`+
			`{"id":"new","name":"c1","status":"ACTIVE","dest_vpc_id":"v","dest_network_id":"s","create_time":`+
			strconv.FormatInt(time.Now().UnixMilli(), 10)+`}]}`)
	})
	c := newTestClient(t, f, 5)
	id, err := c.CreateConnection(context.Background(), CreateConnectionInput{Name: "c1", VPCID: "v", SubnetID: "s"})
	if err != nil || id != "new" {
		t.Fatalf("id %q, err %v; want the live connection's id", id, err)
	}
}

func TestCreateResendsBoundedByMaxRetries(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			reply(w, 503, `{"error_code":"DLI.0999","error_msg":"unavailable"}`)
			return
		}
		poolListing(w, "")
	})
	c := newTestClient(t, f, 2)
	err := c.CreatePool(context.Background(), poolInput)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Kind != KindServer {
		t.Fatalf("err = %v", err)
	}
	if got := countPosts(f.requests()); got != 3 {
		t.Errorf("create sent %d times, want 1 + 2 retries", got)
	}
}

// TestCreateAnswerLostAndObjectOlderThanCreate_NotAdopted: after a lost
// answer, an object with the requested name and settings that existed before
// the create was sent (or that does not say when it was made) is someone
// else's: the create fails with AlreadyExists and suggests an import, and
// is not re-sent.
func TestCreateAnswerLostAndObjectOlderThanCreate_NotAdopted(t *testing.T) {
	cases := []struct {
		name    string
		created time.Time
		want    string
	}{
		{"an hour old", time.Now().Add(-time.Hour), "before this create was sent"},
		{"older than the skew allowance", time.Now().Add(-createClockSkew - 10*time.Second), "before this create was sent"},
		{"no create_time", time.Time{}, "does not say when it was created"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if r.Method == http.MethodPost {
					reply(w, 503, `{"error_code":"DLI.0999","error_msg":"gateway timeout"}`)
					return
				}
				poolListing(w, poolCreatedAt(tc.created))
			})
			err := newTestClient(t, f, 5).CreatePool(context.Background(), poolInput)
			if !IsAlreadyExists(err) || !strings.Contains(err.Error(), "terraform import") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want AlreadyExists suggesting terraform import", err)
			}
			if !strings.Contains(err.Error(), "DLI.0999 gateway timeout") {
				t.Errorf("err = %v, want the lost answer named", err)
			}
			if got := countPosts(f.requests()); got != 1 {
				t.Errorf("create sent %d times, want once", got)
			}
		})
	}
}

// TestCreateAnswerLostAndServerClockBehind_Adopts: an object stamped a little
// before the create was sent (the service's clock behind ours, within the
// allowance) is still taken for the one the lost create made.
func TestCreateAnswerLostAndServerClockBehind_Adopts(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			reply(w, 500, `{"error_code":"DLI.0999","error_msg":"internal error"}`)
			return
		}
		poolListing(w, poolCreatedAt(time.Now().Add(-time.Minute)))
	})
	if err := newTestClient(t, f, 5).CreatePool(context.Background(), poolInput); err != nil {
		t.Fatalf("want adopted: %v", err)
	}
}

// TestConnectionCreateAnswerLostAndOldConnection_NotAdopted covers the
// connection lookup, which compares create_time too.
func TestConnectionCreateAnswerLostAndOldConnection_NotAdopted(t *testing.T) {
	old := strconv.FormatInt(time.Now().Add(-24*time.Hour).UnixMilli(), 10)
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			reply(w, 504, `{"error_msg":"gateway timeout"}`)
			return
		}
		reply(w, 200, `{"is_success":true,"count":1,"connections":[`+
			`{"id":"theirs","name":"c1","status":"ACTIVE","dest_vpc_id":"v","dest_network_id":"s","create_time":`+old+`}]}`)
	})
	id, err := newTestClient(t, f, 5).CreateConnection(context.Background(), CreateConnectionInput{Name: "c1", VPCID: "v", SubnetID: "s"})
	if id != "" || !IsAlreadyExists(err) || !strings.Contains(err.Error(), "terraform import") {
		t.Fatalf("id %q, err %v; want AlreadyExists and no id", id, err)
	}
}

// TestCreateInterruptedAfterDLIMadeIt_Adopts: the caller's context ends (a
// Ctrl-C) while the create's answer is on its way; the connection DLI made
// is looked up on a context of the client's own and its id returned, so the
// caller tracks it instead of orphaning it. Without an object, the
// cancellation is the error.
func TestCreateInterruptedAfterDLIMadeIt_Adopts(t *testing.T) {
	for _, made := range []bool{true, false} {
		ctx, cancel := context.WithCancel(context.Background())
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if r.Method == http.MethodPost {
				cancel() // the interrupt arrives before the answer
				time.Sleep(50 * time.Millisecond)
				reply(w, 201, `{"is_success":true,"connection_id":"made"}`)
				return
			}
			if !made {
				reply(w, 200, `{"is_success":true,"count":0,"connections":[]}`)
				return
			}
			reply(w, 200, `{"is_success":true,"count":1,"connections":[`+
				`{"id":"made","name":"c1","status":"ACTIVE","dest_vpc_id":"v","dest_network_id":"s","create_time":`+
				strconv.FormatInt(time.Now().UnixMilli(), 10)+`}]}`)
		})
		c := newTestClient(t, f, 5)
		id, err := c.CreateConnection(ctx, CreateConnectionInput{Name: "c1", VPCID: "v", SubnetID: "s"})
		switch {
		case made && (err != nil || id != "made"):
			t.Errorf("made: id %q, err %v; want the connection DLI made", id, err)
		case !made && (err == nil || !errors.Is(err, context.Canceled)):
			t.Errorf("not made: id %q, err %v; want the cancellation", id, err)
		}
		if got := countPosts(f.requests()); got != 1 {
			t.Errorf("made=%v: create sent %d times, want once", made, got)
		}
	}
}
