package client

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestQueueLabelShapes: the queue list's labels are read in every shape the
// sources show (API reference text "multi_az=2", the SDK's JSON object text,
// an array of such strings, a real JSON object) into sorted "k=v" strings,
// and "", "{}", [] and null are no labels.
func TestQueueLabelShapes(t *testing.T) {
	cases := []struct {
		raw  string
		want []string
	}{
		{`"multi_az=2"`, []string{"multi_az=2"}},
		{`"x=y, multi_az=2"`, []string{"multi_az=2", "x=y"}},
		{`"{\"multi_az\":\"2\"}"`, []string{"multi_az=2"}},
		{`"{\"multi_az\":2,\"x\":\"y\"}"`, []string{"multi_az=2", "x=y"}},
		{`["multi_az=2"]`, []string{"multi_az=2"}},
		{`["{\"multi_az\":\"2\"}","x=y"]`, []string{"multi_az=2", "x=y"}},
		{`{"multi_az":"2"}`, []string{"multi_az=2"}},
		{`{"multi_az":2}`, []string{"multi_az=2"}},
		{`["l1","l2"]`, []string{"l1", "l2"}},
		{`""`, nil},
		{`"{}"`, nil},
		{`{}`, nil},
		{`[]`, nil},
		{`null`, nil},
		// Odd ones: no labels, and never an error.
		{`42`, nil},
		{`"{broken"`, nil},
		{`{"multi_az":{"n":2}}`, nil},
	}
	for _, tc := range cases {
		var w wireQueue
		if err := json.Unmarshal([]byte(`{"queue_name":"q","labels":`+tc.raw+`}`), &w); err != nil {
			t.Errorf("labels %s: decoding failed: %v", tc.raw, err)
			continue
		}
		if got := w.domain().Labels; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("labels %s = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

// TestQueueListOddFieldKeepsEntry: a field in an unexpected shape leaves that
// field empty; the entry and the list are kept.
func TestQueueListOddFieldKeepsEntry(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"queues":[
			{"queue_name":"a","cu_count":"lots","platform":"x86_64","labels":{"multi_az":[2]}},
			"not an entry",
			{"queue_name":"b","cu_count":16,"labels":"multi_az=2"}]}`)
	})
	c := newTestClient(t, f, 0)
	qs, err := c.ListQueues(context.Background(), QueueFilter{Type: "all"})
	if err != nil {
		t.Fatalf("one odd entry failed the list: %v", err)
	}
	if len(qs) != 2 || qs[0].Name != "a" || qs[0].CUCount != 0 || qs[0].Platform != "x86_64" || qs[0].Labels != nil ||
		qs[1].Name != "b" || qs[1].CUCount != 16 || !reflect.DeepEqual(qs[1].Labels, []string{"multi_az=2"}) {
		t.Errorf("queues = %+v", qs)
	}
}

// TestQueueLabelsFromEmulator: whichever shape the emulator answers labels in,
// the client reads the labels the queue was created with, and a queue without
// labels has none.
func TestQueueLabelsFromEmulator(t *testing.T) {
	ctx := context.Background()
	c, e := startEmulator(t)
	for _, in := range []CreateQueueInput{
		{Name: "with_labels", Type: "sql", CUCount: 16, Labels: []string{"multi_az=2"}},
		{Name: "without_labels", Type: "sql", CUCount: 16},
	} {
		if err := c.CreateQueue(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	shapes := map[string]emulator.LabelShape{
		"text": emulator.LabelsText, "object text": emulator.LabelsObjectText,
		"array": emulator.LabelsArray, "object": emulator.LabelsObject,
	}
	for name, shape := range shapes {
		e.SetQueueLabelShape(shape)
		qs, err := c.ListQueues(ctx, QueueFilter{Type: "all"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := map[string][]string{}
		for _, q := range qs {
			got[q.Name] = q.Labels
		}
		want := map[string][]string{"with_labels": {"multi_az=2"}, "without_labels": nil}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: labels = %q, want %q", name, got, want)
		}
	}
}

// TestQueueListOddLabelsServeOtherQueues: one queue whose labels cannot be
// read does not fail the shared list that every queue create reads its
// list-only attributes from.
func TestQueueListOddLabelsServeOtherQueues(t *testing.T) {
	ctx := context.Background()
	c, e := startEmulator(t)
	for _, name := range []string{"first", "odd", "last"} {
		if err := c.CreateQueue(ctx, CreateQueueInput{Name: name, Type: "general", CUCount: 16, Labels: []string{"multi_az=2"}}); err != nil {
			t.Fatal(err)
		}
	}
	e.SetQueueLabelsAnswer("odd", json.RawMessage(`{"multi_az":{"replicas":2}}`))
	for _, name := range []string{"first", "last"} {
		q, err := c.FindQueueListItem(ctx, name)
		if err != nil {
			t.Fatalf("queue %s: %v", name, err)
		}
		if q.Platform != "x86_64" || !reflect.DeepEqual(q.Labels, []string{"multi_az=2"}) {
			t.Errorf("queue %s = %+v", name, q)
		}
	}
	q, err := c.FindQueueListItem(ctx, "odd")
	if err != nil || q.Labels != nil || q.Platform != "x86_64" {
		t.Errorf("odd queue = %+v, %v; want its entry without labels", q, err)
	}
}
