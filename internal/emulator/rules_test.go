package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Tests for emulator rules of BEHAVIOUR.md that no other test pinned. Each
// checks the answer (status and error_code) and reads the stored value back.

// failQuery sends a GET with the given query and expects a refusal.
func (a api) failQuery(wantStatus int, wantCode, path string, query ...string) reply {
	a.t.Helper()
	r := a.call("GET", path, nil, query...)
	if r.status != wantStatus || r.code() != wantCode {
		a.t.Fatalf("GET %s %v: got %d %s, want %d %s", path, query, r.status, r.raw, wantStatus, wantCode)
	}
	return r
}

// errMsg is the error_msg of a refusal.
func (r reply) errMsg() string { s, _ := r.body["error_msg"].(string); return s }

// TestSignedContentSha256: a signed X-Sdk-Content-Sha256 header stands for
// the body hash, as the SDK signer computes it (UNSIGNED-PAYLOAD for bodies
// it does not hash); the header's value is then what the signature covers.
func TestSignedContentSha256(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	unsigned := map[string]string{"X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD"}
	poolBody := func(name string) string {
		return fmt.Sprintf(`{"elastic_resource_pool_name":%q,"min_cu":64,"max_cu":64}`, name)
	}
	swapBody := func(body string) func(*http.Request) {
		return func(r *http.Request) {
			b := []byte(body)
			r.Body, r.ContentLength = ioNop(b), int64(len(b))
		}
	}

	// Signed with the header: accepted, and the body is not covered, so a
	// body changed after signing still verifies and takes effect.
	r := send(t, srv.URL, signedReq{method: "POST", path: a.pools(), body: poolBody("shaone"), headers: unsigned})
	if r.status != 200 {
		t.Fatalf("request signed with X-Sdk-Content-Sha256: got %d %s", r.status, r.raw)
	}
	r = send(t, srv.URL, signedReq{method: "POST", path: a.pools(), body: poolBody("shatwo"), headers: unsigned,
		mutate: swapBody(poolBody("shathree"))})
	if r.status != 200 {
		t.Fatalf("body swapped under a signed X-Sdk-Content-Sha256: got %d %s", r.status, r.raw)
	}
	if a.poolByName("shaone") == nil || a.poolByName("shathree") == nil || a.poolByName("shatwo") != nil {
		t.Fatalf("pools after signed-hash requests: shaone=%v shatwo=%v shathree=%v",
			a.poolByName("shaone"), a.poolByName("shatwo"), a.poolByName("shathree"))
	}

	// The header's value is signed: another value, even the body's true
	// hash, does not verify.
	body := poolBody("shafour")
	sum := sha256.Sum256([]byte(body))
	for _, v := range []string{hex.EncodeToString(sum[:]), "unsigned-payload", "x"} {
		r = send(t, srv.URL, signedReq{method: "POST", path: a.pools(), body: body, headers: unsigned,
			mutate: func(r *http.Request) { r.Header.Set("X-Sdk-Content-Sha256", v) }})
		if r.status != 401 || r.code() != "APIGW.0301" {
			t.Fatalf("X-Sdk-Content-Sha256 changed to %q after signing: got %d %s", v, r.status, r.raw)
		}
	}
	if a.poolByName("shafour") != nil {
		t.Fatal("a refused request created its pool")
	}

	// Not signed, the header is ignored: the body hash still counts, so a
	// swapped body is refused and an intact one accepted.
	r = send(t, srv.URL, signedReq{method: "POST", path: a.pools(), body: poolBody("shafive"),
		mutate: func(r *http.Request) {
			r.Header.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
			swapBody(poolBody("shasix"))(r)
		}})
	if r.status != 401 || r.code() != "APIGW.0301" {
		t.Fatalf("unsigned X-Sdk-Content-Sha256 with a swapped body: got %d %s", r.status, r.raw)
	}
	r = send(t, srv.URL, signedReq{method: "POST", path: a.pools(), body: poolBody("shaseven"),
		mutate: func(r *http.Request) { r.Header.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD") }})
	if r.status != 200 || a.poolByName("shaseven") == nil || a.poolByName("shasix") != nil {
		t.Fatalf("unsigned X-Sdk-Content-Sha256 with the signed body: got %d %s", r.status, r.raw)
	}
}

// TestPoolEnterpriseProjectDefault: a pool without an enterprise project
// (absent or empty) is in project "0"; a given one is kept.
func TestPoolEnterpriseProjectDefault(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("epabsent", 64)
	a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "epempty", "min_cu": 64, "max_cu": 64, "enterprise_project_id": ""})
	a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "epgiven", "min_cu": 64, "max_cu": 64, "enterprise_project_id": "ep-7"})
	for name, want := range map[string]string{"epabsent": "0", "epempty": "0", "epgiven": "ep-7"} {
		p := a.poolByName(name)
		if p == nil || p["enterprise_project_id"] != want {
			t.Errorf("pool %s: enterprise_project_id = %v, want %q", name, p["enterprise_project_id"], want)
		}
	}
}

