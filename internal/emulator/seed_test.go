package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func readSeed(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "seed", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// missingKeys lists the keys of want (recursively, through objects and the
// first element of arrays) that got lacks.
func missingKeys(prefix string, want, got any) []string {
	var out []string
	switch w := want.(type) {
	case map[string]any:
		g, isMap := got.(map[string]any)
		if !isMap {
			return []string{prefix + " (not an object)"}
		}
		for k, wv := range w {
			gv, present := g[k]
			if !present {
				out = append(out, prefix+"."+k)
				continue
			}
			out = append(out, missingKeys(prefix+"."+k, wv, gv)...)
		}
	case []any:
		g, isList := got.([]any)
		if len(w) == 0 {
			return nil
		}
		if !isList || len(g) == 0 {
			return []string{prefix + "[] (empty or not a list)"}
		}
		out = append(out, missingKeys(prefix+"[]", w[0], g[0])...)
	}
	return out
}

func assertKeys(t *testing.T, fixture string, got []byte) {
	t.Helper()
	var want, have any
	if err := json.Unmarshal([]byte(readSeed(t, fixture)), &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &have); err != nil {
		t.Fatal(err)
	}
	if miss := missingKeys("", want, have); len(miss) > 0 {
		t.Fatalf("%s: response lacks %v: %s", fixture, miss, got)
	}
}

// TestSeedWalkthrough sends the walkthrough's bodies verbatim, signed, and
// checks every answer carries every key of the walkthrough's examples.
func TestSeedWalkthrough(t *testing.T) {
	srv, clk := startTest(t, Delays{PoolCreate: time.Second, QueueCreate: time.Second, ConnectionPeering: time.Second})
	a := api{t, srv}
	r := a.must("POST", a.pools(), readSeed(t, "create_pool_request.json"))
	assertKeys(t, "create_pool_response.json", r.raw)
	clk.Advance(2 * time.Second)
	if p := a.poolByName("elastic_pool_dli"); p == nil || p["cidr_in_vpc"] != "172.16.0.0/14" || p["status"] != "AVAILABLE" {
		t.Fatalf("seed pool: %v", p)
	}
	r = a.must("POST", a.queues(), readSeed(t, "create_queue_request.json"))
	assertKeys(t, "create_queue_response.json", r.raw)
	// The queue exists as the walkthrough asked: its CUs arrive after the
	// create delay.
	if q := a.must("GET", a.queues()+"/queue1", nil); num(q.body["cuCount"]) != 0 || q.body["queueType"] != "sql" {
		t.Fatalf("queue1 while creating: %s", q.raw)
	}
	clk.Advance(2 * time.Second)
	if q := a.must("GET", a.queues()+"/queue1", nil); num(q.body["cuCount"]) != 16 || q.body["queueType"] != "sql" || q.body["queueName"] != "queue1" {
		t.Fatalf("queue1 after the create delay: %s", q.raw)
	}
	r = a.must("POST", a.conns(), readSeed(t, "create_connection_request.json"))
	if r.status != 201 {
		t.Fatalf("create connection status %d", r.status)
	}
	assertKeys(t, "create_connection_response.json", r.raw)
	id, _ := r.body["connection_id"].(string)
	get := a.must("GET", a.conns()+"/"+id, nil)
	pools := get.body["elastic_resource_pools"].([]any)
	if pools[0].(map[string]any)["status"] != "CREATING" {
		t.Fatalf("peering should start CREATING: %s", get.raw)
	}
	clk.Advance(2 * time.Second)
	get = a.must("GET", a.conns()+"/"+id, nil)
	assertKeys(t, "get_connection_response.json", get.raw)
	pool := get.body["elastic_resource_pools"].([]any)[0].(map[string]any)
	if get.body["status"] != "ACTIVE" || pool["status"] != "ACTIVE" || pool["name"] != "elastic_pool_dli" || len(get.body["hosts"].([]any)) != 2 {
		t.Fatalf("connection: %s", get.raw)
	}
}
