package emulator

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAuthFailures(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	path := a.queues()
	cases := map[string]signedReq{
		"wrong ak": {method: "GET", path: path, ak: "OTHERAK", sk: testSK},
		"wrong sk": {method: "GET", path: path, ak: testAK, sk: "wrong-secret"},
		"tampered body": {method: "POST", path: path, body: `{"queue_name":"a","cu_count":16}`,
			mutate: func(r *http.Request) {
				b := []byte(`{"queue_name":"b","cu_count":16}`)
				r.Body, r.ContentLength = ioNop(b), int64(len(b))
			}},
		"tampered query": {method: "GET", path: path, query: map[string]string{"queue_type": "sql"},
			mutate: func(r *http.Request) { r.URL.RawQuery = "queue_type=all" }},
		"tampered header": {method: "GET", path: path, headers: map[string]string{"X-Project-Id": "x"},
			mutate: func(r *http.Request) { r.Header.Set("X-Project-Id", "y") }},
		"stale date":     {method: "GET", path: path, headers: map[string]string{"X-Sdk-Date": time.Now().Add(-20 * time.Minute).UTC().Format(sdkDateFormat)}},
		"missing header": {method: "GET", path: path, mutate: func(r *http.Request) { r.Header.Del("Authorization") }},
		"missing date":   {method: "GET", path: path, mutate: func(r *http.Request) { r.Header.Del("X-Sdk-Date") }},
	}
	for name, sr := range cases {
		t.Run(name, func(t *testing.T) {
			r := send(t, srv.URL, sr)
			if r.status != 401 || r.code() != "APIGW.0301" {
				t.Fatalf("got %d %s", r.status, r.raw)
			}
			if strings.Contains(string(r.raw), testSK) || strings.Contains(string(r.raw), "Signature=") {
				t.Fatalf("error leaks secrets: %s", r.raw)
			}
		})
	}
	if r := a.call("GET", path, nil); r.status != 200 {
		t.Fatalf("valid signature refused: %d %s", r.status, r.raw)
	}
}

func ioNop(b []byte) *nopCloser { return &nopCloser{bytes.NewReader(b)} }

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

func TestTokenAuth(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	for tok, want := range map[string]int{"test-token": 200, "bad-token": 401} {
		req, _ := http.NewRequest("GET", srv.URL+"/v1.0/"+DefaultProjectID+"/queues", nil)
		req.Header.Set("X-Auth-Token", tok)
		if r := do(t, req); r.status != want {
			t.Fatalf("token %s: got %d", tok, r.status)
		}
	}
}

func TestWrongProjectAndUnknownPath(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.fail(404, "DLI.0023", "GET", "/v1.0/otherproject/queues", nil)
	a.fail(404, "APIGW.0101", "GET", "/v1.0/"+a.pid()+"/nothing", nil)
}

