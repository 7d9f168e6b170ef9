package emulator

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A fault with AfterApply lets the request take effect and still answers
// the error: the client's view of a gateway that timed out after the commit.
func TestFaultAfterApply(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	srv.Emulator.AddFault(Fault{Method: "POST", PathRegexp: "/elastic-resource-pools$", Status: 503, AfterApply: true, Count: 1})
	r := a.call("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "lost_answer", "min_cu": 64, "max_cu": 64})
	if r.status != 503 || r.code() != "DLI.0999" {
		t.Fatalf("want the injected 503, got %d %s", r.status, r.raw)
	}
	if a.poolByName("lost_answer") == nil {
		t.Fatal("the request behind the injected answer did not take effect")
	}
	// A plain fault answers before the request is applied.
	srv.Emulator.AddFault(Fault{Method: "POST", PathRegexp: "/elastic-resource-pools$", Status: 503, Count: 1})
	a.call("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "never_made", "min_cu": 64, "max_cu": 64})
	if a.poolByName("never_made") != nil {
		t.Fatal("a fault without AfterApply let the request take effect")
	}
}

// Malformed JSON, wrong types and oversized bodies get 400 DLI.0001 with a
// DLI-style body on every endpoint that reads one; unknown fields are ignored.
func TestBadBodiesOnEveryEndpoint(t *testing.T) {
	e, conn := fuzzEmulator(t)
	bad := map[string]string{
		"malformed":  `{"a":`,
		"not object": `"just a string"`,
		"trailing":   `{} {}`,
		"oversized":  `{"description":"` + strings.Repeat("x", maxBodyBytes) + `"}`,
	}
	wrongTypes := map[string]string{
		"/v3/{pid}/elastic-resource-pools":                                      `{"elastic_resource_pool_name":1,"min_cu":"x"}`,
		"/v3/{pid}/elastic-resource-pools/fz_pool":                              `{"max_cu":"lots"}`,
		"/v3/{pid}/elastic-resource-pools/fz_pool/queues":                       `{"queue_name":["q"]}`,
		"/v3/{pid}/elastic-resource-pools/fz_pool/queues/fz_queue":              `{"queue_scaling_policies":{"priority":1}}`,
		"/v1.0/{pid}/queues":                                                    `{"queue_name":"q","cu_count":true}`,
		"/v1.0/{pid}/queues/fz_queue/action":                                    `{"action":7}`,
		"/v3/{pid}/queues/fz_queue/properties":                                  `{"k":"v"}`,
		"/v2.0/{pid}/datasource/enhanced-connections":                           `{"name":"c","hosts":"h"}`,
		"/v2.0/{pid}/datasource/enhanced-connections/{conn}":                    `{"hosts":[{"name":1}]}`,
		"/v2.0/{pid}/datasource/enhanced-connections/{conn}/associate-queue":    `{"queues":[1]}`,
		"/v3/{pid}/datasource/enhanced-connections/{conn}/routes":               `{"name":{},"cidr":1}`,
		"/v2.0/{pid}/datasource/enhanced-connections/{conn}/disassociate-queue": `{"elastic_resource_pools":{}}`,
	}
	n := 0
	for _, ep := range fuzzEndpoints {
		if ep.method == "GET" {
			continue
		}
		path := strings.NewReplacer("{pid}", e.ProjectID(), "{conn}", conn).Replace(ep.path)
		bodies := map[string]string{}
		for k, v := range bad {
			bodies[k] = v
		}
		if wt, ok := wrongTypes[ep.path]; ok && ep.method != "DELETE" {
			bodies["wrong types"] = wt
		}
		for kind, body := range bodies {
			rec := serveSigned(t, e, ep.method, path, "", []byte(body))
			what := fmt.Sprintf("%s %s with a %s body", ep.method, ep.path, kind)
			checkDLIAnswer(t, rec, what)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"DLI.0001"`) {
				t.Errorf("%s: HTTP %d %s, want 400 DLI.0001", what, rec.Code, rec.Body)
			}
			n++
		}
	}
	if n < 40 {
		t.Fatalf("only %d bad bodies tried", n)
	}
}

// TestLoadConcurrentClients drives the emulator from many goroutines at once
// — creates, reads, scaling, binding, deletes, the request log, faults added
// and cleared, a state file written after every change — to be run with
// -race (make unit does). Every answer must be a well-formed DLI answer.
func TestLoadConcurrentClients(t *testing.T) {
	clk := newFakeClock()
	srv, err := Start(Config{AccessKey: testAK, SecretKey: testSK, Now: clk.Now,
		StateFile: filepath.Join(t.TempDir(), "state.json")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	a := api{t, srv}
	a.createPool("load_pool", 1024)
	clk.Advance(time.Second)

	const workers, rounds = 12, 15
	var served, failedBadly atomic.Int64
	var wg sync.WaitGroup
	check := func(r reply, what string) {
		served.Add(1)
		if r.status >= 500 && r.code() != "DLI.0999" || r.status >= 400 && r.code() == "" {
			failedBadly.Add(1)
			t.Errorf("%s: %d %s", what, r.status, r.raw)
		}
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7)) //nolint:gosec // test load pattern
			q := fmt.Sprintf("load_q%d", w)
			check(a.goCall("POST", a.queues(), map[string]any{"queue_name": q, "cu_count": 16, "elastic_resource_pool_name": "load_pool"}), "create queue")
			cr := a.goCall("POST", a.conns(), map[string]any{"name": fmt.Sprintf("load_c%d", w), "dest_vpc_id": "v", "dest_network_id": "s"})
			check(cr, "create connection")
			id, _ := cr.body["connection_id"].(string)
			for i := 0; i < rounds; i++ {
				switch rng.IntN(8) {
				case 0:
					check(a.goCall("GET", a.pools(), nil, "name", "load"), "list pools")
				case 1:
					check(a.goCall("GET", a.queues()+"/"+q, nil), "get queue")
				case 2:
					check(a.goCall("PUT", a.queues()+"/"+q+"/action", map[string]any{"action": "scale_out", "cu_count": 16}), "scale")
				case 3:
					check(a.goCall("POST", a.conns()+"/"+id+"/associate-queue", map[string]any{"queues": []string{q}}), "bind")
				case 4:
					check(a.goCall("POST", a.conns()+"/"+id+"/disassociate-queue", map[string]any{"queues": []string{q}}), "unbind")
				case 5:
					srv.Emulator.AddFault(Fault{Method: "GET", Status: 503, Count: 1})
					check(a.goCall("GET", a.conns()+"/"+id, nil), "get connection")
				case 6:
					_ = srv.Emulator.Requests()
					clk.Advance(100 * time.Millisecond)
				case 7:
					check(a.goCall("PUT", a.pools()+"/load_pool", map[string]any{"description": fmt.Sprintf("w%d", w)}), "update pool")
				}
			}
			check(a.goCall("POST", a.conns()+"/"+id+"/disassociate-queue", map[string]any{"queues": []string{q}}), "final unbind")
			check(a.goCall("DELETE", a.conns()+"/"+id, nil), "delete connection")
			if w%3 == 0 {
				srv.Emulator.ClearFaults()
			}
		}(w)
	}
	wg.Wait()
	if failedBadly.Load() > 0 {
		t.Fatalf("%d of %d answers were not well-formed", failedBadly.Load(), served.Load())
	}
	if got := len(srv.Emulator.Requests()); int64(got) < served.Load() {
		t.Fatalf("request log holds %d records for %d answers", got, served.Load())
	}
	// The state file written under load loads back.
	if _, err := New(Config{AccessKey: testAK, SecretKey: testSK, StateFile: srv.Emulator.cfg.StateFile}); err != nil {
		t.Fatalf("state file after load: %v", err)
	}
}
