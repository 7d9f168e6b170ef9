package pool

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/migrate"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

// importName turns an import id into the pool's name. Besides the name it
// takes the pool's resource id (a UUID), which is the id users see in their
// huaweicloud_dli_elastic_resource_pool state; DLI looks pools up by name, so
// a UUID is resolved through the pool list (see poolNameByResourceID).
func (r *poolResource) importName(ctx context.Context, id string) (string, error) {
	if !migrate.IsUUID(id) {
		return id, nil
	}
	if r.Client == nil {
		return "", fmt.Errorf("the provider is not configured, so the resource id %s cannot be resolved to a pool name", id)
	}
	return poolNameByResourceID(ctx, r.Client, id)
}

// ImportState takes the pool's name (as the import id or the identity's
// name), or its resource id as the huaweicloud provider's state has it (see
// importName); Read fills in the rest, tags
// included: the import starts them as {} so that the refresh reads them.
func (r *poolResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportByName(ctx, req, resp, errImporting,
		"Import a DLI elastic resource pool by its name, e.g. terraform import dli_elastic_resource_pool.example elastic_pool_dli",
		r.importName, map[string]attr.Value{"tags": tags.Imported()})
}
