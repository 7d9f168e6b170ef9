package client

import (
	"context"
	"net/http"
	"strconv"
	"strings"
)

const poolsPath = "/v3/{project_id}/elastic-resource-pools"

type wirePool struct {
	Name                string            `json:"elastic_resource_pool_name"`
	ID                  flexInt64         `json:"id"`
	ResourceID          string            `json:"resource_id"`
	Description         string            `json:"description"`
	Owner               string            `json:"owner"`
	Status              string            `json:"status"`
	FailReason          string            `json:"fail_reason"`
	MaxCU               flexInt64         `json:"max_cu"`
	MinCU               flexInt64         `json:"min_cu"`
	ActualCU            flexInt64         `json:"actual_cu"`
	CurrentCU           flexInt64         `json:"current_cu"`
	PrepayCU            flexInt64         `json:"prepay_cu"`
	CIDRInVPC           string            `json:"cidr_in_vpc"`
	ChargingMode        flexInt64         `json:"charging_mode"`
	EnterpriseProjectID string            `json:"enterprise_project_id"`
	Queues              []string          `json:"queues"`
	Label               map[string]string `json:"label"`
	Manager             string            `json:"manager"`
	IPv6Enable          bool              `json:"ipv6_enable"`
	CreateTime          flexInt64         `json:"create_time"`
	UpdateTime          flexInt64         `json:"update_time"`
}

func (w wirePool) domain() Pool {
	return Pool{
		Name: w.Name, ID: int64(w.ID), ResourceID: w.ResourceID, Description: w.Description,
		Owner: w.Owner, Status: w.Status, FailReason: w.FailReason,
		MaxCU: int64(w.MaxCU), MinCU: int64(w.MinCU), ActualCU: int64(w.ActualCU),
		CurrentCU: int64(w.CurrentCU), PrepayCU: int64(w.PrepayCU), CIDRInVPC: w.CIDRInVPC,
		ChargingMode: int64(w.ChargingMode), EnterpriseProjectID: w.EnterpriseProjectID,
		Queues: w.Queues, Label: w.Label, Manager: w.Manager, IPv6Enable: w.IPv6Enable,
		CreateTime: int64(w.CreateTime), UpdateTime: int64(w.UpdateTime),
	}
}

// CreatePool starts the creation of a pay-per-use elastic resource pool. The
// pool is CREATING afterwards; poll GetPool.
func (c *Client) CreatePool(ctx context.Context, in CreatePoolInput) error {
	body := struct {
		Name                string            `json:"elastic_resource_pool_name"`
		Description         string            `json:"description,omitempty"`
		CIDRInVPC           string            `json:"cidr_in_vpc,omitempty"`
		ChargingMode        int64             `json:"charging_mode"`
		MaxCU               int64             `json:"max_cu"`
		MinCU               int64             `json:"min_cu"`
		EnterpriseProjectID string            `json:"enterprise_project_id,omitempty"`
		Tags                []wireTag         `json:"tags,omitempty"`
		Label               map[string]string `json:"label,omitempty"`
	}{in.Name, in.Description, in.CIDRInVPC, 1, in.MaxCU, in.MinCU, in.EnterpriseProjectID, toWireTags(in.Tags), in.Label}
	_, err := c.createSafely(ctx, call{
		op: "create elastic resource pool " + in.Name, method: http.MethodPost, path: poolsPath,
		body: &body, unsafe: true, create: true,
	}, nil, "elastic resource pool "+in.Name, c.lookupPool(in))
	return err
}

// listPoolsPage fetches one page of the pool list.
func (c *Client) listPoolsPage(ctx context.Context, op string, f PoolFilter, offset int) ([]wirePool, int64, error) {
	var out struct {
		envelope
		Count flexInt64  `json:"count"`
		Pools []wirePool `json:"elastic_resource_pools"`
	}
	q := append([]param{{"limit", strconv.Itoa(pageSize)}, {"offset", strconv.Itoa(offset)}},
		nonEmpty(param{"name", f.Name}, param{"status", f.Status}, param{"tags", tagQuery(f.Tags)})...)
	err := c.do(ctx, call{op: op, method: http.MethodGet, path: poolsPath, query: q}, &out)
	return out.Pools, int64(out.Count), err
}

