package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

// ImportState takes a connection id; Read fills the rest, tags included (the
// import starts them as {} so that the refresh reads them). DLI does not
// report route_table_id, so the import marks it unknown: the first apply then
// records the configured value instead of creating a new connection.
//
// An id DLI does not know (it answers DLI.0001 "Connection xxx is not exist")
// or reports DELETED fails the import here, with an error that says so and
// names the id, rather than leaving Read to drop it from the state.
func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.Client != nil {
		_, err := r.Client.GetConnection(ctx, req.ID)
		if client.IsNotFound(err) {
			framework.AddErrorf(&resp.Diagnostics, errImporting, "Enhanced connection %q not found: DLI does not know this id, or reports the "+
				"connection DELETED. Check the id (the connection's id, not its name) and the region.\n\n%s", req.ID, err)
			return
		}
		if err != nil {
			framework.AddError(&resp.Diagnostics, errImporting, err)
			return
		}
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("tags"), tags.Imported())...)
	resp.Diagnostics.Append(planmod.MarkImported(ctx, resp.Private, routeTableMarker)...)
}

// routeTableMarker marks, in the private state, a connection whose
// route_table_id the state cannot know because it was imported.
var routeTableMarker = planmod.MarkerFor("route_table_id")
