package emulator

import (
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

func sdkClient(t *testing.T, srv *Server) *dli.DliClient {
	t.Helper()
	cred, err := basic.NewCredentialsBuilder().WithAk(testAK).WithSk(testSK).
		WithProjectId(srv.Emulator.ProjectID()).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := dli.DliClientBuilder().WithEndpoints([]string{srv.URL}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return dli.NewDliClient(hc)
}

func check(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestConformanceSDK drives every DLI operation the provider uses through the
// official SDK client and checks the parsed answers.
func TestConformanceSDK(t *testing.T) {
	srv, clk := startTest(t, Delays{PoolCreate: time.Second, PoolScale: time.Second, QueueCreate: time.Second,
		QueueScale: time.Second, QueueDelete: time.Second, PoolDelete: time.Second, ConnectionPeering: time.Second})
	c := sdkClient(t, srv)

	_, err := c.CreateElasticResourcePool(&model.CreateElasticResourcePoolRequest{Body: &model.CreateElasticResourcePoolRequestBody{
		ElasticResourcePoolName: "Pool_A", MinCu: 64, MaxCu: 128, ChargingMode: ptr(int32(1)),
		CidrInVpc: ptr("172.16.0.0/14"), Description: ptr("first"), Tags: &[]model.Tag{{Key: "env", Value: "test"}},
	}})
	check(t, "create pool", err)
	lp, err := c.ListElasticResourcePools(&model.ListElasticResourcePoolsRequest{Name: ptr("pool_a")})
	check(t, "list pools", err)
	if *lp.Count != 1 || *(*lp.ElasticResourcePools)[0].Status != "CREATING" || *(*lp.ElasticResourcePools)[0].ElasticResourcePoolName != "pool_a" {
		t.Fatalf("pool list: %v", lp)
	}
	clk.Advance(2 * time.Second)
	lp, err = c.ListElasticResourcePools(&model.ListElasticResourcePoolsRequest{Tags: ptr("env=test")})
	check(t, "list pools by tag", err)
	p := (*lp.ElasticResourcePools)[0]
	if *p.Status != "AVAILABLE" || *p.MinCu != 64 || *p.MaxCu != 128 || *p.CidrInVpc != "172.16.0.0/14" || *p.ChargingMode != 1 || *p.ResourceId == "" {
		t.Fatalf("pool: %v", p)
	}
	_, err = c.UpdateElasticResourcePool(&model.UpdateElasticResourcePoolRequest{ElasticResourcePoolName: "pool_a",
		Body: &model.UpdateElasticResourcePoolRequestBody{MaxCu: ptr(int32(256)), Description: ptr("second")}})
	check(t, "update pool", err)
	lp, _ = c.ListElasticResourcePools(&model.ListElasticResourcePoolsRequest{Name: ptr("pool_a")})
	if s := *(*lp.ElasticResourcePools)[0].Status; s != "SCALING" {
		t.Fatalf("status after update %s", s)
	}
	clk.Advance(2 * time.Second)

	_, err = c.CreateQueue(&model.CreateQueueRequest{Body: &model.CreateQueueRequestBody{
		QueueName: "Q1", CuCount: 16, ElasticResourcePoolName: ptr("pool_a"), QueueType: ptr("sql"), Engine: ptr("spark"),
		Description: ptr("q"), Labels: &[]interface{}{"a=b"}, Platform: ptr("x86_64"),
	}})
	check(t, "create queue", err)
	_, err = c.CreateQueue(&model.CreateQueueRequest{Body: &model.CreateQueueRequestBody{QueueName: "solo", CuCount: 16, QueueType: ptr("general")}})
	check(t, "create standalone queue", err)
	sq, err := c.ShowQueue(&model.ShowQueueRequest{QueueName: "q1"})
	check(t, "show queue", err)
	if *sq.QueueName != "q1" || *sq.CuCount != 0 || *sq.QueueType != "sql" || *sq.ElasticResourcePoolName != "pool_a" {
		t.Fatalf("queue while creating: %v", sq)
	}
	clk.Advance(2 * time.Second)
	sq, _ = c.ShowQueue(&model.ShowQueueRequest{QueueName: "q1"})
	if *sq.CuCount != 16 || *sq.ChargingMode != 1 {
		t.Fatalf("queue: %v", sq)
	}
	lq, err := c.ListQueues(&model.ListQueuesRequest{})
	check(t, "list queues", err)
	if len(*lq.Queues) != 1 || (*lq.Queues)[0].QueueType.Value() != "sql" || (*lq.Queues)[0].Engine.Value() != "spark" || *(*lq.Queues)[0].Platform != "x86_64" {
		t.Fatalf("sql queue list: %v", lq)
	}
	lq, err = c.ListQueues(&model.ListQueuesRequest{QueueType: ptr("all")})
	check(t, "list all queues", err)
	if len(*lq.Queues) != 2 {
		t.Fatalf("all queues: %d", len(*lq.Queues))
	}
	// A pooled queue is sized through its default scaling policy.
	_, err = c.UpdateElasticResourcePoolQueue(&model.UpdateElasticResourcePoolQueueRequest{ElasticResourcePoolName: "pool_a", QueueName: "q1",
		Body: &model.UpdateElasticResourcePoolQueueRequestBody{QueueScalingPolicies: []model.QueueScalingPolicy{
			{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCu: 32, MaxCu: 32}}}})
	check(t, "scale out", err)
	sq, _ = c.ShowQueue(&model.ShowQueueRequest{QueueName: "q1"})
	if *sq.CuCount != 16 {
		t.Fatalf("cuCount during scaling %d", *sq.CuCount)
	}
	clk.Advance(2 * time.Second)
	sq, _ = c.ShowQueue(&model.ShowQueueRequest{QueueName: "q1"})
	if *sq.CuCount != 32 {
		t.Fatalf("cuCount after scaling %d", *sq.CuCount)
	}
	act, err := c.RunQueueAction(&model.RunQueueActionRequest{QueueName: "q1", Body: &model.RunQueueActionRequestBody{Action: "restart"}})
	check(t, "restart", err)
	if !*act.Result || *act.QueueName != "q1" {
		t.Fatalf("action: %v", act)
	}

	_, err = c.AssociateQueueToElasticResourcePool(&model.AssociateQueueToElasticResourcePoolRequest{ElasticResourcePoolName: "pool_a",
		Body: &model.AssociateQueueToElasticResourcePoolRequestBody{QueueName: "solo"}})
	check(t, "add queue to pool", err)
	_, err = c.UpdateElasticResourcePoolQueue(&model.UpdateElasticResourcePoolQueueRequest{ElasticResourcePoolName: "pool_a", QueueName: "q1",
		Body: &model.UpdateElasticResourcePoolQueueRequestBody{QueueScalingPolicies: []model.QueueScalingPolicy{
			{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "24:00", MinCu: 16, MaxCu: 32},
			{Priority: 50, ImpactStartTime: "22:00", ImpactStopTime: "10:00", MinCu: 16, MaxCu: 64}}}})
	check(t, "scaling policy", err)
	pq, err := c.ListElasticResourcePoolQueues(&model.ListElasticResourcePoolQueuesRequest{ElasticResourcePoolName: "pool_a"})
	check(t, "pool queues", err)
	if *pq.Count != 2 || *(*pq.Queues)[0].QueueName != "q1" || len(*(*pq.Queues)[0].QueueScalingPolicies) != 2 {
		t.Fatalf("pool queues: %v", pq)
	}

	_, err = c.CreateQueueProperty(&model.CreateQueuePropertyRequest{QueueName: "q1", Body: &model.CreateQueuePropertyRequestBody{
		Properties: &model.CommonQueueProperty{ComputeEngineMaxInstance: ptr(int32(4)), JobMaxConcurrent: ptr(int32(8))}}})
	check(t, "create property", err)
	_, err = c.UpdateQueueProperty(&model.UpdateQueuePropertyRequest{QueueName: "q1", Body: &model.UpdateQueuePropertyRequestBody{
		Properties: &model.AdvancedQueueProperty{ComputeEngineMaxPrefetchInstance: ptr(int32(2))}}})
	check(t, "update property", err)
	_, err = c.DeleteQueueProperty(&model.DeleteQueuePropertyRequest{QueueName: "q1", Body: &model.DeleteQueuePropertyRequestBody{Keys: []string{"job.maxConcurrent"}}})
	check(t, "delete property", err)
	props, err := c.ListQueueProperties(&model.ListQueuePropertiesRequest{QueueName: "q1"})
	check(t, "list properties", err)
	got := map[string]string{}
	for _, p := range *props.Properties {
		got[p.Key.Value()] = p.Value
	}
	if len(got) != 2 || got["computeEngine.maxInstance"] != "4" || got["computeEngine.maxPrefetchInstance"] != "2" {
		t.Fatalf("properties: %v", got)
	}

	cc, err := c.CreateEnhancedConnection(&model.CreateEnhancedConnectionRequest{Body: &model.CreateEnhancedConnectionRequestBody{
		Name: "conn1", DestVpcId: "vpc-1", DestNetworkId: "net-1", ElasticResourcePools: &[]string{"pool_a"},
		Hosts: &[]model.EnhancedConnectionHost{{Name: ptr("db1"), Ip: ptr("192.168.0.1")}},
	}})
	check(t, "create connection", err)
	if cc.HttpStatusCode != 201 || *cc.ConnectionId == "" {
		t.Fatalf("create connection: %v", cc)
	}
	id := *cc.ConnectionId
	_, err = c.AssociateQueueToEnhancedConnection(&model.AssociateQueueToEnhancedConnectionRequest{ConnectionId: id,
		Body: &model.AssociateQueueToEnhancedConnectionRequestBody{Queues: &[]string{"solo"}}})
	check(t, "associate", err)
	sc, err := c.ShowEnhancedConnection(&model.ShowEnhancedConnectionRequest{ConnectionId: id})
	check(t, "show connection", err)
	if *sc.Status != "ACTIVE" || *(*sc.ElasticResourcePools)[0].Status != "CREATING" || *(*sc.AvailableQueueInfo)[0].Name != "solo" {
		t.Fatalf("connection: %v", sc)
	}
	clk.Advance(2 * time.Second)
	sc, _ = c.ShowEnhancedConnection(&model.ShowEnhancedConnectionRequest{ConnectionId: id})
	if *(*sc.ElasticResourcePools)[0].Status != "ACTIVE" || *(*sc.Hosts)[0].Ip != "192.168.0.1" {
		t.Fatalf("connection after peering: %v", sc)
	}
	_, err = c.UpdateEnhancedConnection(&model.UpdateEnhancedConnectionRequest{ConnectionId: id,
		Body: &model.UpdateEnhancedConnectionRequestBody{Hosts: []model.EnhancedConnectionHost{}}})
	check(t, "clear hosts", err)
	_, err = c.CreateRouteToEnhancedConnection(&model.CreateRouteToEnhancedConnectionRequest{ConnectionId: id,
		Body: &model.CreateRouteToEnhancedConnectionRequestBody{Name: "r1", Cidr: "10.0.0.0/8"}})
	check(t, "add route", err)
	_, err = c.DeleteRouteFromEnhancedConnection(&model.DeleteRouteFromEnhancedConnectionRequest{ConnectionId: id, Name: "r1"})
	check(t, "delete route", err)
	_, err = c.DisassociateQueueFromEnhancedConnection(&model.DisassociateQueueFromEnhancedConnectionRequest{ConnectionId: id,
		Body: &model.DisassociateQueueFromEnhancedConnectionRequestBody{Queues: &[]string{"solo"}}})
	check(t, "disassociate", err)
	lc, err := c.ListEnhancedConnections(&model.ListEnhancedConnectionsRequest{Name: ptr("conn1")})
	check(t, "list connections", err)
	if *lc.Count != 1 || *(*lc.Connections)[0].Id != id || len(*(*lc.Connections)[0].AvailableQueueInfo) != 0 || len(*(*lc.Connections)[0].Hosts) != 0 {
		t.Fatalf("connections: %v", lc)
	}
	_, err = c.DeleteEnhancedConnection(&model.DeleteEnhancedConnectionRequest{ConnectionId: id})
	check(t, "delete connection", err)
	sc, err = c.ShowEnhancedConnection(&model.ShowEnhancedConnectionRequest{ConnectionId: id})
	check(t, "show deleted connection", err)
	if *sc.Status != "DELETED" {
		t.Fatalf("deleted connection status %s", *sc.Status)
	}

	for _, q := range []string{"q1", "solo"} {
		_, err = c.DeleteQueue(&model.DeleteQueueRequest{QueueName: q})
		check(t, "delete queue "+q, err)
	}
	clk.Advance(2 * time.Second)
	if _, err = c.ShowQueue(&model.ShowQueueRequest{QueueName: "q1"}); err == nil {
		t.Fatal("deleted queue still readable")
	}
	_, err = c.DeleteElasticResourcePool(&model.DeleteElasticResourcePoolRequest{ElasticResourcePoolName: "pool_a"})
	check(t, "delete pool", err)
	clk.Advance(2 * time.Second)
	lp, err = c.ListElasticResourcePools(&model.ListElasticResourcePoolsRequest{})
	check(t, "list pools after delete", err)
	if *lp.Count != 0 {
		t.Fatalf("pools left: %d", *lp.Count)
	}
}

// TestConformanceProjectFromIAM builds a client without a project id: the SDK
// asks IAM (here the emulator) for the project of the region.
func TestConformanceProjectFromIAM(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	cred, err := basic.NewCredentialsBuilder().WithAk(testAK).WithSk(testSK).WithIamEndpointOverride(srv.URL).SafeBuild()
	check(t, "credentials", err)
	hc, err := dli.DliClientBuilder().WithRegion(region.NewRegion(srv.Emulator.Region(), srv.URL)).WithCredential(cred).SafeBuild()
	check(t, "client", err)
	c := dli.NewDliClient(hc)
	if cred.ProjectId != srv.Emulator.ProjectID() {
		t.Fatalf("project id %q", cred.ProjectId)
	}
	_, err = c.ListQueues(&model.ListQueuesRequest{})
	check(t, "list queues", err)
	found := false
	for _, r := range srv.Emulator.Requests() {
		if r.Path == "/v3/projects" && r.Status == 200 {
			found = true
		}
	}
	if !found {
		t.Fatal("the SDK did not call IAM")
	}
}