// ListPools returns every pool matching f, paging through the list.
func (c *Client) ListPools(ctx context.Context, f PoolFilter) ([]Pool, error) {
	var all []Pool
	for offset := 0; ; {
		page, count, err := c.listPoolsPage(ctx, "list elastic resource pools", f, offset)
		if err != nil {
			return nil, err
		}
		for _, w := range page {
			all = append(all, w.domain())
		}
		offset += len(page)
		if len(page) < pageSize || (count > 0 && int64(offset) >= count) {
			return all, nil
		}
	}
}

// GetPool returns the pool with this name. There is no GET-one for pools: the
// list is filtered by name (a fuzzy match on the server) and the exact name
// is picked, ignoring case since the service stores names lower-case. One
// request normally; more only when the fuzzy match fills a whole page.
func (c *Client) GetPool(ctx context.Context, name string) (*Pool, error) {
	op := "read elastic resource pool " + name
	for offset := 0; ; {
		page, count, err := c.listPoolsPage(ctx, op, PoolFilter{Name: name}, offset)
		if err != nil {
			return nil, err
		}
		for _, w := range page {
			if strings.EqualFold(w.Name, name) {
				p := w.domain()
				return &p, nil
			}
		}
		offset += len(page)
		if len(page) < pageSize || (count > 0 && int64(offset) >= count) {
			return nil, c.notFound(op, "elastic resource pool "+name+" does not exist")
		}
	}
}

// notFound builds the NotFound error of a lookup that found nothing.
func (c *Client) notFound(op, message string) *APIError {
	return &APIError{Op: op, Message: message, Kind: KindNotFound, HTTPStatus: http.StatusOK}
}

// UpdatePool changes the description and/or CU range. The pool goes SCALING.
func (c *Client) UpdatePool(ctx context.Context, name string, in UpdatePoolInput) error {
	body := struct {
		Description *string `json:"description,omitempty"`
		MaxCU       *int64  `json:"max_cu,omitempty"`
		MinCU       *int64  `json:"min_cu,omitempty"`
	}{in.Description, in.MaxCU, in.MinCU}
	return c.do(ctx, call{
		op: "update elastic resource pool " + name, method: http.MethodPut, path: poolsPath + "/{elastic_resource_pool_name}",
		params: []param{{"elastic_resource_pool_name", name}}, body: &body,
	}, nil)
}

// DeletePool starts the deletion of a pool.
func (c *Client) DeletePool(ctx context.Context, name string) error {
	return c.do(ctx, call{
		op: "delete elastic resource pool " + name, method: http.MethodDelete, path: poolsPath + "/{elastic_resource_pool_name}",
		params: []param{{"elastic_resource_pool_name", name}}, delete: true,
	}, nil)
}

// ScalingPolicy is one time-window CU range of a queue inside a pool.
type ScalingPolicy struct {
	Priority         int64
	ImpactStartTime  string // HH:MM
	ImpactStopTime   string // HH:MM
	MinCU            int64
	MaxCU            int64
	InheritPoolMaxCU bool
}

// PoolQueue is a queue as the pool's queue list reports it.
type PoolQueue struct {
	Name                string
	Type                string
	Engine              string
	Owner               string
	EnterpriseProjectID string
	CreateTime          int64
	ScalingPolicies     []ScalingPolicy
}

type wireScalingPolicy struct {
	Priority         flexInt64 `json:"priority"`
	ImpactStartTime  string    `json:"impact_start_time"`
	ImpactStopTime   string    `json:"impact_stop_time"`
	MinCU            flexInt64 `json:"min_cu"`
	MaxCU            flexInt64 `json:"max_cu"`
	InheritPoolMaxCU bool      `json:"inherit_elastic_resource_pool_max_cu"`
}

// ListPoolQueues returns every queue of a pool with its scaling policies.
func (c *Client) ListPoolQueues(ctx context.Context, pool string) ([]PoolQueue, error) {
	return c.listPoolQueues(ctx, "list queues of elastic resource pool "+pool, pool, "")
}

