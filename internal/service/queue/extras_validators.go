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

	"github.com/opendli/terraform-provider-dli/internal/planmod"
)

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
	if resp.Diagnostics.HasError() || !noPool(pool) || planmod.IsNone(policies) {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("scaling_policies"), "Scaling Policies Need An Elastic Resource Pool",
		"Only a queue inside an elastic resource pool has scaling policies; set elastic_resource_pool_name or remove scaling_policies.")
}

// sparkDriverPlaceValidator refuses spark_driver where DLI does not take queue
// properties: the user guide "Setting Queue Properties" allows them only for
// SQL queues of the Spark engine in an elastic resource pool (of the standard
// edition, which the pool's own resource knows; DLI judges that part).
type sparkDriverPlaceValidator struct{}

func (sparkDriverPlaceValidator) Description(context.Context) string {
	return "spark_driver needs a SQL queue of the Spark engine in an elastic resource pool"
}

func (v sparkDriverPlaceValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (sparkDriverPlaceValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var driver types.Object
	var pool, queueType, engine types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("spark_driver"), &driver)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("elastic_resource_pool_name"), &pool)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("queue_type"), &queueType)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("engine"), &engine)...)
	if resp.Diagnostics.HasError() || driver.IsNull() || driver.IsUnknown() {
		return
	}
	var why string
	switch {
	case pool.IsNull():
		why = "this queue is not in an elastic resource pool; set elastic_resource_pool_name or remove spark_driver"
	case known(queueType) && !strings.EqualFold(queueType.ValueString(), "sql"):
		why = fmt.Sprintf("queue_type is %q; only sql queues take Spark driver settings", queueType.ValueString())
	case known(engine) && !strings.EqualFold(engine.ValueString(), "spark"):
		why = fmt.Sprintf("engine is %q; only Spark queues take Spark driver settings", engine.ValueString())
	default:
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("spark_driver"), "Spark Driver Settings Not Allowed Here",
		"DLI sets queue properties only on SQL queues of the Spark engine in a standard elastic resource pool: "+why+".")
}
