package queue

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/migrate"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

// importName turns an import id into the queue's name. Besides the name it
// takes what users of the huaweicloud provider have: its import form
// <queue_type>/<name>, and the queue's resource id (a UUID), the id in their
// huaweicloud_dli_queue state, which is resolved through the queue list (see
// queueNameByResourceID).
func (r *queueResource) importName(ctx context.Context, id string) (string, error) {
	if typ, name, ok := strings.Cut(id, "/"); ok {
		if (typ != TypeSQL && typ != TypeGeneral) || name == "" {
			return "", fmt.Errorf("import a DLI queue by its name, <queue_type>/<name> with queue_type %q or %q, "+
				"or its resource id; got %q", TypeSQL, TypeGeneral, id)
		}
		return name, nil
	}
	if !migrate.IsUUID(id) {
		return id, nil
	}
	if r.Client == nil {
		return "", fmt.Errorf("the provider is not configured, so the resource id %s cannot be resolved to a queue name", id)
	}
	return queueNameByResourceID(ctx, r.Client, id)
}

// ImportState takes the queue's name, as the import id or the identity's
// name, or an id the huaweicloud provider used (see importName).
func (r *queueResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportByName(ctx, req, resp, errImport,
		"Import a DLI queue by its name, e.g. terraform import dli_queue.example queue1",
		r.importName, map[string]attr.Value{"tags": tags.Imported()})
}
