package client

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// TestRequestShapes checks method, path, query and body of every write and
// single-object call.
func TestRequestShapes(t *testing.T) {
	ctx := context.Background()
	rm := int64(1)
	cases := []struct {
		name   string
		run    func(c *Client) error
		method string
		path   string
		query  map[string]string
		body   string // "" means no body
	}{
		{"CreatePool", func(c *Client) error {
			return c.CreatePool(ctx, CreatePoolInput{Name: "elastic_pool_dli", CIDRInVPC: "172.16.0.0/14", MaxCU: 64, MinCU: 64,
				Description: "d", Tags: []Tag{{"k", "v"}}, Label: map[string]string{"spec": "basic"}})
		}, "POST", "/v3/" + testPID + "/elastic-resource-pools", nil,
			`{"elastic_resource_pool_name":"elastic_pool_dli","description":"d","cidr_in_vpc":"172.16.0.0/14","charging_mode":1,"max_cu":64,"min_cu":64,"tags":[{"key":"k","value":"v"}],"label":{"spec":"basic"}}`},
		{"UpdatePool", func(c *Client) error {
			return c.UpdatePool(ctx, "p1", UpdatePoolInput{MaxCU: ptr(int64(128))})
		}, "PUT", "/v3/" + testPID + "/elastic-resource-pools/p1", nil, `{"max_cu":128}`},
		{"DeletePool", func(c *Client) error { return c.DeletePool(ctx, "p1") },
			"DELETE", "/v3/" + testPID + "/elastic-resource-pools/p1", nil, ""},
		{"UpdateQueueScalingPolicies", func(c *Client) error {
			return c.UpdateQueueScalingPolicies(ctx, "p1", "q1", []ScalingPolicy{{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "23:59", MinCU: 16, MaxCU: 64, InheritPoolMaxCU: true}})
		}, "PUT", "/v3/" + testPID + "/elastic-resource-pools/p1/queues/q1", nil,
			`{"queue_scaling_policies":[{"priority":1,"impact_start_time":"00:00","impact_stop_time":"23:59","min_cu":16,"max_cu":64,"inherit_elastic_resource_pool_max_cu":true}]}`},
		{"CreateQueue", func(c *Client) error {
			return c.CreateQueue(ctx, CreateQueueInput{Name: "queue1", Type: "sql", CUCount: 16, PoolName: "elastic_pool_dli",
				ResourceMode: &rm, Labels: []string{"multi_az=2"}, Engine: "spark"})
		}, "POST", "/v1.0/" + testPID + "/queues", nil,
			`{"queue_name":"queue1","queue_type":"sql","cu_count":16,"resource_mode":1,"labels":["multi_az=2"],"engine":"spark","elastic_resource_pool_name":"elastic_pool_dli"}`},
		{"ScaleQueueOut", func(c *Client) error { return c.ScaleQueue(ctx, "q1", 32) },
			"PUT", "/v1.0/" + testPID + "/queues/q1/action", nil, `{"action":"scale_out","cu_count":32}`},
		{"ScaleQueueIn", func(c *Client) error { return c.ScaleQueue(ctx, "q1", -16) },
			"PUT", "/v1.0/" + testPID + "/queues/q1/action", nil, `{"action":"scale_in","cu_count":16}`},
		{"DeleteQueue", func(c *Client) error { return c.DeleteQueue(ctx, "q1") },
			"DELETE", "/v1.0/" + testPID + "/queues/q1", nil, ""},
		{"SetQueueProperties", func(c *Client) error {
			return c.SetQueueProperties(ctx, "q1", map[string]string{"computeEngine.maxInstance": "2", "network.cidrInVpc": "10.0.0.0/8"})
		}, "PUT", "/v3/" + testPID + "/queues/q1/properties", nil,
			`{"properties":{"computeEngine.maxInstance":2,"network.cidrInVpc":"10.0.0.0/8"}}`},
		{"DeleteQueueProperties", func(c *Client) error {
			return c.DeleteQueueProperties(ctx, "q1", []string{"job.maxConcurrent", "computeEngine.maxInstance"})
		}, "DELETE", "/v3/" + testPID + "/queues/q1/properties", nil, `{"keys":["computeEngine.maxInstance","job.maxConcurrent"]}`},
		{"DeleteConnection", func(c *Client) error { return c.DeleteConnection(ctx, "c-1") },
			"DELETE", "/v2.0/" + testPID + "/datasource/enhanced-connections/c-1", nil, ""},
		{"AssociateConnection", func(c *Client) error { return c.AssociateConnection(ctx, "c-1", []string{"p1"}, nil) },
			"POST", "/v2.0/" + testPID + "/datasource/enhanced-connections/c-1/associate-queue", nil, `{"elastic_resource_pools":["p1"]}`},
		{"DisassociateConnection", func(c *Client) error { return c.DisassociateConnection(ctx, "c-1", nil, []string{"q1"}) },
			"POST", "/v2.0/" + testPID + "/datasource/enhanced-connections/c-1/disassociate-queue", nil, `{"queues":["q1"]}`},
		// Bind and Unbind name the object as DLI stores it, so a caller
		// may pass the configured spelling.
		{"BindLowerCases", func(c *Client) error { return c.Bind(ctx, "c-1", BindPool, "Pool_A") },
			"POST", "/v2.0/" + testPID + "/datasource/enhanced-connections/c-1/associate-queue", nil, `{"elastic_resource_pools":["pool_a"]}`},
		{"UnbindLowerCases", func(c *Client) error { return c.Unbind(ctx, "c-1", BindQueue, "Queue_A") },
			"POST", "/v2.0/" + testPID + "/datasource/enhanced-connections/c-1/disassociate-queue", nil, `{"queues":["queue_a"]}`},
		{"UpdateConnectionHosts", func(c *Client) error {
			return c.UpdateConnectionHosts(ctx, "c-1", []Host{{Name: "h1", IP: "10.0.0.1"}})
		}, "PUT", "/v2.0/" + testPID + "/datasource/enhanced-connections/c-1", nil, `{"hosts":[{"name":"h1","ip":"10.0.0.1"}]}`},
		{"UpdateConnectionHostsClears", func(c *Client) error { return c.UpdateConnectionHosts(ctx, "c-1", nil) },
			"PUT", "/v2.0/" + testPID + "/datasource/enhanced-connections/c-1", nil, `{"hosts":[]}`},
		{"AddConnectionRoute", func(c *Client) error {
			return c.AddConnectionRoute(ctx, "c-1", Route{Name: "r1", CIDR: "192.168.0.0/24"})
		}, "POST", "/v3/" + testPID + "/datasource/enhanced-connections/c-1/routes", nil, `{"name":"r1","cidr":"192.168.0.0/24"}`},
		{"DeleteConnectionRoute", func(c *Client) error { return c.DeleteConnectionRoute(ctx, "c-1", "r1") },
			"DELETE", "/v3/" + testPID + "/datasource/enhanced-connections/c-1/routes/r1", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				reply(w, 200, `{"is_success":true,"message":""}`)
			})
			c := newTestClient(t, f, 0)
			if err := tc.run(c); err != nil {
				t.Fatalf("call failed: %v", err)
			}
			reqs := f.requests()
			if len(reqs) == 2 && reqs[0].Method == "GET" && tc.method != "GET" {
				// A delta scale reads the queue first, to settle a lost answer.
				reqs = reqs[1:]
			}
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tc.method || r.Path != tc.path {
				t.Errorf("request = %s %s, want %s %s", r.Method, r.Path, tc.method, tc.path)
			}
			if len(r.Query) != len(tc.query) {
				t.Errorf("query = %v, want %v", r.Query, tc.query)
			}
			if tc.body == "" {
				if r.Raw != "" {
					t.Errorf("unexpected body %s", r.Raw)
				}
			} else {
				jsonEqual(t, r.Body, tc.body)
			}
		})
	}
}

