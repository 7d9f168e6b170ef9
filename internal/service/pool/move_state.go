package pool

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/migrate"
)

var _ resource.ResourceWithMoveState = (*poolResource)(nil)

// huaweiPool is the part of huaweicloud_dli_elastic_resource_pool's state
// that maps onto this resource. Its id is the pool's resource id (a UUID).
// region has no counterpart: the provider configuration chooses the region.
type huaweiPool struct {
	ID                  *string           `json:"id"`
	Name                *string           `json:"name"`
	MaxCU               *int64            `json:"max_cu"`
	MinCU               *int64            `json:"min_cu"`
	Description         *string           `json:"description"`
	CIDR                *string           `json:"cidr"`
	EnterpriseProjectID *string           `json:"enterprise_project_id"`
	Tags                map[string]string `json:"tags"`
	Label               map[string]string `json:"label"`
	Status              *string           `json:"status"`
	CurrentCU           *int64            `json:"current_cu"`
	ActualCU            *int64            `json:"actual_cu"`
	CreatedAt           *string           `json:"created_at"`
}

// MoveState takes over huaweicloud_dli_elastic_resource_pool state in a
// `moved` block (Terraform 1.8 and later, OpenTofu 1.11 and later).
func (r *poolResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromHuaweiCloud}}
}

// moveFromHuaweiCloud maps every attribute the huaweicloud provider keeps;
// the pool is found by name, so Read, which Terraform runs right after the
// move, fills in the rest (owner, queues) and corrects anything stale.
func moveFromHuaweiCloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src huaweiPool
	if !migrate.Take(req, resp, migrate.PoolType, &src, "name", func(s *huaweiPool) *string { return s.Name }) {
		return
	}
	id := migrate.UUIDOrNull(src.ID)
	description := src.Description
	if description == nil {
		empty := ""
		description = &empty // our description is "" when unset
	}

	t := migrate.NewTarget(ctx, resp)
	t.Set("id", id)
	t.Set("name", types.StringValue(*src.Name))
	t.Set("max_cu", migrate.Int(src.MaxCU))
	t.Set("min_cu", migrate.Int(src.MinCU))
	t.Set("description", migrate.String(description))
	t.Set("cidr_in_vpc", migrate.NonEmpty(src.CIDR))
	t.Set("enterprise_project_id", migrate.NonEmpty(src.EnterpriseProjectID))
	t.Set("tags", migrate.StringMap(src.Tags))
	t.Set("label", migrate.StringMap(src.Label))
	t.Set("status", migrate.NonEmpty(src.Status))
	t.Set("current_cu", migrate.Int(src.CurrentCU))
	t.Set("actual_cu", migrate.Int(src.ActualCU))
	t.Set("created_at", migrate.UTCTime(src.CreatedAt))
}