// tagList makes n tags k0=v0, k1=v1, ...
func tagList(n int) []map[string]string {
	out := make([]map[string]string, n)
	for i := range out {
		out[i] = map[string]string{"key": fmt.Sprintf("k%d", i), "value": fmt.Sprintf("v%d", i)}
	}
	return out
}

// TestTagLimits: pool, queue and connection creates take at most 20 tags,
// keys of 1 to 128 characters, unique, values of at most 255; anything else
// is DLI.0001 and creates nothing. The tags kept are found by the list's
// tags filter.
func TestTagLimits(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	kinds := []struct {
		kind   string
		path   string
		body   func(name string, tags any) map[string]any
		exists func(name, tagFilter string) bool
	}{
		{"pool", a.pools(),
			func(name string, tags any) map[string]any {
				return map[string]any{"elastic_resource_pool_name": name, "min_cu": 64, "max_cu": 64, "tags": tags}
			},
			func(name, tagFilter string) bool {
				r := a.must("GET", a.pools(), nil, "name", name, "tags", tagFilter)
				for _, it := range r.body["elastic_resource_pools"].([]any) {
					if it.(map[string]any)["elastic_resource_pool_name"] == name {
						return true
					}
				}
				return false
			}},
		{"queue", a.queues(),
			func(name string, tags any) map[string]any {
				return map[string]any{"queue_name": name, "cu_count": 16, "tags": tags}
			},
			func(name, tagFilter string) bool {
				r := a.must("GET", a.queues(), nil, "tags", tagFilter)
				for _, it := range r.body["queues"].([]any) {
					if it.(map[string]any)["queue_name"] == name {
						return true
					}
				}
				return false
			}},
		{"connection", a.conns(),
			func(name string, tags any) map[string]any {
				return map[string]any{"name": name, "dest_vpc_id": "v", "dest_network_id": "n", "tags": tags}
			},
			func(name, tagFilter string) bool {
				r := a.must("GET", a.conns(), nil, "name", name, "tags", tagFilter)
				for _, it := range r.body["connections"].([]any) {
					if it.(map[string]any)["name"] == name {
						return true
					}
				}
				return false
			}},
	}
	longest := []map[string]string{{"key": strings.Repeat("k", 128), "value": strings.Repeat("v", 255)}}
	bad := map[string][]map[string]string{
		"many":     tagList(21),
		"emptykey": {{"key": "", "value": "v"}},
		"longkey":  {{"key": strings.Repeat("k", 129), "value": "v"}},
		"longval":  {{"key": "k", "value": strings.Repeat("v", 256)}},
		"dupkey":   {{"key": "k", "value": "a"}, {"key": "k", "value": "b"}},
	}
	for _, k := range kinds {
		t.Run(k.kind, func(t *testing.T) {
			a := api{t, srv}
			a.must("POST", k.path, k.body(k.kind+"twenty", tagList(20)))
			if !k.exists(k.kind+"twenty", "k0=v0,k19=v19") {
				t.Errorf("%s with 20 tags not found by its first and last tag", k.kind)
			}
			a.must("POST", k.path, k.body(k.kind+"longest", longest))
			if !k.exists(k.kind+"longest", longest[0]["key"]+"="+longest[0]["value"]) {
				t.Errorf("%s with a 128-character key and a 255-character value not found by that tag", k.kind)
			}
			for what, tags := range bad {
				name := k.kind + what
				r := a.fail(400, "DLI.0001", "POST", k.path, k.body(name, tags))
				if !strings.Contains(r.errMsg(), "tags") {
					t.Errorf("%s %s: message does not name tags: %s", k.kind, what, r.raw)
				}
				if k.exists(name, "") {
					t.Errorf("%s %s: refused create left the object behind", k.kind, what)
				}
			}
		})
	}
}

