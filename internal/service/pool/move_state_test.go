package pool_test

import (
	"testing"

	fwattr "github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/service/pool"
)

// hwPoolState is huaweicloud_dli_elastic_resource_pool state as that
// provider's SDK writes it.
const hwPoolState = `{
  "id": "3c0f6a8e-5b1d-4c7e-9a2f-0d8b7e6c5a41",
  "region": "cn-north-4",
  "name": "elastic_pool_dli",
  "max_cu": 128,
  "min_cu": 64,
  "description": "etl",
  "cidr": "172.16.0.0/18",
  "enterprise_project_id": "0",
  "tags": {"owner": "data"},
  "label": {"spec": "standard"},
  "status": "AVAILABLE",
  "current_cu": 64,
  "actual_cu": 64,
  "created_at": "2024-01-01T08:00:00+08:00",
  "timeouts": null
}`

func TestMoveState_fromHuaweiCloud(t *testing.T) {
	for _, address := range []string{acctest.HuaweicloudTerraformAddress, acctest.HuaweicloudOpenTofuAddress,
		"Registry.Terraform.io/HuaweiCloud/HuaweiCloud", "mirror.example.com/huaweicloud/huaweicloud"} {
		t.Run(address, func(t *testing.T) {
			resp := acctest.MoveState(t, pool.NewResource(), address, "huaweicloud_dli_elastic_resource_pool", hwPoolState)
			if resp.Diagnostics.HasError() || !acctest.Moved(resp) {
				t.Fatalf("not moved: %v", resp.Diagnostics)
			}
			want := map[string]fwattr.Value{
				"id":                    types.StringValue("3c0f6a8e-5b1d-4c7e-9a2f-0d8b7e6c5a41"),
				"name":                  types.StringValue("elastic_pool_dli"),
				"max_cu":                types.Int64Value(128),
				"min_cu":                types.Int64Value(64),
				"description":           types.StringValue("etl"),
				"cidr_in_vpc":           types.StringValue("172.16.0.0/18"),
				"enterprise_project_id": types.StringValue("0"),
				"tags":                  types.MapValueMust(types.StringType, map[string]fwattr.Value{"owner": types.StringValue("data")}),
				"label":                 types.MapValueMust(types.StringType, map[string]fwattr.Value{"spec": types.StringValue("standard")}),
				"status":                types.StringValue("AVAILABLE"),
				"current_cu":            types.Int64Value(64),
				"actual_cu":             types.Int64Value(64),
				"created_at":            types.StringValue("2024-01-01T00:00:00Z"),
				"owner":                 types.StringNull(),
				"queues":                types.ListNull(types.StringType),
			}
			for name, w := range want {
				if got := acctest.MovedAttr(t, resp, name); !got.Equal(w) {
					t.Errorf("%s = %v, want %v", name, got, w)
				}
			}
			if got := acctest.MovedAttr(t, resp, "timeouts"); !got.IsNull() {
				t.Errorf("timeouts = %v, want null", got)
			}
		})
	}
}

// TestMoveState_sparseState: what an older or never-refreshed source state
// lacks is null (description ""), and an id that is not a UUID is left to Read.
func TestMoveState_sparseState(t *testing.T) {
	resp := acctest.MoveState(t, pool.NewResource(), acctest.HuaweicloudTerraformAddress,
		"huaweicloud_dli_elastic_resource_pool",
		`{"id": "elastic_pool_dli", "name": "elastic_pool_dli", "max_cu": 64, "min_cu": 64, "cidr": "", "tags": {}}`)
	if resp.Diagnostics.HasError() || !acctest.Moved(resp) {
		t.Fatalf("not moved: %v", resp.Diagnostics)
	}
	want := map[string]fwattr.Value{
		"id":          types.StringNull(),
		"description": types.StringValue(""),
		"cidr_in_vpc": types.StringNull(),
		"tags":        types.MapNull(types.StringType),
		"label":       types.MapNull(types.StringType),
		"created_at":  types.StringNull(),
	}
	for name, w := range want {
		if got := acctest.MovedAttr(t, resp, name); !got.Equal(w) {
			t.Errorf("%s = %v, want %v", name, got, w)
		}
	}
}

// TestMoveState_otherSources: other providers and other resource types are
// not this mover's; the framework then reports that nothing can move them.
func TestMoveState_otherSources(t *testing.T) {
	for _, tc := range []struct{ address, typ string }{
		{"registry.terraform.io/hashicorp/huaweicloud", "huaweicloud_dli_elastic_resource_pool"},
		{"registry.terraform.io/huaweicloud/huaweicloudstack", "huaweicloud_dli_elastic_resource_pool"},
		{acctest.HuaweicloudTerraformAddress, "huaweicloud_dli_queue"},
	} {
		resp := acctest.MoveState(t, pool.NewResource(), tc.address, tc.typ, hwPoolState)
		if resp.Diagnostics.HasError() || acctest.Moved(resp) {
			t.Errorf("%s %s: moved or failed (%v), want skipped", tc.address, tc.typ, resp.Diagnostics)
		}
	}
}

func TestMoveState_brokenSource(t *testing.T) {
	for name, state := range map[string]string{
		"no name":  `{"id": "3c0f6a8e-5b1d-4c7e-9a2f-0d8b7e6c5a41", "max_cu": 64}`,
		"not json": `{"name": `,
	} {
		resp := acctest.MoveState(t, pool.NewResource(), acctest.HuaweicloudTerraformAddress,
			"huaweicloud_dli_elastic_resource_pool", state)
		if !resp.Diagnostics.HasError() {
			t.Errorf("%s: no error", name)
		}
	}
}