func TestCreateConnectionReturnsID(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 201, `{"is_success":true,"message":"","connection_id":"2a620c33-5609-40c9-affd-2b6453071b0f"}`)
	})
	c := newTestClient(t, f, 0)
	id, err := c.CreateConnection(context.Background(), CreateConnectionInput{
		Name: "test1", VPCID: "vpc-1", SubnetID: "subnet-1", Pools: []string{"elastic_pool_dli"},
		Hosts: []Host{{"ecs-1", "192.168.0.12"}, {"ecs-2", "192.168.0.13"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if id != "2a620c33-5609-40c9-affd-2b6453071b0f" {
		t.Errorf("id = %q", id)
	}
	r := f.last(t)
	if r.Method != "POST" || r.Path != "/v2.0/"+testPID+"/datasource/enhanced-connections" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	jsonEqual(t, r.Body, `{"name":"test1","dest_vpc_id":"vpc-1","dest_network_id":"subnet-1","elastic_resource_pools":["elastic_pool_dli"],
		"hosts":[{"name":"ecs-1","ip":"192.168.0.12"},{"name":"ecs-2","ip":"192.168.0.13"}]}`)
}

// goldenConnection is the walkthrough's example answer, plus routes.
const goldenConnection = `{
  "is_success": true, "message": "",
  "name": "test1", "id": "2a620c33-5609-40c9-affd-2b6453071b0f",
  "available_queue_info": [{"peer_id": "2a620c33-5609-40c9-affd-2b6453071b0f", "status": "ACTIVE", "name": "queue1", "err_msg": "", "update_time": 1566889577861}],
  "elastic_resource_pools": [{"peer_id": "2a620c33-5609-40c9-affd-2b6453071b0f", "status": "CREATING", "name": "elastic_pool_dli", "err_msg": "", "update_time": 1566889577862}],
  "dest_vpc_id": "22094d8f-c310-4621-913d-4c4d655d8495",
  "dest_network_id": "78f2562a-36e4-4b39-95b9-f5aab22e1281",
  "isPrivis": true,
  "create_time": 1566888011125,
  "status": "ACTIVE",
  "hosts": [{"ip": "192.168.0.1", "name": "ecs-97f8-0001"}, {"ip": "192.168.0.2", "name": "ecs-97f8-0002"}],
  "routes": [{"name": "r1", "cidr": "10.1.0.0/16"}]
}`

func TestGetConnectionMapsGoldenAnswer(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 200, goldenConnection) })
	c := newTestClient(t, f, 0)
	got, err := c.GetConnection(context.Background(), "2a620c33-5609-40c9-affd-2b6453071b0f")
	if err != nil {
		t.Fatal(err)
	}
	want := &Connection{
		ID: "2a620c33-5609-40c9-affd-2b6453071b0f", Name: "test1", Status: "ACTIVE",
		VPCID: "22094d8f-c310-4621-913d-4c4d655d8495", SubnetID: "78f2562a-36e4-4b39-95b9-f5aab22e1281",
		IsPrivis: true, CreateTime: 1566888011125,
		Hosts:  []Host{{"ecs-97f8-0001", "192.168.0.1"}, {"ecs-97f8-0002", "192.168.0.2"}},
		Routes: []Route{{"r1", "10.1.0.0/16"}},
		Pools:  []Binding{{Name: "elastic_pool_dli", Status: "CREATING", PeerID: "2a620c33-5609-40c9-affd-2b6453071b0f", UpdateTime: 1566889577862}},
		Queues: []Binding{{Name: "queue1", Status: "ACTIVE", PeerID: "2a620c33-5609-40c9-affd-2b6453071b0f", UpdateTime: 1566889577861}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if p := f.last(t).Path; p != "/v2.0/"+testPID+"/datasource/enhanced-connections/2a620c33-5609-40c9-affd-2b6453071b0f" {
		t.Errorf("path = %s", p)
	}
}

func TestGetConnectionDeletedIsNotFound(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, strings.Replace(goldenConnection, `"status": "ACTIVE",`+"\n", `"status": "DELETED",`+"\n", 1))
	})
	c := newTestClient(t, f, 0)
	_, err := c.GetConnection(context.Background(), "c-1")
	if !IsNotFound(err) {
		t.Fatalf("err = %v, want NotFound", err)
	}
}

