package queue

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/validate"
)

// Scaling policies: time windows with a CU range, for a queue inside a pool.
// Like the Spark driver settings (spark_driver.go) they change in place and
// are read back only when configured or right after an import, so an
// ordinary refresh stays one request.

// Scaling policy windows are whole hours: [start, stop), and the policies of a
// queue together must cover the day from dayStart to dayEnd.
const (
	dayStart = "00:00"
	dayEnd   = "24:00"
	// PolicyCUStep is the step of a scaling policy's min_cu and max_cu.
	PolicyCUStep = 4
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

func nullPolicies() types.Set { return types.SetNull(policyObjectType) }

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
// see readPoliciesAndDriver).
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

// updatePolicies is the scaling policies' part of updatePoliciesAndDriver.
func (r *queueResource) updatePolicies(ctx context.Context, state *queueModel, plan queueModel) error {
	name := state.Name.ValueString()
	if planmod.IsNone(plan.ScalingPolicies) && planmod.IsNone(state.ScalingPolicies) {
		// Unset and [] both leave DLI's policies alone.
		state.ScalingPolicies = plan.ScalingPolicies
		return nil
	}
	if !plan.ScalingPolicies.Equal(state.ScalingPolicies) {
		var diags diag.Diagnostics
		policies := defaultPolicies(plan.CUCount.ValueInt64())
		if !planmod.IsNone(plan.ScalingPolicies) {
			policies = policyInputs(policiesFrom(ctx, plan.ScalingPolicies, &diags))
		}
		if err := framework.DiagsError(diags); err != nil {
			return err
		}
		pool := state.PoolName.ValueString()
		tflog.Debug(ctx, "updating scaling policies of DLI queue", map[string]any{"name": name, "pool": pool, "policies": len(policies)})
		if err := r.Client.UpdateQueueScalingPolicies(ctx, pool, name, policies); err != nil {
			return err
		}
		state.ScalingPolicies = plan.ScalingPolicies
	}
	return nil
}

// policiesValidator checks at plan time only what every DLI source agrees on
// (API reference "Modifying the Scaling Policy of a Queue Associated with an
// Elastic Resource Pool", user guide "Adjusting Scaling Policies for Queues in
// an Elastic Resource Pool", the huaweicloud provider's acceptance test):
// windows are whole hours [start, stop) and may cross midnight (the API
// reference's example runs 22:00 -> 10:00), min_cu <= max_cu, exactly one
// default policy covers 00:00-24:00, and the other windows do not overlap each
// other (they lie on top of the default one). Everything else (priorities,
// the pool's CU limits, coverage) is DLI's to judge at apply, with its message.
// Unknown or malformed values (the attribute validators report those) are
// left out; the default-policy count is only judged when every window is known.
type policiesValidator struct{}

func (policiesValidator) Description(context.Context) string {
	return "policies have min_cu <= max_cu, exactly one 00:00-24:00 default policy, and other windows that do not overlap"
}

func (v policiesValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// window is one policy's [start, stop) in hours; stop < start crosses midnight.
type window struct {
	priority    int64
	start, stop int
}

// isDefault reports whether the window is the whole day, 00:00-24:00.
func (w window) isDefault() bool { return w.start == 0 && w.stop == 24 }

// hours is the set of hours the window covers, one bit per hour of the day.
func (w window) hours() uint32 {
	var mask uint32
	for h := 0; h < 24; h++ {
		if w.covers(h) {
			mask |= 1 << h
		}
	}
	return mask
}

// covers reports whether the hour starting at h is in the window; a window
// whose stop comes before its start crosses midnight: [start, 24) and [0, stop).
func (w window) covers(h int) bool {
	if w.start < w.stop {
		return h >= w.start && h < w.stop
	}
	return h >= w.start || h < w.stop
}

func (w window) String() string { return clock(w.start) + "-" + clock(w.stop) }

func (policiesValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	// [] means none, as unset does: DLI's default policy stays.
	if req.ConfigValue.IsUnknown() || planmod.IsNone(req.ConfigValue) {
		return
	}
	var ps []policyModel
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &ps, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, msg := range checkPolicies(ps) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Scaling Policies", msg)
	}
}

// checkPolicies returns one message per problem found.
func checkPolicies(ps []policyModel) []string {
	var problems []string
	var defaults, others []window
	complete := true
	for _, p := range ps {
		if known(p.MinCU) && known(p.MaxCU) && p.MinCU.ValueInt64() > p.MaxCU.ValueInt64() {
			problems = append(problems, fmt.Sprintf("the policy with priority %s has min_cu %d greater than max_cu %d.",
				p.Priority, p.MinCU.ValueInt64(), p.MaxCU.ValueInt64()))
		}
		start, okStart := hourOf(p.ImpactStartTime, false)
		stop, okStop := hourOf(p.ImpactStopTime, true)
		if !okStart || !okStop {
			complete = false
			continue
		}
		w := window{priority: p.Priority.ValueInt64(), start: start, stop: stop}
		switch {
		case w.isDefault():
			defaults = append(defaults, w)
		case start == stop%24:
			problems = append(problems, fmt.Sprintf("the policy with priority %s starts and stops at %s: its window "+
				"is empty. A window covers [impact_start_time, impact_stop_time) and may cross midnight (22:00 to "+
				"10:00); the whole day is 00:00 to 24:00.", p.Priority, p.ImpactStartTime.ValueString()))
		default:
			others = append(others, w)
		}
	}
	if complete && len(defaults) == 0 {
		problems = append(problems, "no policy runs from 00:00 to 24:00: DLI requires exactly one default policy "+
			"covering the whole day; the other windows apply on top of it.")
	}
	if len(defaults) > 1 {
		var prios []string
		for _, d := range defaults {
			prios = append(prios, strconv.FormatInt(d.priority, 10))
		}
		problems = append(problems, fmt.Sprintf("the policies with priorities %s all run from 00:00 to 24:00: DLI "+
			"takes exactly one default policy for the whole day.", strings.Join(prios, ", ")))
	}
	sort.Slice(others, func(i, j int) bool { return others[i].start < others[j].start })
	for i := range others {
		for j := i + 1; j < len(others); j++ {
			a, b := others[i], others[j]
			if a.hours()&b.hours() != 0 {
				problems = append(problems, fmt.Sprintf("the windows of the policies with priorities %d (%s) and %d (%s) "+
					"overlap; DLI does not allow overlapping windows.", a.priority, a, b.priority, b))
			}
		}
	}
	return problems
}

// hourOf parses a whole-hour clock value; 24:00 only as a stop time.
func hourOf(v types.String, stop bool) (int, bool) {
	if !known(v) {
		return 0, false
	}
	s := v.ValueString()
	re := startTimeRe
	if stop {
		re = stopTimeRe
	}
	if !re.MatchString(s) {
		return 0, false
	}
	h, err := strconv.Atoi(s[:2])
	return h, err == nil
}

func clock(h int) string { return fmt.Sprintf("%02d:00", h) }

// policiesNeedPoolRule refuses scaling_policies on a standalone queue:
// the policy API addresses a queue through its pool. An unknown pool name is
// a pool still to be created, which is fine.
var policiesNeedPoolRule = validate.Rule{
	Summary: "scaling_policies need elastic_resource_pool_name",
	Check: func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
		var pool types.String
		var policies types.Set
		diags.Append(config.GetAttribute(ctx, path.Root("elastic_resource_pool_name"), &pool)...)
		diags.Append(config.GetAttribute(ctx, path.Root("scaling_policies"), &policies)...)
		if diags.HasError() || !noPool(pool) || planmod.IsNone(policies) {
			return
		}
		diags.AddAttributeError(path.Root("scaling_policies"), "Scaling Policies Need An Elastic Resource Pool",
			"Only a queue inside an elastic resource pool has scaling policies; set elastic_resource_pool_name or remove scaling_policies.")
	},
}

// resizeDefaultPolicy sizes a queue in a pool whose scaling policies this
// resource does not manage: the default policy (00:00-24:00) becomes
// min_cu = max_cu = cu, and the other windows DLI holds are sent back as they
// are, since the policy API replaces the whole list.
func (r *queueResource) resizeDefaultPolicy(ctx context.Context, pool, name string, cu int64) error {
	pq, err := r.Client.FindPoolQueue(ctx, pool, name)
	if err != nil {
		return err
	}
	policies := withDefaultSize(pq.ScalingPolicies, cu)
	tflog.Debug(ctx, "resizing DLI queue through its default scaling policy",
		map[string]any{"name": name, "pool": pool, "cu_count": cu, "policies": len(policies)})
	return r.Client.UpdateQueueScalingPolicies(ctx, pool, name, policies)
}
