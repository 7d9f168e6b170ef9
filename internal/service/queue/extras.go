package queue

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// The queue extras: scaling policies (time windows with a CU range, for a
// queue inside a pool) and Spark driver properties (the v3 queue properties
// API). Both change in place and are read back only when configured or right
// after an import, so an ordinary refresh stays one request.

// Scaling policy windows are whole hours: [start, stop), and the policies of a
// queue together must cover the day from dayStart to dayEnd.
const (
	dayStart = "00:00"
	dayEnd   = "24:00"
	// PolicyCUStep is the step of a scaling policy's min_cu and max_cu.
	PolicyCUStep = 4
)

// Property keys behind the spark_driver attributes. Some API versions spell
// the first one in the plural; reading accepts both.
const (
	propMaxInstance         = "computeEngine.maxInstance"
	propMaxInstancesAlt     = "computeEngine.maxInstances"
	propMaxConcurrent       = "job.maxConcurrent"
	propMaxPrefetchInstance = "computeEngine.maxPrefetchInstance"
)

// policyModel is one element of scaling_policies.
type policyModel struct {
	Priority         types.Int64  `tfsdk:"priority"`
	ImpactStartTime  types.String `tfsdk:"impact_start_time"`
	ImpactStopTime   types.String `tfsdk:"impact_stop_time"`
	MinCU            types.Int64  `tfsdk:"min_cu"`
	MaxCU            types.Int64  `tfsdk:"max_cu"`
	InheritPoolMaxCU types.Bool   `tfsdk:"inherit_elastic_resource_pool_max_cu"`
}

// policyAttrTypes is the object type of a scaling_policies element.
var policyAttrTypes = map[string]attr.Type{
	"priority":                             types.Int64Type,
	"impact_start_time":                    types.StringType,
	"impact_stop_time":                     types.StringType,
	"min_cu":                               types.Int64Type,
	"max_cu":                               types.Int64Type,
	"inherit_elastic_resource_pool_max_cu": types.BoolType,
}

var policyObjectType = types.ObjectType{AttrTypes: policyAttrTypes}

// sparkDriverModel is the spark_driver object.
type sparkDriverModel struct {
	MaxInstance         types.Int64 `tfsdk:"max_instance"`
	MaxConcurrent       types.Int64 `tfsdk:"max_concurrent"`
	MaxPrefetchInstance types.Int64 `tfsdk:"max_prefetch_instance"`
}

var sparkDriverAttrTypes = map[string]attr.Type{
	"max_instance":          types.Int64Type,
	"max_concurrent":        types.Int64Type,
	"max_prefetch_instance": types.Int64Type,
}

// fields pairs each spark_driver attribute with its property key.
func (s *sparkDriverModel) fields() []struct {
	key string
	v   *types.Int64
} {
	return []struct {
		key string
		v   *types.Int64
	}{
		{propMaxInstance, &s.MaxInstance},
		{propMaxConcurrent, &s.MaxConcurrent},
		{propMaxPrefetchInstance, &s.MaxPrefetchInstance},
	}
}

func nullPolicies() types.Set       { return types.SetNull(policyObjectType) }
func nullSparkDriver() types.Object { return types.ObjectNull(sparkDriverAttrTypes) }

// policiesFrom reads the configured scaling policies.
func policiesFrom(ctx context.Context, set types.Set, diags *diag.Diagnostics) []policyModel {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var out []policyModel
	diags.Append(set.ElementsAs(ctx, &out, false)...)
	return out
}