func TestListPoolsPages(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		offset := r.URL.Query().Get("offset")
		n := 100
		if offset == "100" {
			n = 1
		}
		var items []string
		for i := 0; i < n; i++ {
			items = append(items, fmt.Sprintf(`{"elastic_resource_pool_name":"p_%s_%d","id":%d,"max_cu":64,"min_cu":"16","charging_mode":"1","queues":["q"],"label":{"spec":"basic"}}`, offset, i, i))
		}
		reply(w, 200, `{"is_success":true,"count":101,"elastic_resource_pools":[`+strings.Join(items, ",")+`]}`)
	})
	c := newTestClient(t, f, 0)
	pools, err := c.ListPools(context.Background(), PoolFilter{Status: "AVAILABLE", Tags: []Tag{{"b", "2"}, {"a", "1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pools) != 101 {
		t.Fatalf("%d pools, want 101", len(pools))
	}
	if p := pools[100]; p.Name != "p_100_0" || p.MinCU != 16 || p.ChargingMode != 1 || p.Label["spec"] != "basic" || len(p.Queues) != 1 {
		t.Errorf("last pool = %+v", p)
	}
	reqs := f.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	want := map[string]string{"limit": "100", "offset": "100", "status": "AVAILABLE", "tags": "a=1,b=2"}
	if !reflect.DeepEqual(reqs[1].Query, want) {
		t.Errorf("second page query = %v, want %v", reqs[1].Query, want)
	}
}

func TestGetPoolPicksExactName(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"count":3,"elastic_resource_pools":[
			{"elastic_resource_pool_name":"pool1_big","resource_id":"r-big"},
			{"elastic_resource_pool_name":"pool1","resource_id":"r-1","status":"AVAILABLE","max_cu":64,"min_cu":64,"cidr_in_vpc":"172.16.0.0/14","create_time":1700000000000},
			{"elastic_resource_pool_name":"xpool1","resource_id":"r-x"}]}`)
	})
	c := newTestClient(t, f, 0)
	p, err := c.GetPool(context.Background(), "POOL1")
	if err != nil {
		t.Fatal(err)
	}
	if p.ResourceID != "r-1" || p.Status != "AVAILABLE" || p.CIDRInVPC != "172.16.0.0/14" || p.CreateTime != 1700000000000 {
		t.Errorf("pool = %+v", p)
	}
	reqs := f.requests()
	if len(reqs) != 1 || reqs[0].Query["name"] != "pool1" || reqs[0].Path != "/v3/"+testPID+"/elastic-resource-pools" {
		t.Errorf("requests = %+v", reqs)
	}
	if _, err := c.GetPool(context.Background(), "pool"); !IsNotFound(err) {
		t.Errorf("fuzzy-only match: err = %v, want NotFound", err)
	}
}

func TestGetQueueMapsCamelCase(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"message":"","owner":"u","description":"d","queueName":"queue1","create_time":1,
			"queueType":"sql","cuCount":16,"chargingMode":1,"resource_id":"rid","resource_mode":1,"enterprise_project_id":"0",
			"resource_type":"vm","cu_spec":16,"cu_scale_out_limit":64,"cu_scale_in_limit":16,"elastic_resource_pool_name":"p1","queue_id":7}`)
	})
	c := newTestClient(t, f, 0)
	q, err := c.GetQueue(context.Background(), "queue1")
	if err != nil {
		t.Fatal(err)
	}
	want := &Queue{Name: "queue1", QueueID: 7, ResourceID: "rid", Type: "sql", Description: "d", Owner: "u", CUCount: 16,
		ChargingMode: 1, ResourceMode: 1, ResourceType: "vm", EnterpriseProjectID: "0", PoolName: "p1", CUSpec: 16,
		CUScaleOutLimit: 64, CUScaleInLimit: 16, CreateTime: 1}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("got  %+v\nwant %+v", q, want)
	}
	if r := f.last(t); r.Method != "GET" || r.Path != "/v1.0/"+testPID+"/queues/queue1" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
}

