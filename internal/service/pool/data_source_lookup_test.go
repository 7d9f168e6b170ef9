package pool

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func TestExactPoolPicksTheNameIgnoringCase(t *testing.T) {
	pools := []client.Pool{{Name: "etl"}, {Name: "etl_big", ResourceID: "b"}, {Name: "etl_b"}}
	p, err := exactPool(pools, "ETL_BIG")
	if err != nil || p.ResourceID != "b" {
		t.Fatalf("got %+v, %v", p, err)
	}
}

func TestExactPoolNotFoundNamesFilterAndCount(t *testing.T) {
	_, err := exactPool([]client.Pool{{Name: "etl_2"}, {Name: "etl_1"}}, "etl")
	want := `no elastic resource pool is named "etl". The list filter name = "etl" matched 2 pools (etl_1, etl_2).`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want it to contain %s", err, want)
	}
	_, err = exactPool(nil, "etl")
	if err == nil || !strings.Contains(err.Error(), `matched 0 pools.`) {
		t.Fatalf("empty list: got %v", err)
	}
}

func TestExactPoolAmbiguous(t *testing.T) {
	_, err := exactPool([]client.Pool{{Name: "etl", ResourceID: "1"}, {Name: "ETL", ResourceID: "2"}}, "etl")
	if err == nil || !strings.HasPrefix(err.Error(), `2 elastic resource pools are named "etl": etl (id 1), ETL (id 2)`) {
		t.Fatalf("got %v", err)
	}
}

func TestPoolItemMapsEveryField(t *testing.T) {
	var diags diag.Diagnostics
	m := poolItem(client.Pool{
		Name: "p", ResourceID: "uuid", Description: "d", Status: "FAILED", FailReason: "why",
		MinCU: 64, MaxCU: 128, CurrentCU: 32, ActualCU: 16, PrepayCU: 8, CIDRInVPC: "10.0.0.0/16",
		EnterpriseProjectID: "ep", ChargingMode: 1, Label: map[string]string{"spec": "basic"},
		Queues: []string{"q1"}, Owner: "o", Manager: "CUSTOMER", IPv6Enable: true,
		CreateTime: 1700000000000, UpdateTime: 1700000060000,
	}, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	got := []string{m.ID.ValueString(), m.Name.ValueString(), m.Description.ValueString(), m.Status.ValueString(),
		m.FailReason.ValueString(), m.CIDRInVPC.ValueString(), m.EnterpriseProjectID.ValueString(),
		m.Owner.ValueString(), m.Manager.ValueString(), m.CreatedAt.ValueString(), m.UpdatedAt.ValueString(),
		m.Label.String(), m.Queues.String()}
	want := []string{"uuid", "p", "d", "FAILED", "why", "10.0.0.0/16", "ep", "o", "CUSTOMER",
		"2023-11-14T22:13:20Z", "2023-11-14T22:14:20Z", `{"spec":"basic"}`, `["q1"]`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("strings:\n got %q\nwant %q", got, want)
	}
	nums := []int64{m.MinCU.ValueInt64(), m.MaxCU.ValueInt64(), m.CurrentCU.ValueInt64(), m.ActualCU.ValueInt64(),
		m.PrepayCU.ValueInt64(), m.ChargingMode.ValueInt64()}
	if nums[0] != 64 || nums[1] != 128 || nums[2] != 32 || nums[3] != 16 || nums[4] != 8 || nums[5] != 1 || !m.IPv6Enable.ValueBool() {
		t.Fatalf("numbers: %v ipv6 %v", nums, m.IPv6Enable)
	}
	// No labels is an empty map, not null, so that lookups into it always work.
	empty := poolItem(client.Pool{}, &diags)
	if empty.Label.IsNull() || len(empty.Label.Elements()) != 0 || empty.CreatedAt.ValueString() != "" {
		t.Fatalf("empty pool: label %v created %q", empty.Label, empty.CreatedAt.ValueString())
	}
}
