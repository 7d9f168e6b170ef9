package connection_test

import (
	"testing"

	fwattr "github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/service/connection"
)

// hwConnectionState is huaweicloud_dli_datasource_connection state as that
// provider's SDK writes it.
const hwConnectionState = `{
  "id": "0ce123456a00f2591fabc00385ff1234",
  "region": "cn-north-4",
  "name": "dli_conn",
  "vpc_id": "vpc-1",
  "subnet_id": "subnet-1",
  "route_table_id": "rtb-1",
  "queues": ["dli_queue_01"],
  "hosts": [{"name": "db1", "ip": "192.168.0.10"}, {"name": "db2", "ip": "192.168.0.11"}],
  "routes": [{"name": "to_db", "cidr": "10.0.0.0/16"}],
  "tags": {"owner": "data"},
  "status": "ACTIVE"
}`

var (
	hostT  = types.ObjectType{AttrTypes: map[string]fwattr.Type{"name": types.StringType, "ip": types.StringType}}
	routeT = types.ObjectType{AttrTypes: map[string]fwattr.Type{"name": types.StringType, "cidr": types.StringType}}
)

func host(name, ip string) fwattr.Value {
	return types.ObjectValueMust(hostT.AttrTypes, map[string]fwattr.Value{"name": types.StringValue(name), "ip": types.StringValue(ip)})
}

func TestMoveState_fromHuaweiCloud(t *testing.T) {
	for _, address := range []string{acctest.HuaweicloudTerraformAddress, acctest.HuaweicloudOpenTofuAddress} {
		t.Run(address, func(t *testing.T) {
			resp := acctest.MoveState(t, connection.NewResource(), address, "huaweicloud_dli_datasource_connection",
				hwConnectionState)
			if resp.Diagnostics.HasError() || !acctest.Moved(resp) {
				t.Fatalf("not moved: %v", resp.Diagnostics)
			}
			want := map[string]fwattr.Value{
				"id":             types.StringValue("0ce123456a00f2591fabc00385ff1234"),
				"name":           types.StringValue("dli_conn"),
				"vpc_id":         types.StringValue("vpc-1"),
				"subnet_id":      types.StringValue("subnet-1"),
				"route_table_id": types.StringValue("rtb-1"),
				"queues":         types.SetValueMust(types.StringType, []fwattr.Value{types.StringValue("dli_queue_01")}),
				"hosts":          types.ListValueMust(hostT, []fwattr.Value{host("db1", "192.168.0.10"), host("db2", "192.168.0.11")}),
				"routes": types.SetValueMust(routeT, []fwattr.Value{types.ObjectValueMust(routeT.AttrTypes,
					map[string]fwattr.Value{"name": types.StringValue("to_db"), "cidr": types.StringValue("10.0.0.0/16")})}),
				"tags":                   types.MapValueMust(types.StringType, map[string]fwattr.Value{"owner": types.StringValue("data")}),
				"status":                 types.StringValue("ACTIVE"),
				"elastic_resource_pools": types.SetNull(types.StringType),
				"created_at":             types.StringNull(),
			}
			for name, w := range want {
				if got := acctest.MovedAttr(t, resp, name); !got.Equal(w) {
					t.Errorf("%s = %v, want %v", name, got, w)
				}
			}
		})
	}
}

// TestMoveState_unsetCollections: the source keeps "" and empty collections
// for arguments nobody set; ours keeps null, so that no diff appears.
func TestMoveState_unsetCollections(t *testing.T) {
	resp := acctest.MoveState(t, connection.NewResource(), acctest.HuaweicloudTerraformAddress,
		"huaweicloud_dli_datasource_connection",
		`{"id": "0ce123456a00f2591fabc00385ff1234", "name": "dli_conn", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
		  "route_table_id": "", "queues": [], "hosts": [], "routes": [], "tags": {}}`)
	if resp.Diagnostics.HasError() || !acctest.Moved(resp) {
		t.Fatalf("not moved: %v", resp.Diagnostics)
	}
	want := map[string]fwattr.Value{
		"route_table_id": types.StringNull(),
		"queues":         types.SetNull(types.StringType),
		"hosts":          types.ListNull(hostT),
		"routes":         types.SetNull(routeT),
		"tags":           types.MapNull(types.StringType),
	}
	for name, w := range want {
		if got := acctest.MovedAttr(t, resp, name); !got.Equal(w) {
			t.Errorf("%s = %v, want %v", name, got, w)
		}
	}
}

func TestMoveState_otherSources(t *testing.T) {
	resp := acctest.MoveState(t, connection.NewResource(), "registry.terraform.io/hashicorp/huaweicloud",
		"huaweicloud_dli_datasource_connection", hwConnectionState)
	if resp.Diagnostics.HasError() || acctest.Moved(resp) {
		t.Errorf("another provider's state: moved or failed (%v), want skipped", resp.Diagnostics)
	}
	resp = acctest.MoveState(t, connection.NewResource(), acctest.HuaweicloudTerraformAddress,
		"huaweicloud_dli_datasource_connection", `{"name": "dli_conn"}`)
	if !resp.Diagnostics.HasError() {
		t.Error("a state without id moved")
	}
}
