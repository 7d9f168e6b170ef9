package queue

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func queueNames(qs []client.Queue) string {
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		out = append(out, q.Name)
	}
	return strings.Join(out, ",")
}

func TestInPoolKeepsThePoolsQueuesIgnoringCase(t *testing.T) {
	qs := []client.Queue{
		{Name: "a", PoolName: "etl"}, {Name: "b"}, {Name: "c", PoolName: "etl_2"}, {Name: "d", PoolName: "ETL"},
	}
	if got := queueNames(inPool(qs, "Etl")); got != "a,d" {
		t.Fatalf("pool Etl: got %s", got)
	}
	if got := queueNames(inPool(qs, "")); got != "a,b,c,d" {
		t.Fatalf("no pool filter: got %s", got)
	}
	if got := inPool(qs, "none"); len(got) != 0 {
		t.Fatalf("unknown pool: got %v", got)
	}
}

func TestMergeListItemTakesOnlyListOnlyFields(t *testing.T) {
	got := client.Queue{Name: "q", CUCount: 32, Description: "from get", ResourceType: "vm"}
	item := client.Queue{Name: "q", CUCount: 16, Description: "from list", Platform: "aarch64", Feature: "ai",
		Engine: "spark", Labels: []string{"multi_az=2"}, CIDRInVPC: "10.0.0.0/16"}
	m := mergeListItem(got, item)
	if m.CUCount != 32 || m.Description != "from get" || m.ResourceType != "vm" {
		t.Fatalf("GET fields overwritten: %+v", m)
	}
	if m.Platform != "aarch64" || m.Feature != "ai" || m.Engine != "spark" || m.CIDRInVPC != "10.0.0.0/16" ||
		strings.Join(m.Labels, ",") != "multi_az=2" {
		t.Fatalf("list fields missing: %+v", m)
	}
}

func TestQueueItemLabelsAreAnEmptyListWhenNone(t *testing.T) {
	var diags diag.Diagnostics
	m := queueItem(client.Queue{Name: "q", Labels: nil, CreateTime: 0}, &diags)
	if diags.HasError() || m.Labels.IsNull() || len(m.Labels.Elements()) != 0 || m.CreatedAt.ValueString() != "" {
		t.Fatalf("labels %v created %q diags %v", m.Labels, m.CreatedAt.ValueString(), diags)
	}
	m = queueItem(client.Queue{Labels: []string{"x", "y"}, PoolName: "p", CUCount: 48}, &diags)
	if m.Labels.String() != `["x","y"]` || m.PoolName.ValueString() != "p" || m.CUCount.ValueInt64() != 48 {
		t.Fatalf("got %v %v %v", m.Labels, m.PoolName, m.CUCount)
	}
}
