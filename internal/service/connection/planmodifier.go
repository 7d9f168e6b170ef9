package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// unchangedBindings plans the bindings attribute:
//   - while elastic_resource_pools and queues are unchanged, the state's
//     bindings are kept: plain UseStateForUnknown would be wrong (a new binding
//     must show as "known after apply"), and no modifier at all would show the
//     bindings as changing on every hosts or routes update;
//   - when the state holds a FAILED binding, the bindings are unknown, which
//     plans an update even if nothing else changed: the update binds it again
//     if it is still wanted, or unbinds it if it is not (a FAILED binding is
//     in neither set of the state, see connectionModel.fill).
type unchangedBindings struct{}

var _ planmodifier.List = unchangedBindings{}

func (unchangedBindings) Description(context.Context) string {
	return "keeps the prior bindings while elastic_resource_pools and queues are unchanged and none FAILED"
}

func (m unchangedBindings) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (unchangedBindings) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	// Creation or destruction: nothing to keep.
	if req.StateValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	pools, queues := failedNames(ctx, req.StateValue, &resp.Diagnostics)
	if len(pools)+len(queues) > 0 {
		resp.PlanValue = types.ListUnknown(bindingType)
		return
	}
	if !req.PlanValue.IsUnknown() {
		return
	}
	for _, name := range []string{"elastic_resource_pools", "queues"} {
		var planned, prior types.Set
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if resp.Diagnostics.HasError() || !planned.Equal(prior) {
			return
		}
	}
	resp.PlanValue = req.StateValue
}