// policyInputs turns configured policies into API policies, by priority so
// requests are stable. An unset inherit flag is false.
func policyInputs(ps []policyModel) []client.ScalingPolicy {
	out := make([]client.ScalingPolicy, 0, len(ps))
	for _, p := range ps {
		out = append(out, client.ScalingPolicy{
			Priority:         p.Priority.ValueInt64(),
			ImpactStartTime:  p.ImpactStartTime.ValueString(),
			ImpactStopTime:   p.ImpactStopTime.ValueString(),
			MinCU:            p.MinCU.ValueInt64(),
			MaxCU:            p.MaxCU.ValueInt64(),
			InheritPoolMaxCU: p.InheritPoolMaxCU.ValueBool(),
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Priority != out[j].Priority {
			return out[i].Priority < out[j].Priority
		}
		return out[i].ImpactStartTime < out[j].ImpactStartTime
	})
	return out
}

// defaultPolicies is the policy DLI gives a queue that joins a pool: priority
// 1 for the whole day with min_cu = max_cu = the queue's CUs. Removing
// scaling_policies from the configuration puts the queue back on it.
func defaultPolicies(cu int64) []client.ScalingPolicy {
	return []client.ScalingPolicy{{Priority: 1, ImpactStartTime: dayStart, ImpactStopTime: dayEnd, MinCU: cu, MaxCU: cu}}
}

// isDefaultWindow reports whether a policy runs the whole day: the default
// policy every queue in a pool must have (API reference, "Modifying the
// Scaling Policy of a Queue Associated with an Elastic Resource Pool").
func isDefaultWindow(p client.ScalingPolicy) bool {
	return p.ImpactStartTime == dayStart && p.ImpactStopTime == dayEnd
}

// withDefaultSize returns the policies with the default one set to
// min_cu = max_cu = cu (a default policy is added if DLI reported none) and
// every other window unchanged.
func withDefaultSize(ps []client.ScalingPolicy, cu int64) []client.ScalingPolicy {
	out := make([]client.ScalingPolicy, 0, len(ps)+1)
	found := false
	for _, p := range ps {
		if !found && isDefaultWindow(p) {
			p.MinCU, p.MaxCU = cu, cu
			found = true
		}
		out = append(out, p)
	}
	if !found {
		out = append(defaultPolicies(cu), out...)
	}
	return out
}

// isDefaultPolicy reports whether the API's policies are DLI's default for a
// queue of cu CUs: what a queue has when nobody configured policies.
func isDefaultPolicy(ps []client.ScalingPolicy, cu int64) bool {
	return len(ps) == 1 && ps[0] == defaultPolicies(cu)[0]
}

// policiesValue builds the scaling_policies set from what DLI reports; none
// is an empty set (what an import of a queue on the default policy records,
// see readExtras).
func policiesValue(ps []client.ScalingPolicy) types.Set {
	elems := make([]attr.Value, 0, len(ps))
	for _, p := range ps {
		elems = append(elems, types.ObjectValueMust(policyAttrTypes, map[string]attr.Value{
			"priority":                             types.Int64Value(p.Priority),
			"impact_start_time":                    types.StringValue(p.ImpactStartTime),
			"impact_stop_time":                     types.StringValue(p.ImpactStopTime),
			"min_cu":                               types.Int64Value(p.MinCU),
			"max_cu":                               types.Int64Value(p.MaxCU),
			"inherit_elastic_resource_pool_max_cu": types.BoolValue(p.InheritPoolMaxCU),
		}))
	}
	return types.SetValueMust(policyObjectType, elems)
}

// sparkDriverFrom reads the spark_driver object; nil when it is null or unknown.
func sparkDriverFrom(ctx context.Context, obj types.Object, diags *diag.Diagnostics) *sparkDriverModel {
	if obj.IsNull() || obj.IsUnknown() {
		return nil
	}
	var s sparkDriverModel
	diags.Append(obj.As(ctx, &s, basetypes.ObjectAsOptions{})...)
	return &s
}

// propertyChanges compares the prior and planned spark_driver and returns the
// keys to set (new or changed values) and the keys to delete (attributes that
// were set and no longer are; DLI then uses its default again).
func propertyChanges(prior, planned *sparkDriverModel) (set map[string]string, del []string) {
	set = map[string]string{}
	if prior == nil {
		prior = &sparkDriverModel{}
	}
	if planned == nil {
		planned = &sparkDriverModel{}
	}
	pf, nf := prior.fields(), planned.fields()
	for i := range nf {
		was, now := *pf[i].v, *nf[i].v
		switch {
		case known(now) && !now.Equal(was):
			set[nf[i].key] = strconv.FormatInt(now.ValueInt64(), 10)
		case now.IsNull() && known(was):
			del = append(del, nf[i].key)
		}
	}
	return set, del
}

// sparkDriverValue builds spark_driver from the queue's properties. Only the
// attributes the prior value sets are read (all of them when all is true,
// after an import): properties nobody configured are DLI's business. The
// object is null when no attribute has a value.
func sparkDriverValue(props map[string]string, prior *sparkDriverModel, all bool) (types.Object, error) {
	if prior == nil {
		prior = &sparkDriverModel{}
	}
	if _, ok := props[propMaxInstance]; !ok {
		if v, ok := props[propMaxInstancesAlt]; ok {
			props[propMaxInstance] = v
		}
	}
	var out sparkDriverModel
	found := false
	pf, of := prior.fields(), out.fields()
	for i := range of {
		*of[i].v = types.Int64Null()
		raw, ok := props[of[i].key]
		if !ok || (!all && pf[i].v.IsNull()) {
			continue
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nullSparkDriver(), fmt.Errorf("queue property %s has the value %q, not an integer", of[i].key, raw)
		}
		*of[i].v = types.Int64Value(n)
		found = true
	}
	if !found {
		return nullSparkDriver(), nil
	}
	return types.ObjectValueMust(sparkDriverAttrTypes, map[string]attr.Value{
		"max_instance":          out.MaxInstance,
		"max_concurrent":        out.MaxConcurrent,
		"max_prefetch_instance": out.MaxPrefetchInstance,
	}), nil
}
