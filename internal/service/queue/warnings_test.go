package queue_test

import (
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/service/queue"
)

// TestModifyPlanWarnsOfReplacement: a plan that replaces a queue warns,
// naming the queue and the change, that the jobs running on it stop; a plan
// that scales it in place does not.
func TestModifyPlanWarnsOfReplacement(t *testing.T) {
	prior := acctest.Values{"name": "etl", "elastic_resource_pool_name": "pool1", "queue_type": "sql",
		"cu_count": int64(16), "description": "nightly", "engine": "spark", "platform": "x86_64",
		"resource_mode": int64(1), "feature": "basic", "labels": []string{}, "enterprise_project_id": "0"}
	planned := func(attr string, v any) acctest.Values {
		out := acctest.Values{}
		for k, x := range prior {
			out[k] = x
		}
		out[attr] = v
		return out
	}
	w := acctest.Warnings(acctest.ModifyPlan(t, queue.NewResource(), nil, prior, planned("description", "hourly")))
	if len(w) != 1 {
		t.Fatalf("want one warning, got %q", w)
	}
	for _, want := range []string{"DLI Queue etl Will Be Replaced: Jobs Running On It Stop",
		"Changing description replaces queue etl", "DLI stops the jobs running on the queue"} {
		if !strings.Contains(w[0], want) {
			t.Errorf("the warning lacks %q:\n%s", want, w[0])
		}
	}
	if w := acctest.Warnings(acctest.ModifyPlan(t, queue.NewResource(), nil, prior, planned("cu_count", int64(32)))); len(w) != 0 {
		t.Errorf("scaling in place warns: %q", w)
	}
}