// FindPoolQueue returns one queue of a pool with its scaling policies. The
// list's queue_name filter is a fuzzy match, so the exact name is picked from
// its answer; a queue that is not in the pool is a NotFound error.
func (c *Client) FindPoolQueue(ctx context.Context, pool, queue string) (*PoolQueue, error) {
	op := "find queue " + queue + " in elastic resource pool " + pool
	qs, err := c.listPoolQueues(ctx, op, pool, queue)
	if err != nil {
		return nil, err
	}
	for i := range qs {
		if strings.EqualFold(qs[i].Name, queue) {
			return &qs[i], nil
		}
	}
	return nil, c.notFound(op, "queue "+queue+" is not in elastic resource pool "+pool)
}

// listPoolQueues pages through a pool's queue list, filtered by queue name
// when queueName is set.
func (c *Client) listPoolQueues(ctx context.Context, op, pool, queueName string) ([]PoolQueue, error) {
	var all []PoolQueue
	for offset := 0; ; {
		var out struct {
			envelope
			Count  flexInt64 `json:"count"`
			Queues []struct {
				Name                string              `json:"queue_name"`
				Type                string              `json:"queue_type"`
				Engine              string              `json:"engine"`
				Owner               string              `json:"owner"`
				EnterpriseProjectID string              `json:"enterprise_project_id"`
				CreateTime          flexInt64           `json:"create_time"`
				Policies            []wireScalingPolicy `json:"queue_scaling_policies"`
			} `json:"queues"`
		}
		query := []param{{"limit", strconv.Itoa(pageSize)}, {"offset", strconv.Itoa(offset)}}
		if queueName != "" {
			query = append(query, param{"queue_name", queueName})
		}
		err := c.do(ctx, call{
			op: op, method: http.MethodGet, path: poolsPath + "/{elastic_resource_pool_name}/queues",
			params: []param{{"elastic_resource_pool_name", pool}}, query: query,
		}, &out)
		if err != nil {
			return nil, err
		}
		for _, q := range out.Queues {
			pq := PoolQueue{Name: q.Name, Type: q.Type, Engine: q.Engine, Owner: q.Owner,
				EnterpriseProjectID: q.EnterpriseProjectID, CreateTime: int64(q.CreateTime)}
			for _, p := range q.Policies {
				pq.ScalingPolicies = append(pq.ScalingPolicies, ScalingPolicy{
					Priority: int64(p.Priority), ImpactStartTime: p.ImpactStartTime, ImpactStopTime: p.ImpactStopTime,
					MinCU: int64(p.MinCU), MaxCU: int64(p.MaxCU), InheritPoolMaxCU: p.InheritPoolMaxCU,
				})
			}
			all = append(all, pq)
		}
		offset += len(out.Queues)
		if len(out.Queues) < pageSize || (out.Count > 0 && int64(offset) >= int64(out.Count)) {
			return all, nil
		}
	}
}

// UpdateQueueScalingPolicies replaces the scaling policies of a queue in a pool.
func (c *Client) UpdateQueueScalingPolicies(ctx context.Context, pool, queue string, p []ScalingPolicy) error {
	type policy struct {
		Priority         int64  `json:"priority"`
		ImpactStartTime  string `json:"impact_start_time"`
		ImpactStopTime   string `json:"impact_stop_time"`
		MinCU            int64  `json:"min_cu"`
		MaxCU            int64  `json:"max_cu"`
		InheritPoolMaxCU bool   `json:"inherit_elastic_resource_pool_max_cu"`
	}
	body := struct {
		Policies []policy `json:"queue_scaling_policies"`
	}{Policies: make([]policy, 0, len(p))}
	for _, s := range p {
		body.Policies = append(body.Policies, policy(s))
	}
	return c.do(ctx, call{
		op:     "update scaling policies of queue " + queue + " in elastic resource pool " + pool,
		method: http.MethodPut, path: poolsPath + "/{elastic_resource_pool_name}/queues/{queue_name}",
		params: []param{{"elastic_resource_pool_name", pool}, {"queue_name", queue}}, body: &body,
	}, nil)
}
