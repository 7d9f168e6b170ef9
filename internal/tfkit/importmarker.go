package tfkit

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Some arguments (tags everywhere, a connection's route_table_id) are sent at
// creation and never reported back by DLI, and DLI cannot change them, so a
// change replaces the object. An import therefore leaves them null, and a
// configuration that sets them would replace an object the user only meant to
// adopt. An ImportMarker in the resource's private state records that the
// argument is unknown since the import: while it is null in the state, the
// first value configured is recorded in place instead (after the resource has
// checked it where DLI allows, see VerifyImportedTags).

// ImportMarker is the private-state key saying that one argument has not been
// known since the resource was imported.
type ImportMarker string

// MarkerFor is the marker of an attribute. The key is "<attribute>_unknown",
// which the pool has used for tags since before markers were shared, so
// states imported then keep working.
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

// RequiresReplaceMap is RequiresReplaceString for a map attribute.
func (m ImportMarker) RequiresReplaceMap(description string) planmodifier.Map {
	return mapplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
			var diags diag.Diagnostics
			resp.RequiresReplace, diags = m.replaces(ctx, req.Private, req.StateValue.IsNull())
			resp.Diagnostics.Append(diags...)
		}, description, description)
}

// VerifyImportedTags checks, before the first apply after an import records
// the configured tags, that the object really carries them: DLI does not
// report tags, but its lists filter by them. carries lists with the tag filter
// and reports whether the object is among the results. No tags need no check.
// what names the kind of object ("queue"), name the object, for the error.
//
// The API reference does not say whether a filter of several tags keeps
// objects carrying all of them or any of them ("Query results are filtered by
// tag"), so carries is asked once per tag: an object found with each tag on
// its own carries them all under either reading.
func VerifyImportedTags(ctx context.Context, configured types.Map, what, name string,
	carries func(context.Context, []client.Tag) (bool, error)) error {
	var diags diag.Diagnostics
	tags := Tags(ctx, configured, &diags)
	if diags.HasError() {
		return fmt.Errorf("reading the configured tags: %v", diags)
	}
	var missing []string
	for _, tag := range tags {
		ok, err := carries(ctx, []client.Tag{tag})
		if err != nil {
			return err
		}
		if !ok {
			missing = append(missing, fmt.Sprintf("%s=%s", tag.Key, tag.Value))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the imported %s %s does not carry all the configured tags, and DLI cannot change its "+
			"tags: DLI's list does not find it with %s. Set tags to the ones it was created with, or replace it "+
			"(terraform apply -replace=<address>) to create it with these tags", what, name, strings.Join(missing, ", "))
	}
	return nil
}
