package migrate

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func TestFromHuaweiCloud(t *testing.T) {
	raw := &tfprotov6.RawState{JSON: []byte(`{}`)}
	for addr, want := range map[string]bool{
		"registry.terraform.io/huaweicloud/huaweicloud": true,
		"registry.opentofu.org/huaweicloud/huaweicloud": true,
		"huaweicloud/huaweicloud":                       true,
		"example.com/HuaweiCloud/HuaweiCloud/":          true,
		"registry.terraform.io/hashicorp/huaweicloud":   false,
		"registry.terraform.io/huaweicloud/dli":         false,
		"huaweicloud":                                   false,
		"a/b/huaweicloud/huaweicloud":                   false,
	} {
		req := resource.MoveStateRequest{SourceProviderAddress: addr, SourceTypeName: QueueType, SourceRawState: raw}
		if got := FromHuaweiCloud(req, QueueType); got != want {
			t.Errorf("%s: %v, want %v", addr, got, want)
		}
		if FromHuaweiCloud(req, PoolType) {
			t.Errorf("%s: a queue was taken for a pool", addr)
		}
	}
}

func TestLabels(t *testing.T) {
	for raw, want := range map[string][]string{
		`["multi_az=2"]`:        {"multi_az=2"},
		`{"b": "2", "a": "1"}`:  {"a=1", "b=2"},
		``:                      nil,
		`"not a list or a map"`: nil,
	} {
		if got := Labels([]byte(raw)); !reflect.DeepEqual(got, want) {
			t.Errorf("Labels(%s) = %v, want %v", raw, got, want)
		}
	}
}

func TestTimes(t *testing.T) {
	s := "2024-01-01T08:00:00+08:00"
	if got := UTCTime(&s).ValueString(); got != "2024-01-01T00:00:00Z" {
		t.Errorf("UTCTime = %s", got)
	}
	bad := "yesterday"
	if !UTCTime(&bad).IsNull() || !UTCTime(nil).IsNull() {
		t.Error("an unreadable or absent time is not null")
	}
	ms := int64(1704067200000)
	if got := MillisTime(&ms).ValueString(); got != "2024-01-01T00:00:00Z" {
		t.Errorf("MillisTime = %s", got)
	}
	zero := int64(0)
	if !MillisTime(&zero).IsNull() {
		t.Error("a zero time is not null")
	}
}

func TestIsUUID(t *testing.T) {
	if !IsUUID("3c0f6a8e-5b1d-4c7e-9a2f-0d8b7e6c5a41") || IsUUID("elastic_pool_dli") || IsUUID("0ce123456a00f2591fabc00385ff1234") {
		t.Error("IsUUID misjudged")
	}
}