// TestQueueChargingMode: a queue's charging_mode is 1 (default) or 2, sent as
// a number or a numeric string, and read back as a number.
func TestQueueChargingMode(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	accepted := map[string]struct {
		sent any
		want int
	}{
		"cmdefault": {nil, 1}, "cmone": {1, 1}, "cmtwo": {2, 2}, "cmonestr": {"1", 1}, "cmtwostr": {"2", 2},
	}
	for name, c := range accepted {
		body := map[string]any{"queue_name": name, "cu_count": 16}
		if c.sent != nil {
			body["charging_mode"] = c.sent
		}
		a.must("POST", a.queues(), body)
		if g := a.must("GET", a.queues()+"/"+name, nil); num(g.body["chargingMode"]) != c.want {
			t.Errorf("%s (sent %v): chargingMode = %v, want %d", name, c.sent, g.body["chargingMode"], c.want)
		}
	}
	list := a.must("GET", a.queues(), nil)
	for _, it := range list.body["queues"].([]any) {
		m := it.(map[string]any)
		if c, found := accepted[m["queue_name"].(string)]; found && num(m["charging_mode"]) != c.want {
			t.Errorf("list %s: charging_mode = %v, want %d", m["queue_name"], m["charging_mode"], c.want)
		}
	}
	for i, v := range []any{0, 3, -1, "3", "two", "", 1.5, true} {
		name := fmt.Sprintf("cmbad%d", i)
		a.fail(400, "DLI.0001", "POST", a.queues(), map[string]any{"queue_name": name, "cu_count": 16, "charging_mode": v})
		a.fail(400, "DLI.0002", "GET", a.queues()+"/"+name, nil)
	}
}

// TestActionOnDeletingQueue: once a queue is being deleted, restart and
// scaling are DLI.0012 and change nothing; the queue stays readable.
func TestActionOnDeletingQueue(t *testing.T) {
	srv, _ := startTest(t, Delays{QueueDelete: time.Minute})
	a := api{t, srv}
	a.must("POST", a.queues(), map[string]any{"queue_name": "leaving", "cu_count": 64})
	action := a.queues() + "/leaving/action"
	a.must("PUT", action, map[string]any{"action": "restart"})
	a.must("DELETE", a.queues()+"/leaving", nil)
	for _, b := range []map[string]any{
		{"action": "restart"},
		{"action": "scale_out", "cu_count": 16},
		{"action": "scale_in", "cu_count": 16},
	} {
		r := a.fail(400, "DLI.0012", "PUT", action, b)
		if !strings.Contains(r.errMsg(), "leaving") {
			t.Errorf("%v: message does not name the queue: %s", b, r.raw)
		}
	}
	if g := a.must("GET", a.queues()+"/leaving", nil); num(g.body["cuCount"]) != 64 || num(g.body["cu_spec"]) != 64 {
		t.Fatalf("deleting queue after refused scales: %s", g.raw)
	}
}