func TestGetQueueMissingIsNotFound(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 400, `{"error_code":"DLI.0002","error_msg":"There is no queue named q9"}`)
	})
	c := newTestClient(t, f, 0)
	if _, err := c.GetQueue(context.Background(), "q9"); !IsNotFound(err) {
		t.Fatalf("err = %v", err)
	}
}

func TestFindQueueListItem(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"queues":[
			{"queue_name":"queue10","queue_type":"general"},
			{"queue_name":"queue1","queue_type":"sql","cu_count":16,"platform":"x86_64","feature":"basic","engine":"spark",
			 "labels":"multi_az=2,x=y","cidr_in_vpc":"10.0.0.0/8","elastic_resource_pool_name":"p1","resource_mode":1}]}`)
	})
	c := newTestClient(t, f, 0)
	q, err := c.FindQueueListItem(context.Background(), "queue1")
	if err != nil {
		t.Fatal(err)
	}
	if q.Platform != "x86_64" || q.Feature != "basic" || q.Engine != "spark" || q.CIDRInVPC != "10.0.0.0/8" ||
		!reflect.DeepEqual(q.Labels, []string{"multi_az=2", "x=y"}) || q.PoolName != "p1" || q.CUCount != 16 {
		t.Errorf("queue = %+v", q)
	}
	if r := f.last(t); r.Query["queue_type"] != "all" || len(r.Query) != 1 {
		t.Errorf("query = %v", r.Query)
	}
	if _, err := c.FindQueueListItem(context.Background(), "queue"); !IsNotFound(err) {
		t.Errorf("err = %v, want NotFound", err)
	}
}

func TestListQueuesLabelsAsList(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"queues":[{"queue_name":"a","labels":["l1","l2"]}]}`)
	})
	c := newTestClient(t, f, 0)
	qs, err := c.ListQueues(context.Background(), QueueFilter{Type: "general", Tags: []Tag{{"k", "v"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 1 || !reflect.DeepEqual(qs[0].Labels, []string{"l1", "l2"}) {
		t.Errorf("queues = %+v", qs)
	}
	if r := f.last(t); !reflect.DeepEqual(r.Query, map[string]string{"queue_type": "general", "tags": "k=v"}) {
		t.Errorf("query = %v", r.Query)
	}
}

func TestQueueProperties(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"count":2,"properties":[{"key":"computeEngine.maxInstance","value":"2"},{"key":"job.maxConcurrent","value":10}]}`)
	})
	c := newTestClient(t, f, 0)
	props, err := c.GetQueueProperties(context.Background(), "q1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(props, map[string]string{"computeEngine.maxInstance": "2", "job.maxConcurrent": "10"}) {
		t.Errorf("props = %v", props)
	}
	if r := f.last(t); r.Method != "GET" || r.Path != "/v3/"+testPID+"/queues/q1/properties" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
}

func TestListPoolQueues(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"count":1,"queues":[{"queue_name":"queue1","queue_type":"sql","owner":"u","create_time":5,"engine":"spark",
			"queue_scaling_policies":[{"priority":1,"impact_start_time":"00:00","impact_stop_time":"23:59","min_cu":16,"max_cu":64,"inherit_elastic_resource_pool_max_cu":false}]}]}`)
	})
	c := newTestClient(t, f, 0)
	qs, err := c.ListPoolQueues(context.Background(), "p1")
	if err != nil {
		t.Fatal(err)
	}
	want := []PoolQueue{{Name: "queue1", Type: "sql", Engine: "spark", Owner: "u", CreateTime: 5,
		ScalingPolicies: []ScalingPolicy{{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "23:59", MinCU: 16, MaxCU: 64}}}}
	if !reflect.DeepEqual(qs, want) {
		t.Errorf("got  %+v\nwant %+v", qs, want)
	}
	if r := f.last(t); r.Path != "/v3/"+testPID+"/elastic-resource-pools/p1/queues" || r.Query["limit"] != "100" {
		t.Errorf("request = %s %v", r.Path, r.Query)
	}
}

