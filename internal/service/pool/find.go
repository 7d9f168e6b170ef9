package pool

import (
	"context"
	"fmt"
	"strings"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
)

// Lookups: the pool a name or an id refers to. A pool that is not there is
// an error naming what was searched and what was found instead.

// exactPool picks the one pool named name (ignoring case) among the fuzzy
// matches, and otherwise says how many the filter found and what they are.
func exactPool(candidates []client.Pool, name string) (*client.Pool, error) {
	var exact []*client.Pool
	for i := range candidates {
		if strings.EqualFold(candidates[i].Name, name) {
			exact = append(exact, &candidates[i])
		}
	}
	switch len(exact) {
	case 1:
		return exact[0], nil
	case 0:
		names := make([]string, 0, len(candidates))
		for _, p := range candidates {
			names = append(names, p.Name)
		}
		return nil, fmt.Errorf("no elastic resource pool is named %q. The list filter name = %q matched %s.\n\n"+
			"Check the name and the region, or list pools with the dli_elastic_resource_pools data source",
			name, name, framework.CountNames(names, "pool"))
	default:
		ids := make([]string, 0, len(exact))
		for _, p := range exact {
			ids = append(ids, p.Name+" (id "+p.ResourceID+")")
		}
		return nil, fmt.Errorf("%d elastic resource pools are named %q: %s. The lookup needs exactly one",
			len(exact), name, strings.Join(ids, ", "))
	}
}

// poolNameByResourceID finds, through the pool list, the name of the pool
// whose resource id is id.
func poolNameByResourceID(ctx context.Context, c *client.Client, id string) (string, error) {
	pools, err := c.ListPools(ctx, client.PoolFilter{})
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
