package queue

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// policiesValidator checks the scaling policies of a queue as a whole, the
// way DLI judges them: unique priorities, min_cu <= max_cu, each window ends
// after it starts, windows do not overlap (DLI forbids it; overlap is an error
// here rather than resolved by priority), and together they cover the whole
// day with no gap. Values that are unknown or malformed (the attribute
// validators report those) are left out; coverage is only judged when every
// window is known.
type policiesValidator struct{}

func (policiesValidator) Description(context.Context) string {
	return "policies have unique priorities, min_cu <= max_cu, and windows that do not overlap and cover 00:00-24:00"
}

func (v policiesValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

// window is one policy's [start, stop) in hours.
type window struct {
	priority    int64
	start, stop int
}

func (policiesValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
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
	seen := map[int64]bool{}
	var windows []window
	complete := true
	for _, p := range ps {
		if known(p.Priority) {
			n := p.Priority.ValueInt64()
			if seen[n] {
				problems = append(problems, fmt.Sprintf("priority %d is used by more than one policy; each policy needs its own.", n))
			}
			seen[n] = true
		}
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
		if start >= stop {
			problems = append(problems, fmt.Sprintf("the policy with priority %s runs from %s to %s: impact_stop_time must "+
				"be after impact_start_time (a window cannot run past midnight; split it at 24:00 and 00:00).",
				p.Priority, p.ImpactStartTime.ValueString(), p.ImpactStopTime.ValueString()))
			complete = false
			continue
		}
		windows = append(windows, window{priority: p.Priority.ValueInt64(), start: start, stop: stop})
	}
	sort.Slice(windows, func(i, j int) bool { return windows[i].start < windows[j].start })
	for i := 1; i < len(windows); i++ {
		a, b := windows[i-1], windows[i]
		if b.start < a.stop {
			problems = append(problems, fmt.Sprintf("the windows of the policies with priorities %d (%s-%s) and %d (%s-%s) "+
				"overlap; DLI does not allow overlapping windows.", a.priority, clock(a.start), clock(a.stop),
				b.priority, clock(b.start), clock(b.stop)))
		}
	}
	if complete {
		if gaps := uncovered(windows); len(gaps) > 0 {
			problems = append(problems, fmt.Sprintf("the policies leave %s uncovered; together their windows must cover the "+
				"whole day from 00:00 to 24:00.", strings.Join(gaps, ", ")))
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

// uncovered lists the parts of the day no window covers, as "HH:00-HH:00".
// windows must be sorted by start.
func uncovered(windows []window) []string {
	var gaps []string
	reached := 0
	for _, w := range windows {
		if w.start > reached {
			gaps = append(gaps, clock(reached)+"-"+clock(w.start))
		}
		reached = max(reached, w.stop)
	}
	if reached < 24 {
		gaps = append(gaps, clock(reached)+"-"+clock(24))
	}
	return gaps
}

func clock(h int) string { return fmt.Sprintf("%02d:00", h) }

// sparkDriverValidator requires at least one attribute in spark_driver (an
// empty block would manage nothing) and max_prefetch_instance <= max_instance.
type sparkDriverValidator struct{}

func (sparkDriverValidator) Description(context.Context) string {
	return "at least one attribute is set, and max_prefetch_instance is at most max_instance"
}

func (v sparkDriverValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (sparkDriverValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var s sparkDriverModel
	resp.Diagnostics.Append(req.ConfigValue.As(ctx, &s, basetypes.ObjectAsOptions{})...)
	if resp.Diagnostics.HasError() {
		return
	}
	if s.MaxInstance.IsNull() && s.MaxConcurrent.IsNull() && s.MaxPrefetchInstance.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty Spark Driver Settings",
			"spark_driver sets none of max_instance, max_concurrent and max_prefetch_instance; set one or remove the attribute.")
	}
	if known(s.MaxInstance) && known(s.MaxPrefetchInstance) && s.MaxPrefetchInstance.ValueInt64() > s.MaxInstance.ValueInt64() {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("max_prefetch_instance"), "Too Many Prefetched Spark Drivers",
			fmt.Sprintf("max_prefetch_instance (%d) cannot exceed max_instance (%d): DLI cannot start more drivers ahead "+
				"of demand than the queue may run.", s.MaxPrefetchInstance.ValueInt64(), s.MaxInstance.ValueInt64()))
	}
}

// policiesNeedPoolValidator refuses scaling_policies on a standalone queue:
// the policy API addresses a queue through its pool. An unknown pool name is
// a pool still to be created, which is fine.
type policiesNeedPoolValidator struct{}

func (policiesNeedPoolValidator) Description(context.Context) string {
	return "scaling_policies need elastic_resource_pool_name"
}

func (v policiesNeedPoolValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (policiesNeedPoolValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var pool types.String
	var policies types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("elastic_resource_pool_name"), &pool)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("scaling_policies"), &policies)...)
	if resp.Diagnostics.HasError() || !pool.IsNull() || policies.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("scaling_policies"), "Scaling Policies Need An Elastic Resource Pool",
		"Only a queue inside an elastic resource pool has scaling policies; set elastic_resource_pool_name or remove scaling_policies.")
}
