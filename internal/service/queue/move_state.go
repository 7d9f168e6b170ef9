package queue

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/migrate"
)

var _ resource.ResourceWithMoveState = (*queueResource)(nil)

// huaweiQueue is the part of huaweicloud_dli_queue's state that maps onto
// this resource. Its id is the queue's resource id (a UUID) in current
// versions of that provider and the queue's name in old ones. region has no
// counterpart (the provider configuration chooses it), nor do the deprecated
// CIDR arguments (vpc_cidr, subnet_cidr, management_subnet_cidr).
type huaweiQueue struct {
	ID                  *string           `json:"id"`
	Name                *string           `json:"name"`
	PoolName            *string           `json:"elastic_resource_pool_name"`
	QueueType           *string           `json:"queue_type"`
	CUCount             *int64            `json:"cu_count"`
	Description         *string           `json:"description"`
	Platform            *string           `json:"platform"`
	ResourceMode        *int64            `json:"resource_mode"`
	Feature             *string           `json:"feature"`
	Labels              json.RawMessage   `json:"labels"`
	Tags                map[string]string `json:"tags"`
	EnterpriseProjectID *string           `json:"enterprise_project_id"`
	Owner               *string           `json:"owner"`
	CreateTime          *int64            `json:"create_time"`
	ScalingPolicies     []huaweiPolicy    `json:"scaling_policies"`
	SparkDriver         []huaweiDriver    `json:"spark_driver"`
}

// huaweiPolicy is one of the source's scaling_policies.
type huaweiPolicy struct {
	Priority        int64  `json:"priority"`
	ImpactStartTime string `json:"impact_start_time"`
	ImpactStopTime  string `json:"impact_stop_time"`
	MinCU           int64  `json:"min_cu"`
	MaxCU           int64  `json:"max_cu"`
}

// huaweiDriver is the source's spark_driver block. Its SDK stores unset
// numbers as 0 and an unset max_prefetch_instance as "" (a string there).
type huaweiDriver struct {
	MaxInstance         int64  `json:"max_instance"`
	MaxConcurrent       int64  `json:"max_concurrent"`
	MaxPrefetchInstance string `json:"max_prefetch_instance"`
}

// MoveState takes over huaweicloud_dli_queue state in a `moved` block
// (Terraform 1.8 and later, OpenTofu 1.11 and later).
func (r *queueResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromHuaweiCloud}}
}

// moveFromHuaweiCloud maps every attribute the huaweicloud provider keeps.
// The queue is found by name, so Read, which Terraform runs right after the
// move, fills in the rest: the resource id of an old state, engine (which the
// list reports), queue_id, owner and the CU limits.
func moveFromHuaweiCloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src huaweiQueue
	if !migrate.Take(req, resp, migrate.QueueType, &src, "name", func(s *huaweiQueue) *string { return s.Name }) {
		return
	}
	id := migrate.UUIDOrNull(src.ID)
	queueType := TypeSQL // the source's default too
	if src.QueueType != nil && *src.QueueType != "" {
		queueType = *src.QueueType
	}
	description := ""
	if src.Description != nil {
		description = *src.Description
	}

	t := migrate.NewTarget(ctx, resp)
	t.Set("id", id)
	t.Set("name", types.StringValue(*src.Name))
	t.Set("elastic_resource_pool_name", migrate.NonEmpty(src.PoolName))
	t.Set("queue_type", types.StringValue(queueType))
	t.Set("cu_count", migrate.Int(src.CUCount))
	t.Set("description", types.StringValue(description))
	t.Set("platform", migrate.NonEmpty(src.Platform))
	t.Set("resource_mode", migrate.Int(src.ResourceMode))
	t.Set("feature", migrate.NonEmpty(src.Feature))
	t.Set("labels", migrate.StringSet(migrate.Labels(src.Labels)))
	t.Set("tags", migrate.StringMap(src.Tags))
	t.Set("enterprise_project_id", migrate.NonEmpty(src.EnterpriseProjectID))
	t.Set("owner", migrate.NonEmpty(src.Owner))
	t.Set("created_at", migrate.MillisTime(src.CreateTime))
	t.SetObjects("scaling_policies", policyObjects(src.ScalingPolicies))
	t.SetObjects("spark_driver", driverObjects(src.SparkDriver))
}

// policyObjects lists the source's scaling policies as they are.
func policyObjects(ps []huaweiPolicy) migrate.Objects {
	out := make(migrate.Objects, 0, len(ps))
	for _, p := range ps {
		out = append(out, map[string]any{
			"priority":          p.Priority,
			"impact_start_time": p.ImpactStartTime,
			"impact_stop_time":  p.ImpactStopTime,
			"min_cu":            p.MinCU,
			"max_cu":            p.MaxCU,
		})
	}
	return out
}

// driverObjects is the source's spark_driver block with its "unset" zeros
// made null: no valid max_instance or max_concurrent is 0. A block with
// nothing set is no block.
func driverObjects(ds []huaweiDriver) migrate.Objects {
	if len(ds) == 0 {
		return nil
	}
	d := ds[0]
	o := map[string]any{}
	if d.MaxInstance != 0 {
		o["max_instance"] = d.MaxInstance
	}
	if d.MaxConcurrent != 0 {
		o["max_concurrent"] = d.MaxConcurrent
	}
	if d.MaxPrefetchInstance != "" {
		o["max_prefetch_instance"] = d.MaxPrefetchInstance
	}
	if len(o) == 0 {
		return nil
	}
	return migrate.Objects{o}
}
