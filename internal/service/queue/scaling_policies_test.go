package queue

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func pm(priority int64, start, stop string, minCU, maxCU int64) policyModel {
	return policyModel{Priority: types.Int64Value(priority), ImpactStartTime: types.StringValue(start),
		ImpactStopTime: types.StringValue(stop), MinCU: types.Int64Value(minCU), MaxCU: types.Int64Value(maxCU),
		InheritPoolMaxCU: types.BoolNull()}
}

// TestCheckPolicies covers each plan-time rule of scaling_policies, accepting
// and refusing: whole hours (attribute validators; malformed values are left
// to them here), min_cu <= max_cu, exactly one 00:00-24:00 default policy, no
// overlap among the other windows, and windows that cross midnight.
func TestCheckPolicies(t *testing.T) {
	unknownStop := pm(2, "12:00", "", 4, 8)
	unknownStop.ImpactStopTime = types.StringUnknown()
	day := pm(1, "00:00", "24:00", 16, 16)
	cases := []struct {
		name string
		ps   []policyModel
		want []string // substrings, one per problem
	}{
		{"default alone", []policyModel{day}, nil},
		// The API reference's own example: a default and two windows, one crossing midnight.
		{"api reference example", []policyModel{pm(1, "00:00", "24:00", 64, 752), pm(100, "10:00", "22:00", 64, 752),
			pm(50, "22:00", "10:00", 64, 752)}, nil},
		// The huaweicloud provider's acceptance test: a default plus one hour.
		{"incumbent test", []policyModel{day, pm(2, "00:00", "01:00", 20, 28)}, nil},
		{"gaps are DLI's default policy", []policyModel{day, pm(2, "02:00", "10:00", 4, 8), pm(3, "12:00", "20:00", 4, 8)}, nil},
		{"window to midnight", []policyModel{day, pm(2, "20:00", "24:00", 4, 8), pm(3, "00:00", "06:00", 4, 8)}, nil},
		{"same priority is DLI's to judge", []policyModel{day, pm(1, "02:00", "04:00", 4, 8)}, nil},
		{"no default", []policyModel{pm(1, "00:00", "12:00", 4, 8), pm(2, "12:00", "24:00", 4, 8)},
			[]string{"no policy runs from 00:00 to 24:00"}},
		{"two defaults", []policyModel{day, pm(2, "00:00", "24:00", 4, 8)}, []string{"priorities 1, 2 all run from 00:00 to 24:00"}},
		{"overlap", []policyModel{day, pm(2, "00:00", "13:00", 4, 8), pm(3, "12:00", "20:00", 4, 8)},
			[]string{"priorities 2 (00:00-13:00) and 3 (12:00-20:00) overlap"}},
		{"overlap across midnight", []policyModel{day, pm(2, "22:00", "10:00", 4, 8), pm(3, "09:00", "12:00", 4, 8)},
			[]string{"priorities 3 (09:00-12:00) and 2 (22:00-10:00) overlap"}},
		{"overlap before midnight", []policyModel{day, pm(2, "22:00", "02:00", 4, 8), pm(3, "23:00", "24:00", 4, 8)},
			[]string{"overlap"}},
		{"empty window", []policyModel{day, pm(2, "12:00", "12:00", 4, 8)}, []string{"its window is empty"}},
		{"min above max", []policyModel{pm(1, "00:00", "24:00", 8, 4)}, []string{"min_cu 8 greater than max_cu 4"}},
		{"min above max in a window", []policyModel{day, pm(2, "01:00", "02:00", 12, 8)}, []string{"min_cu 12 greater than max_cu 8"}},
		// An unknown window cannot be judged, so the default count is not either.
		{"unknown", []policyModel{pm(1, "00:00", "12:00", 4, 8), unknownStop}, nil},
		// Malformed times are the attribute validators' business.
		{"malformed", []policyModel{pm(1, "00:00", "12:30", 4, 8)}, nil},
	}
	for _, c := range cases {
		got := checkPolicies(c.ps)
		if len(got) != len(c.want) {
			t.Errorf("%s: problems %q, want %d", c.name, got, len(c.want))
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], c.want[i]) {
				t.Errorf("%s: problem %q does not say %q", c.name, got[i], c.want[i])
			}
		}
	}
}

func TestPoliciesValueAndDefault(t *testing.T) {
	api := []client.ScalingPolicy{
		{Priority: 1, ImpactStartTime: "00:00", ImpactStopTime: "12:00", MinCU: 4, MaxCU: 8},
		{Priority: 2, ImpactStartTime: "12:00", ImpactStopTime: "24:00", MinCU: 4, MaxCU: 8, InheritPoolMaxCU: true},
	}
	explicit := pm(1, "00:00", "12:00", 4, 8)
	explicit.InheritPoolMaxCU = types.BoolValue(false)
	// The flag reads as DLI reports it, false included: the schema's
	// default plans an unset flag as false too.
	if s := policiesValue(api).String(); !strings.Contains(s, `"inherit_elastic_resource_pool_max_cu":false`) ||
		!strings.Contains(s, `"inherit_elastic_resource_pool_max_cu":true`) {
		t.Errorf("policies: %s", s)
	}
	if v := policiesValue(nil); v.IsNull() || len(v.Elements()) != 0 {
		t.Errorf("no policies = %v, want [] (what unset and [] both plan as)", v)
	}
	if !isDefaultPolicy(defaultPolicies(16), 16) || isDefaultPolicy(defaultPolicies(16), 32) || isDefaultPolicy(api, 8) {
		t.Error("isDefaultPolicy")
	}
	if got := policyInputs([]policyModel{pm(2, "12:00", "24:00", 4, 8), explicit}); got[0].Priority != 1 || got[1].InheritPoolMaxCU {
		t.Errorf("policyInputs = %+v", got)
	}
}
