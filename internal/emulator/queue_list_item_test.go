package emulator

import (
	"reflect"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

// The queue list's item (SDK model_queue.go) carries every field GET one
// queue (model_show_queue_response.go) answers, with the same value, so that
// a refresh can be served from the list: SQL and general queues, pooled and
// standalone, and a queue in the middle of a scale.
func TestQueueListItemCarriesEveryGetField(t *testing.T) {
	srv, clk := startTest(t, Delays{QueueCreate: time.Second, QueueScale: time.Minute})
	e := srv.Emulator
	pools, err := e.SeedPools(Seed{Prefix: "li_pool", Count: 1})
	check(t, "seed pool", err)
	_, err = e.SeedQueues(Seed{Prefix: "li_sql", Count: 2, Pool: pools[0]})
	check(t, "seed pooled queues", err)
	_, err = e.SeedQueues(Seed{Prefix: "li_general", Count: 1, QueueType: "general"})
	check(t, "seed general queue", err)
	c := sdkClient(t, srv)
	_, err = c.CreateQueue(&model.CreateQueueRequest{Body: &model.CreateQueueRequestBody{QueueName: "li_alone", CuCount: 64}})
	check(t, "create standalone queue", err)
	clk.Advance(2 * time.Second)
	_, err = c.RunQueueAction(&model.RunQueueActionRequest{QueueName: "li_alone",
		Body: &model.RunQueueActionRequestBody{Action: "scale_out", CuCount: ptr(int32(64))}})
	check(t, "scale out", err)
	clk.Advance(time.Second)

	list, err := c.ListQueues(&model.ListQueuesRequest{QueueType: ptr("all")})
	check(t, "list queues", err)
	if list.Queues == nil || len(*list.Queues) != 4 {
		t.Fatalf("list: %v", list)
	}
	for _, item := range *list.Queues {
		get, err := c.ShowQueue(&model.ShowQueueRequest{QueueName: *item.QueueName})
		check(t, "show queue", err)
		var listType *string
		if item.QueueType != nil {
			listType = ptr(item.QueueType.Value())
		}
		fromList := []any{item.QueueId, item.QueueName, item.Description, item.Owner, item.CreateTime,
			listType, item.CuCount, item.ChargingMode, item.ResourceId, item.ResourceMode,
			item.EnterpriseProjectId, item.QueueResourceType, item.CuSpec, item.CuScaleOutLimit,
			item.CuScaleInLimit, item.ElasticResourcePoolName, item.SupportSparkVersions, item.DefaultSparkVersion}
		fromGet := []any{get.QueueId, get.QueueName, get.Description, get.Owner, get.CreateTime,
			get.QueueType, get.CuCount, get.ChargingMode, get.ResourceId, get.ResourceMode,
			get.EnterpriseProjectId, get.ResourceType, get.CuSpec, get.CuScaleOutLimit,
			get.CuScaleInLimit, get.ElasticResourcePoolName, get.SupportSparkVersions, get.DefaultSparkVersion}
		if !reflect.DeepEqual(fromList, fromGet) {
			t.Errorf("queue %s:\n list item %v\n GET one   %v", *item.QueueName, deref(fromList), deref(fromGet))
		}
	}
}

// deref shows the values behind the SDK's pointers.
func deref(vs []any) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && !rv.IsNil() {
			out[i] = rv.Elem().Interface()
		} else {
			out[i] = v
		}
	}
	return out
}