func TestPoolValidation(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	bad := []map[string]any{
		{"elastic_resource_pool_name": "_x", "min_cu": 64, "max_cu": 64},
		{"elastic_resource_pool_name": "123", "min_cu": 64, "max_cu": 64},
		{"elastic_resource_pool_name": "a-b", "min_cu": 64, "max_cu": 64},
		{"elastic_resource_pool_name": strings.Repeat("a", 129), "min_cu": 64, "max_cu": 64},
		{"elastic_resource_pool_name": "p", "min_cu": 48, "max_cu": 64},
		{"elastic_resource_pool_name": "p", "min_cu": 64, "max_cu": 32016},
		{"elastic_resource_pool_name": "p", "min_cu": 64, "max_cu": 72},
		{"elastic_resource_pool_name": "p", "min_cu": 128, "max_cu": 64},
		{"elastic_resource_pool_name": "p", "min_cu": 16, "max_cu": 80, "label": map[string]string{"spec": "basic"}},
		{"elastic_resource_pool_name": "p", "min_cu": 64, "max_cu": 64, "cidr_in_vpc": "172.16.0.0/33"},
		{"elastic_resource_pool_name": "p", "min_cu": 64, "max_cu": 64, "cidr_in_vpc": "172.16.0.1/12"},
		{"elastic_resource_pool_name": "p", "min_cu": 64, "max_cu": 64, "charging_mode": 2},
		{"elastic_resource_pool_name": "p", "min_cu": 64},
		{"min_cu": 64, "max_cu": 64},
		{"elastic_resource_pool_name": "p", "min_cu": "64", "max_cu": 64},
	}
	for _, b := range bad {
		r := a.fail(400, "DLI.0001", "POST", a.pools(), b)
		if !strings.Contains(r.body["error_msg"].(string), "parameter") && !strings.Contains(r.body["error_msg"].(string), "min_cu") {
			t.Fatalf("message does not name the field: %s", r.raw)
		}
	}
	a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "Basic1", "min_cu": 16, "max_cu": 64, "label": map[string]string{"spec": "basic"}})
	a.fail(400, "DLI.0006", "POST", a.pools(), map[string]any{"elastic_resource_pool_name": "BASIC1", "min_cu": 16, "max_cu": 64, "label": map[string]string{"spec": "basic"}})
	a.fail(400, "DLI.0002", "PUT", a.pools()+"/nope", map[string]any{"max_cu": 128})
	a.fail(400, "DLI.0002", "DELETE", a.pools()+"/nope", nil)
}

func TestPoolLifecycle(t *testing.T) {
	srv, clk := startTest(t, Delays{PoolCreate: 10 * time.Second, PoolScale: 10 * time.Second, PoolDelete: 10 * time.Second})
	a := api{t, srv}
	a.createPool("lp", 64)
	if s := a.poolByName("lp")["status"]; s != "CREATING" {
		t.Fatalf("status %v", s)
	}
	a.fail(400, "DLI.0009", "PUT", a.pools()+"/lp", map[string]any{"max_cu": 128})
	clk.Advance(11 * time.Second)
	p := a.poolByName("lp")
	if p["status"] != "AVAILABLE" || num(p["actual_cu"]) != 64 {
		t.Fatalf("pool %v", p)
	}
	a.must("PUT", a.pools()+"/LP", map[string]any{"max_cu": 128})
	if s := a.poolByName("lp")["status"]; s != "SCALING" {
		t.Fatalf("status %v", s)
	}
	a.fail(400, "DLI.0009", "PUT", a.pools()+"/lp", map[string]any{"max_cu": 256})
	a.fail(400, "DLI.0009", "DELETE", a.pools()+"/lp", nil)
	clk.Advance(11 * time.Second)
	if p := a.poolByName("lp"); p["status"] != "AVAILABLE" || num(p["max_cu"]) != 128 {
		t.Fatalf("pool %v", p)
	}
	a.must("POST", a.queues(), map[string]any{"queue_name": "inpool", "cu_count": 16, "elastic_resource_pool_name": "lp"})
	a.fail(400, "DLI.0001", "PUT", a.pools()+"/lp", map[string]any{"min_cu": 0})
	r := a.fail(400, "DLI.0009", "DELETE", a.pools()+"/lp", nil)
	if !strings.Contains(r.body["error_msg"].(string), "inpool") {
		t.Fatalf("message does not name the queue: %s", r.raw)
	}
	srv.Emulator.DeleteQueueNow("inpool")
	a.must("DELETE", a.pools()+"/lp", nil)
	// No DELETING: the documented enum has none, so the pool keeps its status
	// until it leaves the list; changes are refused, a second delete is not.
	if s := a.poolByName("lp")["status"]; s != "AVAILABLE" {
		t.Fatalf("status %v while deleting, want the last documented status AVAILABLE", s)
	}
	a.fail(400, "DLI.0009", "PUT", a.pools()+"/lp", map[string]any{"max_cu": 256})
	a.must("DELETE", a.pools()+"/lp", nil)
	clk.Advance(11 * time.Second)
	if a.poolByName("lp") != nil {
		t.Fatal("pool still listed after deletion")
	}
	srv.Emulator.FailNext("pool", "Broken")
	a.createPool("broken", 64)
	clk.Advance(11 * time.Second)
	if p := a.poolByName("broken"); p["status"] != "FAILED" || p["fail_reason"] == "" {
		t.Fatalf("pool %v", p)
	}
}

