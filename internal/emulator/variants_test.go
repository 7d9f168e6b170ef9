package emulator

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"
)

// TestQueueListLabelShapes pins each LabelShape's answer for a queue created
// with labels ["multi_az=2"] and one created without labels.
func TestQueueListLabelShapes(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.must("POST", a.queues(), map[string]any{"queue_name": "labelled", "cu_count": 16, "labels": []string{"multi_az=2"}})
	a.must("POST", a.queues(), map[string]any{"queue_name": "plain", "cu_count": 16})
	cases := []struct {
		shape          LabelShape
		labelled, none string
	}{
		{LabelsText, `"multi_az=2"`, `""`},
		{LabelsObjectText, `"{\"multi_az\":\"2\"}"`, `"{}"`},
		{LabelsArray, `["multi_az=2"]`, `[]`},
		{LabelsObject, `{"multi_az":"2"}`, `{}`},
	}
	for _, tc := range cases {
		srv.Emulator.SetQueueLabelShape(tc.shape)
		got := queueLabelsAnswered(t, a)
		want := map[string]string{"labelled": tc.labelled, "plain": tc.none}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("shape %d: labels = %v, want %v", tc.shape, got, want)
		}
	}
	srv.Emulator.SetQueueLabelsAnswer("LABELLED", json.RawMessage(`42`))
	if got := queueLabelsAnswered(t, a)["labelled"]; got != `42` {
		t.Errorf("odd labels answer = %s, want 42", got)
	}
	srv.Emulator.SetQueueLabelsAnswer("labelled", nil)
	if got := queueLabelsAnswered(t, a)["labelled"]; got != `{"multi_az":"2"}` {
		t.Errorf("restored labels answer = %s", got)
	}
}

// queueLabelsAnswered maps each listed queue to its labels as raw JSON.
func queueLabelsAnswered(t *testing.T, a api) map[string]string {
	t.Helper()
	var out struct {
		Queues []struct {
			Name   string          `json:"queue_name"`
			Labels json.RawMessage `json:"labels"`
		} `json:"queues"`
	}
	if err := json.Unmarshal(a.must("GET", a.queues(), nil, "queue_type", "all").raw, &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, q := range out.Queues {
		got[q.Name] = string(q.Labels)
	}
	return got
}

// TestTagFilterSemantics: by default a tags filter keeps objects carrying
// every pair (our assumption); TagFilterAny keeps those carrying any pair.
// Pools, queues and connections share the rule.
func TestTagFilterSemantics(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	tags := func(kv ...string) []map[string]string {
		var out []map[string]string
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, map[string]string{"key": kv[i], "value": kv[i+1]})
		}
		return out
	}
	a.must("POST", a.queues(), map[string]any{"queue_name": "both", "cu_count": 16, "tags": tags("owner", "a", "team", "x")})
	a.must("POST", a.queues(), map[string]any{"queue_name": "owner_only", "cu_count": 16, "tags": tags("owner", "a")})
	a.must("POST", a.queues(), map[string]any{"queue_name": "other", "cu_count": 16, "tags": tags("owner", "b")})
	listed := func(filter string) []string {
		var out struct {
			Queues []struct {
				Name string `json:"queue_name"`
			} `json:"queues"`
		}
		if err := json.Unmarshal(a.must("GET", a.queues(), nil, "queue_type", "all", "tags", filter).raw, &out); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, q := range out.Queues {
			names = append(names, q.Name)
		}
		sort.Strings(names)
		return names
	}
	cases := []struct {
		mode   TagFilter
		filter string
		want   []string
	}{
		{TagFilterAll, "owner=a,team=x", []string{"both"}},
		{TagFilterAll, "owner=a", []string{"both", "owner_only"}},
		{TagFilterAll, "team=y", nil},
		{TagFilterAny, "owner=a,team=x", []string{"both", "owner_only"}},
		{TagFilterAny, "owner=b,team=x", []string{"both", "other"}},
		{TagFilterAny, "team=y", nil},
	}
	for _, tc := range cases {
		srv.Emulator.SetTagFilter(tc.mode)
		if got := listed(tc.filter); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("mode %d filter %q: listed %v, want %v", tc.mode, tc.filter, got, tc.want)
		}
	}
}

// TestGeneralQueueEngineVariant: by default the queue list reports no engine
// for a general queue; SetGeneralQueueEngine makes it report one, as the
// service may. A SQL queue's engine is what it was created with either way.
func TestGeneralQueueEngineVariant(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.must("POST", a.queues(), map[string]any{"queue_name": "gen", "queue_type": "general", "cu_count": 16})
	a.must("POST", a.queues(), map[string]any{"queue_name": "hetu", "cu_count": 16, "engine": "hetuEngine"})
	engines := func() map[string]any {
		var out struct {
			Queues []map[string]any `json:"queues"`
		}
		if err := json.Unmarshal(a.must("GET", a.queues(), nil, "queue_type", "all").raw, &out); err != nil {
			t.Fatal(err)
		}
		got := map[string]any{}
		for _, q := range out.Queues {
			got[q["queue_name"].(string)] = q["engine"]
		}
		return got
	}
	if got := engines(); got["gen"] != nil || got["hetu"] != "hetuEngine" {
		t.Errorf("default engines = %v, want none for the general queue", got)
	}
	srv.Emulator.SetGeneralQueueEngine("spark")
	if got := engines(); got["gen"] != "spark" || got["hetu"] != "hetuEngine" {
		t.Errorf("engines = %v, want spark for the general queue", got)
	}
}
