package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/migrate"
)

var _ resource.ResourceWithMoveState = (*connectionResource)(nil)

// huaweiConnection is the part of huaweicloud_dli_datasource_connection's
// state that maps onto this resource. Its id is the connection id DLI
// assigned, as ours is. region has no counterpart: the provider configuration
// chooses the region. It has no elastic_resource_pools; Read fills ours in.
type huaweiConnection struct {
	ID           *string           `json:"id"`
	Name         *string           `json:"name"`
	VPCID        *string           `json:"vpc_id"`
	SubnetID     *string           `json:"subnet_id"`
	RouteTableID *string           `json:"route_table_id"`
	Queues       []string          `json:"queues"`
	Hosts        []huaweiHost      `json:"hosts"`
	Routes       []huaweiRoute     `json:"routes"`
	Tags         map[string]string `json:"tags"`
	Status       *string           `json:"status"`
}

type huaweiHost struct {
	Name string `json:"name"`
	IP   string `json:"ip"`
}

type huaweiRoute struct {
	Name string `json:"name"`
	CIDR string `json:"cidr"`
}

// MoveState takes over huaweicloud_dli_datasource_connection state in a
// `moved` block (Terraform 1.8 and later, OpenTofu 1.11 and later).
func (r *connectionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromHuaweiCloud}}
}

// moveFromHuaweiCloud maps every attribute the huaweicloud provider keeps.
// The connection is found by id, so Read, which Terraform runs right after
// the move, fills in the rest (created_at, bound pools, bindings).
func moveFromHuaweiCloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src huaweiConnection
	if !migrate.Take(req, resp, migrate.ConnectionType, &src, "id", func(s *huaweiConnection) *string { return s.ID }) {
		return
	}
	hosts := make(migrate.Objects, 0, len(src.Hosts))
	for _, h := range src.Hosts {
		hosts = append(hosts, map[string]any{"name": h.Name, "ip": h.IP})
	}
	routes := make(migrate.Objects, 0, len(src.Routes))
	for _, r := range src.Routes {
		routes = append(routes, map[string]any{"name": r.Name, "cidr": r.CIDR})
	}

	t := migrate.NewTarget(ctx, resp)
	t.Set("id", types.StringValue(*src.ID))
	t.Set("name", migrate.String(src.Name))
	t.Set("vpc_id", migrate.String(src.VPCID))
	t.Set("subnet_id", migrate.String(src.SubnetID))
	// The source keeps "" when no route table was given; ours keeps null.
	t.Set("route_table_id", migrate.NonEmpty(src.RouteTableID))
	t.Set("queues", migrate.StringSet(src.Queues))
	t.SetObjects("hosts", hosts) // none is null, as an unset argument is
	t.SetObjects("routes", routes)
	t.Set("tags", migrate.StringMap(src.Tags))
	t.Set("status", migrate.NonEmpty(src.Status))
}