func TestPoolListFilters(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	for i := 0; i < 5; i++ {
		a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": fmt.Sprintf("alpha%d", i), "min_cu": 64, "max_cu": 64,
			"tags": []map[string]string{{"key": "n", "value": fmt.Sprint(i % 2)}}})
	}
	a.createPool("beta", 64)
	r := a.must("GET", a.pools(), nil, "name", "ALPHA", "limit", "2", "offset", "1")
	if num(r.body["count"]) != 5 || len(r.body["elastic_resource_pools"].([]any)) != 2 {
		t.Fatalf("paging: %s", r.raw)
	}
	r = a.must("GET", a.pools(), nil, "tags", "n=1")
	if num(r.body["count"]) != 2 {
		t.Fatalf("tags: %s", r.raw)
	}
	r = a.must("GET", a.pools(), nil, "status", "FAILED")
	if num(r.body["count"]) != 0 {
		t.Fatalf("status: %s", r.raw)
	}
}

func TestQueueValidationAndLifecycle(t *testing.T) {
	srv, clk := startTest(t, Delays{QueueCreate: 5 * time.Second, QueueScale: 5 * time.Second, QueueDelete: 5 * time.Second})
	a := api{t, srv}
	a.createPool("qp", 128)
	bad := []map[string]any{
		{"queue_name": "q", "cu_count": 32},
		{"queue_name": "q", "cu_count": 16, "queue_type": "batch"},
		{"queue_name": "q", "cu_count": 16, "platform": "arm"},
		{"queue_name": "q", "cu_count": 16, "feature": "gpu"},
		{"queue_name": "q", "cu_count": 16, "engine": "flink"},
		{"queue_name": "q", "cu_count": 16, "queue_type": "general", "engine": "spark"},
		{"queue_name": "q", "cu_count": 4, "elastic_resource_pool_name": "qp"},
		{"queue_name": "q", "cu_count": 80, "elastic_resource_pool_name": "qp"},
		{"queue_name": "default", "cu_count": 16},
		{"queue_name": "q"},
	}
	for _, b := range bad {
		a.fail(400, "DLI.0001", "POST", a.queues(), b)
	}
	a.fail(400, "DLI.0002", "POST", a.queues(), map[string]any{"queue_name": "q", "cu_count": 16, "elastic_resource_pool_name": "none"})
	a.must("POST", a.queues(), map[string]any{"queue_name": "G1", "cu_count": 4, "queue_type": "general", "elastic_resource_pool_name": "qp"})
	a.fail(400, "DLI.0006", "POST", a.queues(), map[string]any{"queue_name": "g1", "cu_count": 16})
	if r := a.must("GET", a.queues()+"/g1", nil); num(r.body["cuCount"]) != 0 || r.body["queueType"] != "general" {
		t.Fatalf("creating queue: %s", r.raw)
	}
	clk.Advance(6 * time.Second)
	a.must("POST", a.queues(), map[string]any{"queue_name": "s1", "cu_count": 64})
	clk.Advance(6 * time.Second)
	a.fail(400, "DLI.0001", "PUT", a.queues()+"/s1/action", map[string]any{"action": "scale_out", "cu_count": 10})
	a.fail(400, "DLI.0001", "PUT", a.queues()+"/s1/action", map[string]any{"action": "jump"})
	a.must("PUT", a.queues()+"/s1/action", map[string]any{"action": "scale_out", "cu_count": 48})
	a.fail(400, "DLI.0009", "PUT", a.queues()+"/s1/action", map[string]any{"action": "scale_out", "cu_count": 16})
	if r := a.must("GET", a.queues()+"/s1", nil); num(r.body["cuCount"]) != 64 {
		t.Fatalf("during scaling: %s", r.raw)
	}
	clk.Advance(6 * time.Second)
	if r := a.must("GET", a.queues()+"/s1", nil); num(r.body["cuCount"]) != 112 {
		t.Fatalf("after scaling: %s", r.raw)
	}
	a.fail(400, "DLI.0001", "PUT", a.queues()+"/s1/action", map[string]any{"action": "scale_in", "cu_count": 112})
	r := a.must("GET", a.queues(), nil, "queue_type", "all", "page-size", "1", "current-page", "2")
	if qs := r.body["queues"].([]any); len(qs) != 1 || qs[0].(map[string]any)["queue_name"] != "s1" {
		t.Fatalf("paging: %s", r.raw)
	}
	if r := a.must("GET", a.queues(), nil, "queue_type", "general"); len(r.body["queues"].([]any)) != 1 {
		t.Fatalf("general: %s", r.raw)
	}
	// Properties: only SQL queues of the Spark engine in a standard pool
	// take them (UG "Setting Queue Properties"); then values are checked.
	a.fail(400, "DLI.0007", "POST", "/v3/"+a.pid()+"/queues/s1/properties", map[string]any{"properties": map[string]any{"job.maxConcurrent": 2}})
	a.fail(400, "DLI.0007", "POST", "/v3/"+a.pid()+"/queues/g1/properties", map[string]any{"properties": map[string]any{"job.maxConcurrent": 2}})
	a.must("POST", a.queues(), map[string]any{"queue_name": "sp1", "cu_count": 8, "elastic_resource_pool_name": "qp"})
	a.fail(400, "DLI.0001", "POST", "/v3/"+a.pid()+"/queues/sp1/properties", map[string]any{"properties": map[string]any{"bogus": 1}})
	a.fail(400, "DLI.0001", "POST", "/v3/"+a.pid()+"/queues/sp1/properties", map[string]any{"properties": map[string]any{"job.maxConcurrent": 0}})
	a.must("POST", "/v3/"+a.pid()+"/queues/sp1/properties", map[string]any{"properties": map[string]any{"job.maxConcurrent": 2}})
	a.fail(400, "DLI.0001", "PUT", a.pools()+"/qp/queues/g1", map[string]any{"queue_scaling_policies": []map[string]any{{"priority": 0, "impact_start_time": "00:00", "impact_stop_time": "01:00", "min_cu": 4, "max_cu": 8}}})
	a.fail(400, "DLI.0001", "PUT", a.pools()+"/qp/queues/g1", map[string]any{"queue_scaling_policies": []map[string]any{{"priority": 1, "impact_start_time": "24:00", "impact_stop_time": "01:00", "min_cu": 4, "max_cu": 8}}})
	a.must("DELETE", a.queues()+"/s1", nil)
	a.must("GET", a.queues()+"/s1", nil)
	clk.Advance(6 * time.Second)
	a.fail(400, "DLI.0002", "GET", a.queues()+"/s1", nil)
}

