package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// unchangedBindings keeps the bindings of the state in the plan when neither
// elastic_resource_pools nor queues change. Plain UseStateForUnknown would be
// wrong (a new binding must show up as "known after apply"), and no modifier
// at all would show bindings as changing on every hosts or routes update.
type unchangedBindings struct{}

var _ planmodifier.List = unchangedBindings{}

func (unchangedBindings) Description(context.Context) string {
	return "keeps the prior bindings while elastic_resource_pools and queues are unchanged"
}

func (m unchangedBindings) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (unchangedBindings) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	// Creation, destruction, or a value someone already decided on: nothing to keep.
	if req.StateValue.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
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
