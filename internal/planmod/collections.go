package planmod

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// An optional collection can be written as empty ([] or {}) or left out, and
// both mean "none". Terraform compares values, not meanings: a state of null
// against a configuration of [] is a change, and the other way round too. An
// import cannot know which spelling the configuration uses, so the read after
// an import records "none" as an empty collection, and the attribute is
// Optional and Computed with NoneIsEmpty, which plans a configuration that
// leaves the attribute out as that same empty value. (Terraform only lets a
// provider plan its own value for an unset attribute when it is computed; a
// value the configuration writes must be planned as written, or as the prior
// value when the provider judges them equal.)

// NoneIsEmpty plans an unset (null) collection:
//   - as the prior value when that is empty, or null on an existing resource
//     (a state saved before empty collections were recorded), so that
//     neither spelling of "none" shows a change;
//   - otherwise (creation, or removing every element) as an empty collection
//     when emptyOnCreate is set, which suits an attribute the read always
//     records ([] for none), or as null when the read leaves an unset
//     attribute alone.
//
// The attribute must be Computed. Use it before RequiresReplace.
func NoneIsEmpty(emptyOnCreate bool) NoneIsEmptyModifier {
	return NoneIsEmptyModifier{emptyOnCreate: emptyOnCreate}
}

// NoneIsEmptyModifier implements NoneIsEmpty for sets, lists and maps.
type NoneIsEmptyModifier struct{ emptyOnCreate bool }

var (
	_ planmodifier.Set  = NoneIsEmptyModifier{}
	_ planmodifier.List = NoneIsEmptyModifier{}
	_ planmodifier.Map  = NoneIsEmptyModifier{}
)

func (NoneIsEmptyModifier) Description(context.Context) string {
	return "leaving the attribute out means the same as an empty collection"
}

func (m NoneIsEmptyModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

// collection is what the three collection types have in common here.
type collection interface {
	IsNull() bool
	IsUnknown() bool
	attr.Value
}

// plan decides the planned value of an unset collection; keep reports
// whether the prior value is kept, otherwise empty reports whether an empty
// collection (rather than null) is planned. act is false when the
// configuration sets the attribute.
func (m NoneIsEmptyModifier) plan(config, prior collection, n int, state tfsdk.State) (act, keep, empty bool) {
	if !config.IsNull() {
		return false, false, false
	}
	exists := !state.Raw.IsNull()
	switch {
	case !prior.IsNull() && !prior.IsUnknown() && n == 0:
		return true, true, false
	case exists && prior.IsNull():
		return true, true, false
	}
	return true, false, m.emptyOnCreate
}

func (m NoneIsEmptyModifier) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	act, keep, empty := m.plan(req.ConfigValue, req.StateValue, len(req.StateValue.Elements()), req.State)
	switch {
	case !act:
	case keep:
		resp.PlanValue = req.StateValue
	case empty:
		resp.PlanValue = types.SetValueMust(req.PlanValue.ElementType(ctx), nil)
	default:
		resp.PlanValue = types.SetNull(req.PlanValue.ElementType(ctx))
	}
}

func (m NoneIsEmptyModifier) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	act, keep, empty := m.plan(req.ConfigValue, req.StateValue, len(req.StateValue.Elements()), req.State)
	switch {
	case !act:
	case keep:
		resp.PlanValue = req.StateValue
	case empty:
		resp.PlanValue = types.ListValueMust(req.PlanValue.ElementType(ctx), nil)
	default:
		resp.PlanValue = types.ListNull(req.PlanValue.ElementType(ctx))
	}
}

func (m NoneIsEmptyModifier) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	act, keep, empty := m.plan(req.ConfigValue, req.StateValue, len(req.StateValue.Elements()), req.State)
	switch {
	case !act:
	case keep:
		resp.PlanValue = req.StateValue
	case empty:
		resp.PlanValue = types.MapValueMust(req.PlanValue.ElementType(ctx), map[string]attr.Value{})
	default:
		resp.PlanValue = types.MapNull(req.PlanValue.ElementType(ctx))
	}
}

// IsNone reports whether a collection holds nothing: null or empty. Unknown
// is not none.
func IsNone(v interface {
	IsNull() bool
	IsUnknown() bool
	Elements() []attr.Value
}) bool {
	return v.IsNull() || (!v.IsUnknown() && len(v.Elements()) == 0)
}

// NamesIgnoringCase plans the prior set of names when the configured one
// names the same objects in another case. DLI stores pool and queue names in
// lower case, so an import records "myqueue" where the configuration says
// "MyQueue": the same queue, which must not plan an unbind and a bind.
func NamesIgnoringCase() planmodifier.Set { return namesIgnoringCase{} }

type namesIgnoringCase struct{}

func (namesIgnoringCase) Description(context.Context) string {
	return "names that differ from the prior ones only in case are no change"
}

func (m namesIgnoringCase) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (namesIgnoringCase) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if req.PlanValue.IsNull() || req.PlanValue.IsUnknown() || req.StateValue.IsNull() || req.StateValue.IsUnknown() ||
		req.PlanValue.Equal(req.StateValue) {
		return
	}
	var planned, prior []types.String
	resp.Diagnostics.Append(req.PlanValue.ElementsAs(ctx, &planned, false)...)
	resp.Diagnostics.Append(req.StateValue.ElementsAs(ctx, &prior, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	a := make([]string, 0, len(planned))
	for _, p := range planned {
		if p.IsUnknown() {
			return
		}
		a = append(a, p.ValueString())
	}
	b := make([]string, 0, len(prior))
	for _, p := range prior {
		b = append(b, p.ValueString())
	}
	if SameNamesFold(a, b) {
		resp.PlanValue = req.StateValue
	}
}

// SameNamesFold reports whether a and b hold the same names ignoring case
// (and duplicates that only differ in case).
func SameNamesFold(a, b []string) bool {
	fold := func(xs []string) map[string]bool {
		m := make(map[string]bool, len(xs))
		for _, x := range xs {
			m[strings.ToLower(x)] = true
		}
		return m
	}
	fa, fb := fold(a), fold(b)
	if len(fa) != len(fb) {
		return false
	}
	for k := range fa {
		if !fb[k] {
			return false
		}
	}
	return true
}

// NameIgnoringCase plans the prior name when the configured one differs from
// it only in case. DLI stores pool and queue names in lower case, so "Queue1"
// and "queue1" are the same object: no replacement, and no in-place change
// either (an import records the lower-case name). It must come before
// RequiresReplace in the modifier list.
func NameIgnoringCase() planmodifier.String { return nameIgnoringCase{} }

type nameIgnoringCase struct{}

func (nameIgnoringCase) Description(context.Context) string {
	return "a value that differs from the prior one only in case is no change"
}

func (m nameIgnoringCase) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (nameIgnoringCase) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	known := func(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }
	if !known(req.StateValue) || !known(req.PlanValue) {
		return
	}
	if req.StateValue.ValueString() != req.PlanValue.ValueString() &&
		strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}