func TestConnectionRules(t *testing.T) {
	srv, clk := startTest(t, Delays{ConnectionPeering: 5 * time.Second, ConnectionDelete: 5 * time.Second, DeletedRetention: 30 * time.Second})
	a := api{t, srv}
	a.createPool("cp", 64)
	a.must("POST", a.queues(), map[string]any{"queue_name": "cq", "cu_count": 16})
	base := func(extra map[string]any) map[string]any {
		m := map[string]any{"name": "c1", "dest_vpc_id": "v", "dest_network_id": "n"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, b := range []map[string]any{
		base(map[string]any{"name": strings.Repeat("c", 65)}),
		base(map[string]any{"dest_vpc_id": ""}),
		base(map[string]any{"hosts": []map[string]string{{"name": "1bad", "ip": "10.0.0.1"}}}),
		base(map[string]any{"hosts": []map[string]string{{"name": "ok", "ip": "10.0.0.300"}}}),
		base(map[string]any{"queues": []string{"default"}}),
	} {
		a.fail(400, "DLI.0001", "POST", a.conns(), b)
	}
	a.fail(400, "DLI.0002", "POST", a.conns(), base(map[string]any{"elastic_resource_pools": []string{"none"}}))
	srv.Emulator.FailNext("binding", "cq")
	r := a.must("POST", a.conns(), base(map[string]any{"elastic_resource_pools": "cp", "queues": []string{"cq"}}))
	id := r.body["connection_id"].(string)
	a.fail(400, "DLI.0006", "POST", a.conns(), base(nil))
	a.fail(400, "DLI.0001", "POST", a.conns()+"/"+id+"/associate-queue", map[string]any{"queues": []string{"default"}})
	a.fail(400, "DLI.0001", "POST", a.conns()+"/nope/associate-queue", map[string]any{"queues": []string{"cq"}})
	clk.Advance(6 * time.Second)
	g := a.must("GET", a.conns()+"/"+id, nil)
	q := g.body["available_queue_info"].([]any)[0].(map[string]any)
	if q["status"] != "FAILED" || q["err_msg"] == "" {
		t.Fatalf("failed binding: %s", g.raw)
	}
	del := a.fail(400, "DLI.0009", "DELETE", a.queues()+"/cq", nil)
	if !strings.Contains(del.body["error_msg"].(string), "c1") {
		t.Fatalf("message does not name the connection: %s", del.raw)
	}
	a.fail(400, "DLI.0001", "POST", "/v3/"+a.pid()+"/datasource/enhanced-connections/"+id+"/routes", map[string]any{"name": strings.Repeat("r", 65), "cidr": "10.0.0.0/8"})
	a.fail(400, "DLI.0001", "POST", "/v3/"+a.pid()+"/datasource/enhanced-connections/"+id+"/routes", map[string]any{"name": "r1", "cidr": "10.0.0.0"})
	a.must("POST", "/v2.0/"+a.pid()+"/datasource/enhanced-connections/"+id+"/routes", map[string]any{"name": "r1", "cidr": "10.0.0.0/8"})
	a.fail(400, "DLI.0006", "POST", "/v3/"+a.pid()+"/datasource/enhanced-connections/"+id+"/routes", map[string]any{"name": "r1", "cidr": "10.0.0.0/8"})
	if g := a.must("GET", a.conns()+"/"+id, nil); len(g.body["routes"].([]any)) != 1 {
		t.Fatalf("routes: %s", g.raw)
	}
	a.fail(400, "DLI.0002", "DELETE", "/v2.0/"+a.pid()+"/datasource/enhanced-connections/"+id+"/routes/r9", nil)
	a.must("DELETE", a.conns()+"/"+id, nil)
	if g := a.must("GET", a.conns()+"/"+id, nil); g.body["status"] != "ACTIVE" {
		t.Fatalf("status before ConnectionDelete: %s", g.raw)
	}
	clk.Advance(6 * time.Second)
	if g := a.must("GET", a.conns(), nil, "status", "DELETED"); num(g.body["count"]) != 1 {
		t.Fatalf("deleted connection not listed: %s", g.raw)
	}
	a.must("DELETE", a.queues()+"/cq", nil)
	clk.Advance(31 * time.Second)
	a.fail(400, "DLI.0001", "GET", a.conns()+"/"+id, nil)
}

func TestFaults(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	e := srv.Emulator
	e.AddFault(Fault{Method: "GET", PathRegexp: "/queues$", Status: 503, Code: "DLI.0999", Message: "busy", Count: 2, Skip: 1})
	statuses := []int{}
	for i := 0; i < 4; i++ {
		statuses = append(statuses, a.call("GET", a.queues(), nil).status)
	}
	if fmt.Sprint(statuses) != "[200 503 503 200]" {
		t.Fatalf("statuses %v", statuses)
	}
	e.AddFault(Fault{Status: 429, Code: "APIGW.0308"})
	if r := a.call("GET", a.pools(), nil); r.status != 429 || r.code() != "APIGW.0308" {
		t.Fatalf("throttle: %d %s", r.status, r.raw)
	}
	e.ClearFaults()
	e.AddFault(Fault{Latency: 150 * time.Millisecond, Count: 1})
	start := time.Now()
	if r := a.call("GET", a.pools(), nil); r.status != 200 || time.Since(start) < 150*time.Millisecond {
		t.Fatalf("latency fault: %d after %s", r.status, time.Since(start))
	}
	// Admin HTTP API.
	resp, err := http.Post(srv.URL+"/_emulator/faults", "application/json", strings.NewReader(`{"Status":500,"Code":"DLI.0999","Latency":"1ms","Count":1}`))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("admin fault: %v %v", err, resp)
	}
	resp.Body.Close()
	if r := a.call("GET", a.pools(), nil); r.status != 500 {
		t.Fatalf("admin fault not applied: %d", r.status)
	}
}

func TestRequestLog(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.call("GET", a.pools(), nil, "limit", "5")
	a.call("GET", a.queues()+"/missing", nil)
	_, _ = http.Get(srv.URL + "/_emulator/health")
	recs := srv.Emulator.Requests()
	if len(recs) != 2 || recs[0].Query != "limit=5" || recs[0].Status != 200 || recs[1].ErrorCode != "DLI.0002" || recs[1].Status != 400 {
		t.Fatalf("log: %+v", recs)
	}
	srv.Emulator.ResetRequests()
	if len(srv.Emulator.Requests()) != 0 {
		t.Fatal("log not reset")
	}
}

func TestStateFileRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	cfg := Config{AccessKey: testAK, SecretKey: testSK, StateFile: file}
	srv, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a := api{t, srv}
	a.createPool("kept", 64)
	a.must("POST", a.queues(), map[string]any{"queue_name": "keptq", "cu_count": 64})
	_ = srv.Close()
	srv2, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	b := api{t, srv2}
	if b.poolByName("kept") == nil {
		t.Fatal("pool lost across restart")
	}
	if r := b.must("GET", b.queues()+"/keptq", nil); num(r.body["cuCount"]) != 64 {
		t.Fatalf("queue: %s", r.raw)
	}
	b.fail(400, "DLI.0006", "POST", b.pools(), map[string]any{"elastic_resource_pool_name": "kept", "min_cu": 64, "max_cu": 64})
}

func TestBodies(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.fail(400, "DLI.0001", "POST", a.pools(), `{"elastic_resource_pool_name":`)
	a.fail(400, "DLI.0001", "POST", a.pools(), `[1,2]`)
	a.fail(400, "DLI.0001", "POST", a.pools(), strings.Repeat(" ", maxBodyBytes+10))
	a.must("POST", a.pools(), `{"elastic_resource_pool_name":"x1","min_cu":64,"max_cu":64,"unknown":{"a":1}}`)
}

func TestConcurrency(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := fmt.Sprintf("cq%d", i)
			if r := a.goCall("POST", a.queues(), map[string]any{"queue_name": name, "cu_count": 16}); r.status != 200 {
				t.Errorf("create %s: %d", name, r.status)
			}
			a.goCall("GET", a.queues(), nil)
			a.goCall("GET", a.queues()+"/"+name, nil)
		}(i)
	}
	wg.Wait()
	if r := a.must("GET", a.queues(), nil); len(r.body["queues"].([]any)) != 16 {
		t.Fatalf("queues: %d", len(r.body["queues"].([]any)))
	}
}
