package connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/migrate"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

// ImportState takes a connection's id, or its name (see importID), as the
// import id or the identity's id; Read fills the rest, tags included (the
// import starts them as {} so that the refresh reads them). DLI does not
// report route_table_id, so the import marks it unknown: the first apply then
// records the configured value instead of creating a new connection.
func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	given := framework.ImportedID(ctx, req, identityAttr, errImporting,
		"Import an enhanced connection by its id or its name, e.g. terraform import dli_enhanced_connection.example "+
			"2a620c33-5609-40c9-affd-2b6453071b0f", &resp.Diagnostics)
	if given == "" {
		return
	}
	id := given
	if r.Client != nil {
		var err error
		id, err = r.importID(ctx, given)
		if client.IsNotFound(err) {
			// An id DLI does not know; a name that matches nothing is a
			// lookup error, reported below.
			framework.AddErrorf(&resp.Diagnostics, errImporting, "Enhanced connection %q not found: DLI does not "+
				"know this id, or reports the connection DELETED. Check the id and the region.\n\n%s", given, err)
			return
		}
		if err != nil {
			framework.AddError(&resp.Diagnostics, errImporting, err)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(id))...)
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("tags"), tags.Imported())...)
	resp.Diagnostics.Append(planmod.MarkImported(ctx, resp.Private, routeTableMarker)...)
}

// importID resolves what the user imports by to a connection id. DLI's ids
// are UUIDs, and a connection name holds only letters, digits and
// underscores, so the shape tells them apart: a UUID is looked up as an id,
// anything else as a name (lookupByName: the exact name, else one that
// differs only in case). Several connections can match a name that way
// (DLI keeps the case of connection names): the import then fails, naming
// their ids.
//
// An id DLI does not know (it answers DLI.0001 "Connection xxx is not exist")
// or reports DELETED fails the import (a NotFound error), rather than leaving
// Read to drop it from the state.
func (r *connectionResource) importID(ctx context.Context, given string) (string, error) {
	if !migrate.IsUUID(given) {
		conn, err := lookupByName(ctx, r.Client, given)
		if err != nil {
			return "", fmt.Errorf("import by name: %w", err)
		}
		return conn.ID, nil
	}
	_, err := r.Client.GetConnection(ctx, given)
	return given, err
}

// routeTableMarker marks, in the private state, a connection whose
// route_table_id the state cannot know because it was imported.
var routeTableMarker = planmod.MarkerFor("route_table_id")
