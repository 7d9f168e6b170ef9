package client

import (
	"reflect"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/utils"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

// jsonFields maps the JSON names of a struct's fields to their types.
func jsonFields(v any) map[string]reflect.Type {
	t := reflect.TypeOf(v)
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out[name] = t.Field(i).Type
	}
	return out
}

// TestSDKModelsStillLackWhatOwnDefinitionsProvide pins the reasons doc.go
// gives for each own request definition. When an SDK upgrade fixes one, this
// test fails and the operation can move to the typed client.
func TestSDKModelsStillLackWhatOwnDefinitionsProvide(t *testing.T) {
	var pools model.ListElasticResourcePoolsResponse
	if err := utils.Unmarshal([]byte(`{"elastic_resource_pools":[{"charging_mode":"1","min_cu":"16"}]}`), &pools); err == nil {
		t.Error("SDK decodes counts sent as strings now: ListPools may use ListElasticResourcePools")
	}
	if typ := jsonFields(model.Queue{})["labels"]; typ != reflect.TypeOf((*string)(nil)) {
		t.Errorf("SDK Queue labels is %v now: ListQueues may use the typed ListQueues", typ)
	}
	for name, m := range map[string]any{
		"EnhancedConnection":             model.EnhancedConnection{},
		"ShowEnhancedConnectionResponse": model.ShowEnhancedConnectionResponse{},
	} {
		if _, ok := jsonFields(m)["routes"]; ok {
			t.Errorf("SDK %s has routes now: connections may be read through the typed client", name)
		}
	}
	if _, ok := jsonFields(model.ListQueuePropertiesResponse{})["count"]; ok {
		t.Error("SDK ListQueuePropertiesResponse has count now")
	}
	var props model.ListQueuePropertiesResponse
	if err := utils.Unmarshal([]byte(`{"properties":[{"key":"computeEngine.maxInstance","value":2}]}`), &props); err == nil {
		t.Error("SDK decodes a numeric property value now: GetQueueProperties may use ListQueueProperties")
	}
	adv := jsonFields(model.AdvancedQueueProperty{})
	if _, ok := adv["computeEngine.maxInstances"]; ok {
		t.Error("SDK AdvancedQueueProperty has computeEngine.maxInstances now")
	}
}

// TestSDKEnumsDecodeUnknownValues backs doc.go's claim that enum-typed model
// fields are no reason for an own definition.
func TestSDKEnumsDecodeUnknownValues(t *testing.T) {
	var q model.Queue
	if err := utils.Unmarshal([]byte(`{"queue_type":"newtype","engine":"newengine"}`), &q); err != nil {
		t.Fatalf("SDK refuses unknown enum values: %v", err)
	}
	if q.QueueType == nil || q.QueueType.Value() != "newtype" || q.Engine == nil || q.Engine.Value() != "newengine" {
		t.Errorf("unknown enum values lost: %+v", q)
	}
}