// TestFindPoolQueue checks that the fuzzy queue_name filter is sent and the
// exact name picked from the answer, and that a missing queue is NotFound.
func TestFindPoolQueue(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"count":2,"queues":[{"queue_name":"q10","queue_type":"sql"},
			{"queue_name":"q1","queue_type":"sql","queue_scaling_policies":[{"priority":2,"impact_start_time":"00:00","impact_stop_time":"24:00","min_cu":4,"max_cu":8,"inherit_elastic_resource_pool_max_cu":true}]}]}`)
	})
	c := newTestClient(t, f, 0)
	q, err := c.FindPoolQueue(context.Background(), "p1", "Q1")
	if err != nil {
		t.Fatal(err)
	}
	want := PoolQueue{Name: "q1", Type: "sql",
		ScalingPolicies: []ScalingPolicy{{Priority: 2, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCU: 4, MaxCU: 8, InheritPoolMaxCU: true}}}
	if !reflect.DeepEqual(*q, want) {
		t.Errorf("got  %+v\nwant %+v", *q, want)
	}
	if r := f.last(t); r.Query["queue_name"] != "q1" || r.Path != "/v3/"+testPID+"/elastic-resource-pools/p1/queues" {
		t.Errorf("request = %s %v", r.Path, r.Query)
	}
	if _, err := c.FindPoolQueue(context.Background(), "p1", "q2"); !IsNotFound(err) {
		t.Errorf("missing queue: err = %v, want NotFound", err)
	}
}

func TestListConnectionsPages(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		n := 100
		if r.URL.Query().Get("offset") != "0" {
			n = 2
		}
		var items []string
		for i := 0; i < n; i++ {
			items = append(items, fmt.Sprintf(`{"id":"c-%s-%d","name":"n","status":"ACTIVE","hosts":[]}`, r.URL.Query().Get("offset"), i))
		}
		reply(w, 200, `{"is_success":true,"count":102,"connections":[`+strings.Join(items, ",")+`]}`)
	})
	c := newTestClient(t, f, 0)
	conns, err := c.ListConnections(context.Background(), ConnectionFilter{Name: "n"})
	if err != nil {
		t.Fatal(err)
	}
	if len(conns) != 102 || conns[101].ID != "c-100-1" {
		t.Fatalf("%d connections, last %+v", len(conns), conns[len(conns)-1])
	}
	if reqs := f.requests(); len(reqs) != 2 || reqs[1].Query["offset"] != "100" || reqs[1].Query["name"] != "n" {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestOutOfRangeCountsAreRefusedBeforeSending(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 200, `{"is_success":true}`) })
	c := newTestClient(t, f, 0)
	err := c.CreatePool(context.Background(), CreatePoolInput{Name: "p1", MaxCU: 1 << 40, MinCU: 64})
	if !IsInvalid(err) || !strings.Contains(err.Error(), "max_cu") {
		t.Errorf("err = %v, want an invalid-request error naming max_cu", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// TestPoolAndQueueNamesSentLowerCase checks that pool and queue names in
// paths and name filters are sent as DLI stores them (lower case), whatever
// the caller's spelling, while connection ids keep theirs.
func TestPoolAndQueueNamesSentLowerCase(t *testing.T) {
	ctx := context.Background()
	pools, queues := "/v3/"+testPID+"/elastic-resource-pools", "/v1.0/"+testPID+"/queues"
	props := "/v3/" + testPID + "/queues/my_queue/properties"
	cases := []struct {
		name  string
		run   func(c *Client) error
		path  string
		query map[string]string // the name filters expected
	}{
		{"GetPool", func(c *Client) error { _, err := c.GetPool(ctx, "My_Pool"); return err }, pools, map[string]string{"name": "my_pool"}},
		{"ListPools", func(c *Client) error { _, err := c.ListPools(ctx, PoolFilter{Name: "My_Pool"}); return err }, pools, map[string]string{"name": "my_pool"}},
		{"UpdatePool", func(c *Client) error { return c.UpdatePool(ctx, "My_Pool", UpdatePoolInput{MaxCU: ptr(int64(128))}) }, pools + "/my_pool", nil},
		{"DeletePool", func(c *Client) error { return c.DeletePool(ctx, "My_Pool") }, pools + "/my_pool", nil},
		{"ListPoolQueues", func(c *Client) error { _, err := c.ListPoolQueues(ctx, "My_Pool"); return err }, pools + "/my_pool/queues", nil},
		{"FindPoolQueue", func(c *Client) error { _, err := c.FindPoolQueue(ctx, "My_Pool", "My_Queue"); return err },
			pools + "/my_pool/queues", map[string]string{"queue_name": "my_queue"}},
		{"UpdateQueueScalingPolicies", func(c *Client) error {
			return c.UpdateQueueScalingPolicies(ctx, "My_Pool", "My_Queue", []ScalingPolicy{{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "23:59", MinCU: 16, MaxCU: 64}})
		}, pools + "/my_pool/queues/my_queue", nil},
		{"GetQueue", func(c *Client) error { _, err := c.GetQueue(ctx, "My_Queue"); return err }, queues + "/my_queue", nil},
		{"DeleteQueue", func(c *Client) error { return c.DeleteQueue(ctx, "My_Queue") }, queues + "/my_queue", nil},
		{"ScaleQueue", func(c *Client) error { return c.ScaleQueue(ctx, "My_Queue", 16) }, queues + "/my_queue/action", nil},
		{"GetQueueProperties", func(c *Client) error { _, err := c.GetQueueProperties(ctx, "My_Queue"); return err }, props, nil},
		{"SetQueueProperties", func(c *Client) error {
			return c.SetQueueProperties(ctx, "My_Queue", map[string]string{"job.maxConcurrent": "2"})
		}, props, nil},
		{"DeleteQueueProperties", func(c *Client) error { return c.DeleteQueueProperties(ctx, "My_Queue", []string{"job.maxConcurrent"}) }, props, nil},
		{"GetConnection keeps case", func(c *Client) error { _, err := c.GetConnection(ctx, "Conn-ID"); return err },
			"/v2.0/" + testPID + "/datasource/enhanced-connections/Conn-ID", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				switch {
				case strings.HasSuffix(r.URL.Path, "/queues") && strings.Contains(r.URL.Path, "elastic-resource-pools"):
					reply(w, 200, `{"is_success":true,"count":1,"queues":[{"queue_name":"my_queue"}]}`)
				case r.URL.Path == pools:
					poolListing(w, `{"elastic_resource_pool_name":"my_pool"}`)
				default:
					reply(w, 200, `{"is_success":true,"message":""}`)
				}
			})
			if err := tc.run(newTestClient(t, f, 0)); err != nil {
				t.Fatalf("call failed: %v", err)
			}
			r := f.last(t)
			if r.Path != tc.path {
				t.Errorf("path = %s, want %s", r.Path, tc.path)
			}
			for k, v := range tc.query {
				if r.Query[k] != v {
					t.Errorf("query %s = %q, want %q (query %v)", k, r.Query[k], v, r.Query)
				}
			}
		})
	}
}