// TestWalkthroughQueueNotInPool: the walkthrough's queue body names the pool
// in enterprise_project_id; the emulator keeps that as the enterprise project
// and creates a standalone queue, not one in the pool.
func TestWalkthroughQueueNotInPool(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.must("POST", a.pools(), readSeed(t, "create_pool_request.json"))
	a.must("POST", a.queues(), readSeed(t, "create_queue_request.json"))
	g := a.must("GET", a.queues()+"/queue1", nil)
	if g.body["elastic_resource_pool_name"] != "" || g.body["enterprise_project_id"] != "elastic_pool_dli" ||
		num(g.body["cu_scale_in_limit"]) != 16 || num(g.body["cu_scale_out_limit"]) != 32000 {
		t.Fatalf("walkthrough queue: %s", g.raw)
	}
	list := a.must("GET", a.queues(), nil)
	for _, it := range list.body["queues"].([]any) {
		m := it.(map[string]any)
		if m["queue_name"] == "queue1" && (m["elastic_resource_pool_name"] != "" || m["cidr_in_vpc"] != "172.16.0.0/12") {
			t.Errorf("walkthrough queue in the list: %v", m)
		}
	}
	if p := a.poolByName("elastic_pool_dli"); p == nil || len(p["queues"].([]any)) != 0 {
		t.Errorf("pool lists queues: %v", p)
	}
	if r := a.must("GET", a.pools()+"/elastic_pool_dli/queues", nil); num(r.body["count"]) != 0 {
		t.Errorf("pool's queue list: %s", r.raw)
	}
	a.fail(400, "DLI.0002", "PUT", a.pools()+"/elastic_pool_dli/queues/queue1", map[string]any{"queue_scaling_policies": []map[string]any{
		{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:00", "min_cu": 16, "max_cu": 16}}})
}

// TestScalingPolicyRequestRules: the policy update needs a non-empty
// queue_scaling_policies, an existing pool and a queue in it (DLI.0002), and
// stores inherit_elastic_resource_pool_max_cu as sent. The policies sent are
// a single whole-day window, valid under any window rule.
func TestScalingPolicyRequestRules(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("spp", 128)
	a.createPool("spother", 64)
	a.must("POST", a.queues(), map[string]any{"queue_name": "spq", "cu_count": 16, "elastic_resource_pool_name": "spp"})
	a.must("POST", a.queues(), map[string]any{"queue_name": "spalone", "cu_count": 16})
	path := a.pools() + "/spp/queues/spq"
	wholeDay := func(inherit any) map[string]any {
		p := map[string]any{"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:00", "min_cu": 16, "max_cu": 64}
		if inherit != nil {
			p["inherit_elastic_resource_pool_max_cu"] = inherit
		}
		return map[string]any{"queue_scaling_policies": []map[string]any{p}}
	}
	stored := func() map[string]any {
		r := a.must("GET", a.pools()+"/spp/queues", nil, "queue_name", "spq")
		qs := r.body["queues"].([]any)
		if len(qs) != 1 {
			t.Fatalf("pool queues: %s", r.raw)
		}
		ps := qs[0].(map[string]any)["queue_scaling_policies"].([]any)
		if len(ps) != 1 {
			t.Fatalf("policies: %s", r.raw)
		}
		return ps[0].(map[string]any)
	}
	for _, inherit := range []bool{true, false} {
		a.must("PUT", path, wholeDay(inherit))
		if got, found := stored()["inherit_elastic_resource_pool_max_cu"]; !found || got != inherit {
			t.Errorf("sent inherit %v, read %v (present %v)", inherit, got, found)
		}
	}
	a.must("PUT", path, wholeDay(nil))
	if got, found := stored()["inherit_elastic_resource_pool_max_cu"]; found {
		t.Errorf("inherit not sent, read %v", got)
	}

	a.must("PUT", path, wholeDay(true))
	for _, b := range []any{
		map[string]any{},
		map[string]any{"queue_scaling_policies": nil},
		map[string]any{"queue_scaling_policies": []any{}},
	} {
		r := a.fail(400, "DLI.0001", "PUT", path, b)
		if !strings.Contains(r.errMsg(), "queue_scaling_policies") {
			t.Errorf("%v: message does not name queue_scaling_policies: %s", b, r.raw)
		}
	}
	if p := stored(); num(p["max_cu"]) != 64 || p["inherit_elastic_resource_pool_max_cu"] != true {
		t.Errorf("policy after refused updates: %v", p)
	}
	for _, p := range []string{
		a.pools() + "/nopool/queues/spq",   // no such pool
		a.pools() + "/spp/queues/noqueue",  // no such queue
		a.pools() + "/spp/queues/spalone",  // a standalone queue
		a.pools() + "/spother/queues/spq",  // a queue of another pool
		a.pools() + "/nopool/queues/nospq", // neither
	} {
		a.fail(400, "DLI.0002", "PUT", p, wholeDay(nil))
	}
}

// queueProps reads a queue's properties as a map.
func (a api) queueProps(name string) map[string]string {
	a.t.Helper()
	r := a.must("GET", "/v3/"+a.pid()+"/queues/"+name+"/properties", nil)
	out := map[string]string{}
	for _, it := range r.body["properties"].([]any) {
		m := it.(map[string]any)
		out[m["key"].(string)] = m["value"].(string)
	}
	return out
}

// TestQueuePropertyValues: maxInstance is a positive integer, maxPrefetchInstance
// a non-negative one not above maxInstance (checked against the stored value
// too), the switches "true" or "false", network.cidrInVpc an IPv4 CIDR; a
// refused set changes nothing.
func TestQueuePropertyValues(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("pqpool", 64)
	a.must("POST", a.queues(), map[string]any{"queue_name": "pq", "cu_count": 16, "elastic_resource_pool_name": "pqpool"})
	path := "/v3/" + a.pid() + "/queues/pq/properties"
	set := func(props map[string]any) { a.t.Helper(); a.must("PUT", path, map[string]any{"properties": props}) }
	refuse := func(props map[string]any) {
		t.Helper()
		before := a.queueProps("pq")
		r := a.fail(400, "DLI.0001", "PUT", path, map[string]any{"properties": props})
		for k := range props {
			if !strings.Contains(r.errMsg(), k) {
				t.Errorf("%v: message does not name %s: %s", props, k, r.raw)
			}
		}
		if after := a.queueProps("pq"); !reflect.DeepEqual(before, after) {
			t.Errorf("%v refused but properties changed: %v -> %v", props, before, after)
		}
	}

	set(map[string]any{"computeEngine.maxInstance": "1", "computeEngine.maxPrefetchInstance": "0"})
	set(map[string]any{"computeEngine.maxInstance": 4})
	for _, v := range []any{"0", 0, "-1", "x", 1.5, ""} {
		refuse(map[string]any{"computeEngine.maxInstance": v})
	}
	for _, v := range []any{"-1", -1, "x", 0.5} {
		refuse(map[string]any{"computeEngine.maxPrefetchInstance": v})
	}
	refuse(map[string]any{"computeEngine.maxPrefetchInstance": "5"})                                   // above the stored 4
	refuse(map[string]any{"computeEngine.maxInstance": "2", "computeEngine.maxPrefetchInstance": "3"}) // above the one sent
	set(map[string]any{"computeEngine.maxPrefetchInstance": "4"})                                      // equal is fine
	refuse(map[string]any{"computeEngine.maxInstance": "3"})                                           // below the stored prefetch
	if p := a.queueProps("pq"); p["computeEngine.maxInstance"] != "4" || p["computeEngine.maxPrefetchInstance"] != "4" {
		t.Fatalf("instances: %v", p)
	}

	for _, k := range []string{"computeEngine.spark.nativeEnabled", "job.saveJobResultToJobBucket", "multipleSc.support"} {
		for _, v := range []any{"true", "false", true} {
			set(map[string]any{k: v})
			if got := a.queueProps("pq")[k]; got != fmt.Sprint(v) {
				t.Errorf("%s sent %v (%T), read %q", k, v, v, got)
			}
		}
		for _, v := range []any{"TRUE", "yes", "1", 1, ""} {
			refuse(map[string]any{k: v})
		}
	}

	set(map[string]any{"network.cidrInVpc": "10.0.0.0/8"})
	for _, v := range []any{"10.0.0.1/8", "10.0.0.0", "fd00::/8", "10.0.0.0/33", "x", 10} {
		refuse(map[string]any{"network.cidrInVpc": v})
	}
	if got := a.queueProps("pq")["network.cidrInVpc"]; got != "10.0.0.0/8" {
		t.Errorf("network.cidrInVpc = %q", got)
	}
}

// TestQueueCreateProperties: properties sent with the queue create are kept
// as sent, without the checks of the property API, and are not answered by
// the property list.
func TestQueueCreateProperties(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	sent := `{"computeEngine.maxInstance":0,"job.maxConcurrent":100,"not.a.property":"x","network.cidrInVpc":"10.0.0.1/8","nested":{"a":[1,"b"]}}`
	a.must("POST", a.queues(), `{"queue_name":"cpq","cu_count":16,"properties":`+sent+`}`)
	var want map[string]any
	if err := json.Unmarshal([]byte(sent), &want); err != nil {
		t.Fatal(err)
	}
	srv.Emulator.mu.Lock()
	got := srv.Emulator.st.Queues["cpq"].CreateProperties
	srv.Emulator.mu.Unlock()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("create properties kept %v, want %v", got, want)
	}
	if p := a.queueProps("cpq"); len(p) != 0 {
		t.Errorf("property list after a create with properties: %v", p)
	}
}

// TestUnbindRules: unbinding a name that is not bound is accepted and changes
// nothing; a bind or unbind naming no pool and no queue is DLI.0001.
func TestUnbindRules(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("ubp", 64)
	a.must("POST", a.queues(), map[string]any{"queue_name": "ubq", "cu_count": 16})
	a.must("POST", a.queues(), map[string]any{"queue_name": "ubfree", "cu_count": 16})
	r := a.must("POST", a.conns(), map[string]any{"name": "ubc", "dest_vpc_id": "v", "dest_network_id": "n",
		"elastic_resource_pools": []string{"ubp"}, "queues": []string{"ubq"}})
	id := r.body["connection_id"].(string)
	bound := func() []string {
		g := a.must("GET", a.conns()+"/"+id, nil)
		var out []string
		for _, f := range []string{"elastic_resource_pools", "available_queue_info"} {
			for _, it := range g.body[f].([]any) {
				out = append(out, f+"/"+it.(map[string]any)["name"].(string))
			}
		}
		return out
	}
	want := []string{"elastic_resource_pools/ubp", "available_queue_info/ubq"}
	if got := bound(); !reflect.DeepEqual(got, want) {
		t.Fatalf("bindings = %v, want %v", got, want)
	}
	unbind := a.conns() + "/" + id + "/disassociate-queue"
	bind := a.conns() + "/" + id + "/associate-queue"
	for _, b := range []map[string]any{
		{"queues": []string{"ubfree"}},               // a queue that exists, not bound
		{"queues": []string{"nosuchqueue"}},          // no such queue
		{"elastic_resource_pools": []string{"nopl"}}, // no such pool
		{"elastic_resource_pools": "ubq"},            // a queue's name given as a pool
	} {
		a.must("POST", unbind, b)
		if got := bound(); !reflect.DeepEqual(got, want) {
			t.Fatalf("unbind %v changed the bindings: %v", b, got)
		}
	}
	a.must("POST", unbind, map[string]any{"queues": []string{"ubq"}})
	a.must("POST", unbind, map[string]any{"queues": []string{"ubq"}}) // again: no longer bound
	want = []string{"elastic_resource_pools/ubp"}
	if got := bound(); !reflect.DeepEqual(got, want) {
		t.Fatalf("bindings after unbinding ubq twice = %v, want %v", got, want)
	}
	for _, p := range []string{bind, unbind} {
		for _, b := range []any{
			map[string]any{},
			map[string]any{"elastic_resource_pools": []string{}, "queues": []string{}},
			map[string]any{"elastic_resource_pools": nil, "queues": nil},
		} {
			a.fail(400, "DLI.0001", "POST", p, b)
		}
	}
	if got := bound(); !reflect.DeepEqual(got, want) {
		t.Fatalf("bindings after refused requests = %v, want %v", got, want)
	}
}

// TestDeleteBoundPool: a pool bound to a live connection cannot be deleted
// (DLI.0009 naming the connection) until it is unbound.
func TestDeleteBoundPool(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("dbp", 64)
	r := a.must("POST", a.conns(), map[string]any{"name": "dbc", "dest_vpc_id": "v", "dest_network_id": "n",
		"elastic_resource_pools": []string{"dbp"}})
	id := r.body["connection_id"].(string)
	if f := a.fail(400, "DLI.0009", "DELETE", a.pools()+"/dbp", nil); !strings.Contains(f.errMsg(), "dbc") {
		t.Errorf("refusal does not name the connection: %s", f.raw)
	}
	a.must("POST", a.conns()+"/"+id+"/disassociate-queue", map[string]any{"elastic_resource_pools": []string{"dbp"}})
	a.must("DELETE", a.pools()+"/dbp", nil)
}

// TestBadPagingParameters: a paging parameter that is not a non-negative
// integer is DLI.0001 naming it, on the pool, pool-queue, connection and
// queue lists; 0 is accepted. The queue list reads current-page only with
// page-size, since without page-size every queue is answered.
func TestBadPagingParameters(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("pgp", 64)
	a.must("POST", a.queues(), map[string]any{"queue_name": "pgq", "cu_count": 16, "elastic_resource_pool_name": "pgp"})
	a.must("POST", a.conns(), map[string]any{"name": "pgc", "dest_vpc_id": "v", "dest_network_id": "n"})
	bad := []string{"-1", "x", "1.5", " 1", "0x10", "99999999999999999999"}
	lists := map[string]struct{ path, countKey string }{
		"pools":       {a.pools(), "count"},
		"pool queues": {a.pools() + "/pgp/queues", "count"},
		"connections": {a.conns(), "count"},
	}
	for name, l := range lists {
		for _, p := range []string{"limit", "offset"} {
			for _, v := range bad {
				r := a.failQuery(400, "DLI.0001", l.path, p, v)
				if !strings.Contains(r.errMsg(), p) {
					t.Errorf("%s %s=%q: message does not name %s: %s", name, p, v, p, r.raw)
				}
			}
			if r := a.must("GET", l.path, nil, p, "0"); num(r.body[l.countKey]) != 1 {
				t.Errorf("%s %s=0: %s", name, p, r.raw)
			}
		}
	}
	for _, q := range [][]string{{"page-size"}, {"current-page", "page-size", "1"}} {
		p := q[0]
		for _, v := range bad {
			query := append([]string{p, v}, q[1:]...)
			r := a.failQuery(400, "DLI.0001", a.queues(), append(query, "queue_type", "all")...)
			if !strings.Contains(r.errMsg(), p) {
				t.Errorf("queues %v: message does not name %s: %s", query, p, r.raw)
			}
		}
	}
	// Without page-size the whole list is answered and current-page is not read.
	if r := a.must("GET", a.queues(), nil, "queue_type", "all", "current-page", "x"); num(r.body["count"]) != 1 || len(r.body["queues"].([]any)) != 1 {
		t.Errorf("current-page without page-size: %s", r.raw)
	}
}

// panicClock is a clock that panics on demand, to make the emulator fail
// inside a handler.
type panicClock struct{ on atomic.Bool }

func (c *panicClock) Now() time.Time {
	if c.on.Load() {
		panic("clock failure for the test")
	}
	return time.Now()
}

// TestInternalFailure: a failure inside the emulator answers 500 DLI.0999
// with a message that leaks neither the panic nor a machine path. A state
// file that cannot be saved fails the mutation's answer, though the change
// stays in memory; a panic leaves the emulator serving.
func TestInternalFailure(t *testing.T) {
	dir := t.TempDir()
	srv, err := Start(Config{AccessKey: testAK, SecretKey: testSK, StateFile: filepath.Join(dir, "missing", "state.json")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	a := api{t, srv}
	r := a.call("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "unsaved", "min_cu": 64, "max_cu": 64})
	if r.status != 500 || r.code() != "DLI.0999" || r.errMsg() == "" || strings.Contains(string(r.raw), dir) {
		t.Fatalf("unsaveable state: got %d %s", r.status, r.raw)
	}
	if a.poolByName("unsaved") == nil {
		t.Fatal("the pool whose save failed is not in memory")
	}

	clk := &panicClock{}
	srv2, err := Start(Config{AccessKey: testAK, SecretKey: testSK, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv2.Close() })
	b := api{t, srv2}
	clk.on.Store(true)
	r = b.call("GET", b.pools(), nil)
	clk.on.Store(false)
	if r.status != 500 || r.code() != "DLI.0999" || strings.Contains(string(r.raw), "clock failure") {
		t.Fatalf("panic: got %d %s", r.status, r.raw)
	}
	if recs := srv2.Emulator.Requests(); len(recs) == 0 || recs[len(recs)-1].Status != 500 || recs[len(recs)-1].ErrorCode != "DLI.0999" {
		t.Errorf("request log after the panic: %+v", recs)
	}
	b.createPool("afterpanic", 64)
	if b.poolByName("afterpanic") == nil {
		t.Fatal("the emulator does not serve after a panic")
	}
}

// TestQueueResourceMode: resource_mode takes 0 or 1, defaults to 1
// (dedicated) and is answered by GET and the list.
func TestQueueResourceMode(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.must("POST", a.queues(), map[string]any{"queue_name": "rm_default", "cu_count": 16})
	a.must("POST", a.queues(), map[string]any{"queue_name": "rm_shared", "cu_count": 16, "resource_mode": 0})
	r := a.fail(400, "DLI.0001", "POST", a.queues(), map[string]any{"queue_name": "rm_bad", "cu_count": 16, "resource_mode": 2})
	if !strings.Contains(string(r.raw), "resource_mode=2") {
		t.Errorf("refusal does not name the field and value: %s", r.raw)
	}
	for name, want := range map[string]int{"rm_default": 1, "rm_shared": 0} {
		if got := num(a.must("GET", a.queues()+"/"+name, nil).body["resource_mode"]); got != want {
			t.Errorf("%s: resource_mode %d, want %d", name, got, want)
		}
	}
	a.fail(400, "DLI.0002", "GET", a.queues()+"/rm_bad", nil)
}

// TestScalingPolicyCUs: a policy's CUs are multiples of 4, max_cu at least
// min_cu and at most the pool's max_cu; a refused PUT keeps the old policies.
func TestScalingPolicyCUs(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("cup", 128)
	a.must("POST", a.queues(), map[string]any{"queue_name": "cuq", "cu_count": 16, "elastic_resource_pool_name": "cup"})
	path := a.pools() + "/cup/queues/cuq"
	policy := func(minCU, maxCU int) map[string]any {
		return map[string]any{"queue_scaling_policies": []map[string]any{{
			"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:00", "min_cu": minCU, "max_cu": maxCU,
		}}}
	}
	for _, tc := range []struct {
		minCU, maxCU int
		field        string
	}{
		{6, 16, "min_cu=6"},
		{16, 18, "max_cu=18"},
		{32, 16, "max_cu=16"},
		{16, 132, "max_cu=132"},
	} {
		r := a.fail(400, "DLI.0001", "PUT", path, policy(tc.minCU, tc.maxCU))
		if !strings.Contains(string(r.raw), tc.field) {
			t.Errorf("%d..%d: refusal does not name %s: %s", tc.minCU, tc.maxCU, tc.field, r.raw)
		}
	}
	a.must("PUT", path, policy(4, 128))
	r := a.must("GET", a.pools()+"/cup/queues", nil, "queue_name", "cuq")
	ps := r.body["queues"].([]any)[0].(map[string]any)["queue_scaling_policies"].([]any)
	if p := ps[0].(map[string]any); len(ps) != 1 || num(p["min_cu"]) != 4 || num(p["max_cu"]) != 128 {
		t.Errorf("policies after the accepted PUT: %s", r.raw)
	}
}

// TestQueuePropertiesOnlyOnSparkSQLInStandardPool: setting or deleting
// properties is refused (DLI.0007) on a standalone queue, a general queue, a
// HetuEngine queue and a queue in a basic pool, and accepted on a Spark SQL
// queue in a standard pool; reading them is always allowed.
func TestQueuePropertiesOnlyOnSparkSQLInStandardPool(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	a.createPool("std", 128)
	a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "basic", "min_cu": 16, "max_cu": 64, "label": map[string]string{"spec": "basic"}})
	queues := map[string]map[string]any{
		"alone":  {"cu_count": 16},
		"gen":    {"cu_count": 16, "queue_type": "general", "elastic_resource_pool_name": "std"},
		"hetu":   {"cu_count": 16, "engine": "hetuEngine", "elastic_resource_pool_name": "std"},
		"inbasi": {"cu_count": 16, "elastic_resource_pool_name": "basic"},
		"spark":  {"cu_count": 16, "elastic_resource_pool_name": "std"},
	}
	for name, body := range queues {
		body["queue_name"] = name
		a.must("POST", a.queues(), body)
	}
	set := map[string]any{"properties": map[string]any{"job.maxConcurrent": 4}}
	unset := map[string]any{"keys": []string{"job.maxConcurrent"}}
	for name := range queues {
		path := "/v3/" + a.pid() + "/queues/" + name + "/properties"
		a.must("GET", path, nil)
		if name == "spark" {
			a.must("PUT", path, set)
			a.must("DELETE", path, unset)
			continue
		}
		a.fail(400, "DLI.0007", "PUT", path, set)
		a.fail(400, "DLI.0007", "DELETE", path, unset)
	}
}

// TestConnectionDeleteWhileCreating: a connection whose peering is still
// CREATING cannot be deleted (DLI.0009); once the peering is ACTIVE it can.
func TestConnectionDeleteWhileCreating(t *testing.T) {
	srv, clk := startTest(t, Delays{ConnectionPeering: 10 * time.Second})
	a := api{t, srv}
	a.createPool("dwc", 64)
	r := a.must("POST", a.conns(), map[string]any{"name": "dwc", "dest_vpc_id": "vpc-1", "dest_network_id": "subnet-1",
		"elastic_resource_pools": []string{"dwc"}})
	id, _ := r.body["connection_id"].(string)
	r = a.fail(400, "DLI.0009", "DELETE", a.conns()+"/"+id, nil)
	if !strings.Contains(string(r.raw), "being created") {
		t.Errorf("refusal does not say why: %s", r.raw)
	}
	if st := a.must("GET", a.conns()+"/"+id, nil).body["status"]; st != "ACTIVE" {
		t.Errorf("refused delete changed the connection: status %v", st)
	}
	clk.Advance(11 * time.Second)
	a.must("DELETE", a.conns()+"/"+id, nil)
}
