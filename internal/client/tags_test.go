package client

import (
	"context"
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// The tag API through the SDK's invokers, against the emulator: tags sent at
// creation are read back by the object's tag id, updated in place (a changed
// value deleted then added), and agree with the list's tags filter.
func TestTagsRoundTrip(t *testing.T) {
	c, _ := startEmulator(t)
	ctx := context.Background()
	if err := c.CreatePool(ctx, CreatePoolInput{Name: "p1", MaxCU: 64, MinCU: 64, Tags: []Tag{{"team", "a"}, {"env", "dev"}}}); err != nil {
		t.Fatal(err)
	}
	p, err := c.GetPool(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetTags(ctx, TagPool, p.ResourceID)
	if want := []Tag{{"env", "dev"}, {"team", "a"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("tags = %v, %v; want %v", got, err, want)
	}
	if err := c.UpdateTags(ctx, TagPool, p.ResourceID, got, []Tag{{"env", "prod"}, {"owner", "x"}}); err != nil {
		t.Fatal(err)
	}
	got, err = c.GetTags(ctx, TagPool, p.ResourceID)
	if want := []Tag{{"env", "prod"}, {"owner", "x"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after update tags = %v, %v; want %v", got, err, want)
	}
	pools, err := c.ListPools(ctx, PoolFilter{Tags: []Tag{{"env", "prod"}}})
	if err != nil || len(pools) != 1 {
		t.Fatalf("list filter env=prod: %v, %v; want p1", pools, err)
	}
	res, err := c.ListTaggedResources(ctx, TagPool, nil)
	if err != nil || len(res) != 1 || res[0].ID != p.ResourceID || res[0].Name != "p1" || len(res[0].Tags) != 2 {
		t.Fatalf("ListTaggedResources = %+v, %v", res, err)
	}
	if err := c.DeleteTags(ctx, TagPool, p.ResourceID, []Tag{{"gone", "x"}}); err != nil {
		t.Errorf("deleting a tag the pool does not carry: %v, want success (documented idempotent)", err)
	}

	// Queues are named by their numeric queue_id.
	if err := c.CreateQueue(ctx, CreateQueueInput{Name: "q1", CUCount: 16, Tags: []Tag{{"k", "v"}}}); err != nil {
		t.Fatal(err)
	}
	q, err := c.GetQueue(ctx, "q1")
	if err != nil {
		t.Fatal(err)
	}
	got, err = c.GetTags(ctx, TagQueue, strconv.FormatInt(q.QueueID, 10))
	if want := []Tag{{"k", "v"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("queue tags = %v, %v; want %v", got, err, want)
	}
}

// A transient failure of a tag call does not fail it: the batch calls are
// safe to repeat and are retried, even when the first attempt took effect.
func TestTagCallsRetryTransientFailures(t *testing.T) {
	c, e := startEmulator(t)
	ctx := context.Background()
	id, err := c.CreateConnection(ctx, CreateConnectionInput{Name: "c1", VPCID: "v", SubnetID: "s"})
	if err != nil {
		t.Fatal(err)
	}
	e.AddFault(emulator.Fault{Method: http.MethodPost, PathRegexp: "/tags/create$", Status: 503, Code: "DLI.0999", AfterApply: true, Count: 1})
	e.AddFault(emulator.Fault{Method: http.MethodPost, PathRegexp: "/tags/delete$", Status: 503, Code: "DLI.0999", AfterApply: true, Count: 1})
	e.AddFault(emulator.Fault{Method: http.MethodGet, PathRegexp: "/tags$", Status: 429, Code: "APIGW.0308", Count: 1})
	if err := c.UpdateTags(ctx, TagConnection, id, []Tag{{"a", "1"}}, []Tag{{"a", "2"}}); err != nil {
		t.Fatalf("update with a 503 after apply on each batch call: %v", err)
	}
	got, err := c.GetTags(ctx, TagConnection, id)
	if want := []Tag{{"a", "2"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("tags = %v, %v; want %v", got, err, want)
	}
}

// DLI may refuse a repeated add whose first attempt took effect (the
// reference does not say it accepts it): the refusal is settled by reading
// the tags back.
func TestAddTagsSettlesARefusedRepeatByReading(t *testing.T) {
	n := 0
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch {
		case r.Method == http.MethodPost && n == 0:
			n++
			reply(w, 503, `{"error_code":"DLI.0999","error_msg":"busy"}`)
		case r.Method == http.MethodPost:
			reply(w, 400, `{"error_code":"DLI.0001","error_msg":"tag key a already exists"}`)
		default:
			reply(w, 200, `{"tags":[{"key":"a","value":"1"}],"count":1}`)
		}
	})
	c := newTestClient(t, f, 2)
	if err := c.AddTags(context.Background(), TagQueue, "7", []Tag{{"a", "1"}}); err != nil {
		t.Fatalf("AddTags = %v, want success: the tag is there", err)
	}
	reqs := f.requests()
	if len(reqs) != 3 || reqs[0].Path != "/v3/"+testPID+"/dli_queue/7/tags/create" || reqs[2].Method != http.MethodGet {
		t.Fatalf("requests = %+v", reqs)
	}
}

func TestTagChanges(t *testing.T) {
	del, add := tagChanges([]Tag{{"a", "1"}, {"b", "2"}, {"c", "3"}}, []Tag{{"a", "1"}, {"b", "9"}, {"d", "4"}})
	if want := []Tag{{"b", "2"}, {"c", "3"}}; !reflect.DeepEqual(del, want) {
		t.Errorf("del = %v, want %v", del, want)
	}
	if want := []Tag{{"b", "9"}, {"d", "4"}}; !reflect.DeepEqual(add, want) {
		t.Errorf("add = %v, want %v", add, want)
	}
}

// The emulator's tag API limits, as "Batch Adding Resource Tags" states them:
// at most 20 tags, one value per key; an add repeating a tag is accepted.
func TestTagAPILimits(t *testing.T) {
	c, _ := startEmulator(t)
	ctx := context.Background()
	id, err := c.CreateConnection(ctx, CreateConnectionInput{Name: "c1", VPCID: "v", SubnetID: "s", Tags: []Tag{{"a", "1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddTags(ctx, TagConnection, id, []Tag{{"a", "1"}}); err != nil {
		t.Errorf("repeating a tag: %v, want success", err)
	}
	if err := c.AddTags(ctx, TagConnection, id, []Tag{{"a", "2"}}); !IsInvalid(err) {
		t.Errorf("a second value for key a: %v, want DLI.0001", err)
	}
	var many []Tag
	for i := 0; i < 20; i++ {
		many = append(many, Tag{"k" + strconv.Itoa(i), "v"})
	}
	if err := c.AddTags(ctx, TagConnection, id, many); !IsInvalid(err) {
		t.Errorf("21 tags in all: %v, want DLI.0001", err)
	}
	if err := c.AddTags(ctx, TagConnection, id, many[:19]); err != nil {
		t.Errorf("20 tags in all: %v", err)
	}
	if _, err := c.GetTags(ctx, TagConnection, "no-such-id"); !IsNotFound(err) {
		t.Errorf("tags of an unknown id: %v, want not found", err)
	}
}
