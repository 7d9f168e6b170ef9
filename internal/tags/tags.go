package tags

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Tags go through DLI's tag API ("APIs Related to Resource Tags"): sent at
// creation, changed in place, read back on refresh. The three resources share
// these rules:
//
//   - Which refreshes read tags. A tags attribute that is null in the state
//     belongs to an object Terraform created without tags and whose
//     configuration has none: its refresh skips the tag request, so that a
//     fleet of untagged objects costs one request each per refresh, as
//     before the tag API was used. Every other state (tags configured, even
//     as {}, and every import, which starts from {}) reads them, so drift
//     shows in the next plan. What this gives up: tags added outside
//     Terraform to an object configured without tags are not seen; writing
//     tags = {} asks for them to be watched. A batched read (the tag API's
//     ListResourcesByTags answers for every object of a type at once, and
//     the client shares list requests among concurrent callers) would make
//     the read cheap enough to do always; then Tracked can return true.
//   - Null and {} mean the same, no tags, and neither plans a change against
//     the other (PlanModifier, Value), so that omitting tags or
//     writing tags = {} both give an empty plan after create and after import.

// Tracked reports whether a refresh reads the tags of an object whose
// state holds v (see above).
func Tracked(v types.Map) bool {
	return !v.IsNull() && !v.IsUnknown()
}

// Imported is the tags value ImportState sets: known and empty, so the
// refresh that follows the import reads the object's tags.
func Imported() types.Map {
	return types.MapValueMust(types.StringType, map[string]attr.Value{})
}

// Value is the attribute for the tags DLI reports. No tags keep the
// prior spelling, null or {}, so neither shows a difference.
func Value(prior types.Map, api []client.Tag, diags *diag.Diagnostics) types.Map {
	if len(api) == 0 {
		if prior.IsNull() || prior.IsUnknown() {
			return types.MapNull(types.StringType)
		}
		return Imported()
	}
	elems := make(map[string]attr.Value, len(api))
	for _, t := range api {
		elems[t.Key] = types.StringValue(t.Value)
	}
	v, d := types.MapValue(types.StringType, elems)
	diags.Append(d...)
	return v
}

// PlanModifier plans tags, an optional and computed map: a configuration
// without tags keeps a state that has none (null or {}) and removes tags the
// object carries; a configured map is planned as written. Computed is needed
// only for the first case: after an import the state holds {} and a
// configuration leaving tags out must not plan {} -> null.
func PlanModifier() planmodifier.Map { return tagsPlan{} }

type tagsPlan struct{}

func (tagsPlan) Description(context.Context) string {
	return "Leaving tags out keeps an object without tags as it is and removes the tags of one that has some."
}

func (m tagsPlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (tagsPlan) PlanModifyMap(_ context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if !req.StateValue.IsUnknown() && len(req.StateValue.Elements()) == 0 {
		resp.PlanValue = req.StateValue // null (also at creation) or {}
		return
	}
	resp.PlanValue = types.MapNull(types.StringType)
}

// Refresh reads the tags of the object (kind, id) through the tag API when
// the state tracks them (see Tracked for when a refresh pays this request),
// and returns the value to record; untracked tags are returned as they are.
func Refresh(ctx context.Context, c *client.Client, kind client.TagKind, id string, prior types.Map, diags *diag.Diagnostics) (types.Map, error) {
	if !Tracked(prior) {
		return prior, nil
	}
	got, err := c.GetTags(ctx, kind, id)
	if err != nil {
		return prior, err
	}
	return Value(prior, got, diags), nil
}
