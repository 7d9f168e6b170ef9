package planmod

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// Some arguments (a connection's route_table_id) are sent at creation and
// never reported back by DLI, and DLI cannot change them, so a change replaces
// the object. An import therefore leaves them null, and a configuration that
// sets them would replace an object the user only meant to adopt. An
// ImportMarker in the resource's private state records that the argument is
// unknown since the import: while it is null in the state, the first value
// configured is recorded in place instead. (Tags, once handled this way, are
// read through DLI's tag API now: see tags.go.)

// ImportMarker is the private-state key saying that one argument has not been
// known since the resource was imported.
type ImportMarker string

// MarkerFor is the marker of an attribute. The key is "<attribute>_unknown".
func MarkerFor(attribute string) ImportMarker {
	return ImportMarker(attribute + "_unknown")
}

// markerSet is the stored value of a set marker (private state values must be JSON).
const markerSet = "true"

// PrivateGetter is the part of the framework's private state a plan modifier reads.
type PrivateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// PrivateSetter is the part of the framework's private state ImportState writes.
type PrivateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// MarkImported sets the given markers; ImportState calls it.
func MarkImported(ctx context.Context, p PrivateSetter, markers ...ImportMarker) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, m := range markers {
		diags.Append(p.SetKey(ctx, string(m), []byte(markerSet))...)
	}
	return diags
}

// IsSet reports whether the marker is in the private state. A missing private
// state (nil) has no markers.
func (m ImportMarker) IsSet(ctx context.Context, p PrivateGetter) (bool, diag.Diagnostics) {
	if p == nil {
		return false, nil
	}
	v, diags := p.GetKey(ctx, string(m))
	return string(v) == markerSet, diags
}

// replaces decides a planned change of the marked attribute: it replaces the
// object unless the object was imported and the attribute is still null in
// the state, i.e. its value is being recorded for the first time.
func (m ImportMarker) replaces(ctx context.Context, p PrivateGetter, stateNull bool) (bool, diag.Diagnostics) {
	imported, diags := m.IsSet(ctx, p)
	firstRecord := imported && stateNull
	return !firstRecord, diags
}

// RequiresReplaceString is RequiresReplace for a string attribute marked by m,
// except for its first value after an import, which is an in-place update.
// description says so in the resource's words.
func (m ImportMarker) RequiresReplaceString(description string) planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			var diags diag.Diagnostics
			resp.RequiresReplace, diags = m.replaces(ctx, req.Private, req.StateValue.IsNull())
			resp.Diagnostics.Append(diags...)
		}, description, description)
}
