package pool

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/migrate"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

// importName turns an import id into the pool's name. Besides the name it
// takes the pool's resource id (a UUID), which is the id users see in their
// huaweicloud_dli_elastic_resource_pool state; DLI looks pools up by name, so
// a UUID is resolved through the pool list.
func (r *poolResource) importName(ctx context.Context, id string) (string, error) {
	if !migrate.IsUUID(id) {
		return id, nil
	}
	if r.client == nil {
		return "", fmt.Errorf("the provider is not configured, so the resource id %s cannot be resolved to a pool name", id)
	}
	pools, err := r.client.ListPools(ctx, client.PoolFilter{})
	if err != nil {
		return "", fmt.Errorf("listing elastic resource pools to find resource id %s: %w", id, err)
	}
	for _, p := range pools {
		if strings.EqualFold(p.ResourceID, id) {
			return p.Name, nil
		}
	}
	return "", fmt.Errorf("no elastic resource pool has the resource id %s. Import a pool by its name or its "+
		"resource id (the id of a huaweicloud_dli_elastic_resource_pool)", id)
}

// ImportState takes the pool's name, or its resource id as the huaweicloud
// provider's state has it (see importName); Read fills in the rest, tags
// included: the import starts them as {} so that the refresh reads them.
func (r *poolResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid Import ID",
			"Import a DLI elastic resource pool by its name, e.g. terraform import dli_elastic_resource_pool.example elastic_pool_dli")
		return
	}
	name, err := r.importName(ctx, req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), types.StringValue(name))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("tags"), tags.Imported())...)
}
