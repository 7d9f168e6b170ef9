package queue_test

import (
	"strings"
	"testing"

	fwattr "github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/service/queue"
)

// hwQueueState is huaweicloud_dli_queue state as that provider's SDK writes it.
const hwQueueState = `{
  "id": "7d3e2b1a-9c8f-4e6d-a5b4-3c2d1e0f9a8b",
  "region": "cn-north-4",
  "name": "dli_queue_01",
  "elastic_resource_pool_name": "elastic_pool_dli",
  "resource_mode": 1,
  "queue_type": "general",
  "description": "spark",
  "cu_count": 32,
  "enterprise_project_id": "0",
  "platform": "x86_64",
  "feature": "basic",
  "tags": {"owner": "data"},
  "create_time": 1704067200000,
  "vpc_cidr": "",
  "subnet_cidr": "",
  "management_subnet_cidr": "",
  "scaling_policies": [
    {"priority": 1, "impact_start_time": "00:00", "impact_stop_time": "24:00", "min_cu": 16, "max_cu": 32}
  ],
  "spark_driver": [{"max_instance": 2, "max_concurrent": 0, "max_prefetch_instance": "1"}]
}`

func TestMoveState_fromHuaweiCloud(t *testing.T) {
	for _, address := range []string{acctest.HuaweicloudTerraformAddress, acctest.HuaweicloudOpenTofuAddress} {
		t.Run(address, func(t *testing.T) {
			resp := acctest.MoveState(t, queue.NewResource(), address, "huaweicloud_dli_queue", hwQueueState)
			if resp.Diagnostics.HasError() || !acctest.Moved(resp) {
				t.Fatalf("not moved: %v", resp.Diagnostics)
			}
			want := map[string]fwattr.Value{
				"id":                         types.StringValue("7d3e2b1a-9c8f-4e6d-a5b4-3c2d1e0f9a8b"),
				"name":                       types.StringValue("dli_queue_01"),
				"elastic_resource_pool_name": types.StringValue("elastic_pool_dli"),
				"queue_type":                 types.StringValue("general"),
				"cu_count":                   types.Int64Value(32),
				"description":                types.StringValue("spark"),
				"platform":                   types.StringValue("x86_64"),
				"resource_mode":              types.Int64Value(1),
				"feature":                    types.StringValue("basic"),
				"engine":                     types.StringNull(), // Read takes it from the queue list
				"labels":                     types.SetNull(types.StringType),
				"tags":                       types.MapValueMust(types.StringType, map[string]fwattr.Value{"owner": types.StringValue("data")}),
				"enterprise_project_id":      types.StringValue("0"),
				"created_at":                 types.StringValue("2024-01-01T00:00:00Z"),
				"queue_id":                   types.Int64Null(),
				"cu_spec":                    types.Int64Null(),
			}
			for name, w := range want {
				if got := acctest.MovedAttr(t, resp, name); !got.Equal(w) {
					t.Errorf("%s = %v, want %v", name, got, w)
				}
			}
			checkExtras(t, resp)
		})
	}
}

// checkExtras checks the scaling policies and Spark driver settings, which
// map onto attributes of the same names.
func checkExtras(t *testing.T, r *resource.MoveStateResponse) {
	t.Helper()
	attrs := r.TargetState.Schema.GetAttributes()
	if attrs["scaling_policies"] == nil || attrs["spark_driver"] == nil {
		t.Log("dli_queue has no scaling_policies or spark_driver yet: nothing to map them onto")
		return
	}
	got := acctest.MovedAttr(t, r, "scaling_policies").String()
	for _, part := range []string{`"priority":1`, `"impact_start_time":"00:00"`, `"impact_stop_time":"24:00"`,
		`"min_cu":16`, `"max_cu":32`} {
		if !strings.Contains(got, part) {
			t.Errorf("scaling_policies = %s, want %s", got, part)
		}
	}
	driver := acctest.MovedAttr(t, r, "spark_driver").String()
	// max_concurrent 0 is the source SDK's "unset": null here.
	for _, part := range []string{`"max_instance":2`, `"max_concurrent":<null>`, `"max_prefetch_instance":1`} {
		if !strings.Contains(driver, part) {
			t.Errorf("spark_driver = %s, want %s", driver, part)
		}
	}
}

// TestMoveState_oldState: huaweicloud_dli_queue state of old versions of that
// provider has the name as id, no pool, and SQL as the implicit type; labels
// come as a list when a version keeps them.
func TestMoveState_oldState(t *testing.T) {
	resp := acctest.MoveState(t, queue.NewResource(), acctest.HuaweicloudTerraformAddress, "huaweicloud_dli_queue",
		`{"id": "dli_queue_01", "name": "dli_queue_01", "cu_count": 16, "queue_type": "", "feature": "",
		  "labels": ["multi_az=2"], "spark_driver": [{"max_instance": 0, "max_concurrent": 0, "max_prefetch_instance": ""}]}`)
	if resp.Diagnostics.HasError() || !acctest.Moved(resp) {
		t.Fatalf("not moved: %v", resp.Diagnostics)
	}
	want := map[string]fwattr.Value{
		"id":                         types.StringNull(),
		"queue_type":                 types.StringValue("sql"),
		"description":                types.StringValue(""),
		"elastic_resource_pool_name": types.StringNull(),
		"feature":                    types.StringNull(),
		"labels":                     types.SetValueMust(types.StringType, []fwattr.Value{types.StringValue("multi_az=2")}),
		"created_at":                 types.StringNull(),
	}
	for name, w := range want {
		if got := acctest.MovedAttr(t, resp, name); !got.Equal(w) {
			t.Errorf("%s = %v, want %v", name, got, w)
		}
	}
	if got := acctest.MovedAttr(t, resp, "spark_driver"); !got.IsNull() {
		t.Errorf("spark_driver = %v, want null: nothing was set", got)
	}
}

func TestMoveState_otherSources(t *testing.T) {
	for _, tc := range []struct{ address, typ string }{
		{"registry.terraform.io/hashicorp/huaweicloud", "huaweicloud_dli_queue"},
		{acctest.HuaweicloudTerraformAddress, "huaweicloud_dli_elastic_resource_pool"},
	} {
		resp := acctest.MoveState(t, queue.NewResource(), tc.address, tc.typ, hwQueueState)
		if resp.Diagnostics.HasError() || acctest.Moved(resp) {
			t.Errorf("%s %s: moved or failed (%v), want skipped", tc.address, tc.typ, resp.Diagnostics)
		}
	}
	resp := acctest.MoveState(t, queue.NewResource(), acctest.HuaweicloudTerraformAddress, "huaweicloud_dli_queue",
		`{"cu_count": 16}`)
	if !resp.Diagnostics.HasError() {
		t.Error("a state without name moved")
	}
}
