package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
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
	cl := call{op: "create elastic resource pool " + in.Name, method: http.MethodPost, path: poolsPath, unsafe: true, create: true}
	maxCU, err := int32Of(cl.op, "max_cu", in.MaxCU)
	if err != nil {
		return err
	}
	minCU, err := int32Of(cl.op, "min_cu", in.MinCU)
	if err != nil {
		return err
	}
	payPerUse := int32(1)
	req := &model.CreateElasticResourcePoolRequest{Body: &model.CreateElasticResourcePoolRequestBody{
		ElasticResourcePoolName: in.Name,
		Description:             optString(in.Description),
		CidrInVpc:               optString(in.CIDRInVPC),
		ChargingMode:            &payPerUse,
		MaxCu:                   maxCU,
		MinCu:                   minCU,
		EnterpriseProjectId:     optString(c.EnterpriseProjectOr(in.EnterpriseProjectID)),
		Tags:                    sdkTags(in.Tags),
		Label:                   in.Label,
	}}
	send := func(ctx context.Context) error {
		_, err := sdkCall(ctx, c, cl, func() *dli.CreateElasticResourcePoolInvoker {
			return c.dli.CreateElasticResourcePoolInvoker(req)
		})
		return err
	}
	_, err = c.createSafely(ctx, cl, send, "elastic resource pool "+in.Name, c.lookupPool(in))
	return err
}

// listPoolsPage fetches one page of the pool list.
func (c *Client) listPoolsPage(ctx context.Context, op string, f PoolFilter, offset int) ([]wirePool, int64, error) {
	f.Name = storedName(f.Name)
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

// storedName is the spelling DLI stores a pool or queue name in: it lowers
// the names it is given, so a path segment or name filter in the user's
// spelling (MyPool) may miss the object (mypool). Every pool and queue name
// in a path or filter goes through it. Connection names keep their case.
func storedName(name string) string { return strings.ToLower(name) }

// notFound builds the NotFound error of a lookup that found nothing.
func (c *Client) notFound(op, message string) *APIError {
	return &APIError{Op: op, Message: message, Kind: KindNotFound, HTTPStatus: http.StatusOK}
}

// UpdatePool changes the description and/or CU range. The pool goes SCALING
// when the CU range changes. Callers send max_cu and min_cu together, as the
// incumbent provider does on every update.
func (c *Client) UpdatePool(ctx context.Context, name string, in UpdatePoolInput) error {
	name = storedName(name)
	cl := call{op: "update elastic resource pool " + name, method: http.MethodPut, path: poolsPath + "/{elastic_resource_pool_name}"}
	body := &model.UpdateElasticResourcePoolRequestBody{Description: in.Description}
	for _, f := range []struct {
		name string
		in   *int64
		out  **int32
	}{{"max_cu", in.MaxCU, &body.MaxCu}, {"min_cu", in.MinCU, &body.MinCu}} {
		if f.in == nil {
			continue
		}
		v, err := int32Of(cl.op, f.name, *f.in)
		if err != nil {
			return err
		}
		*f.out = &v
	}
	req := &model.UpdateElasticResourcePoolRequest{ElasticResourcePoolName: name, Body: body}
	_, err := sdkCall(ctx, c, cl, func() *dli.UpdateElasticResourcePoolInvoker {
		return c.dli.UpdateElasticResourcePoolInvoker(req)
	})
	return c.settleUpdatePool(ctx, name, in, err)
}

// settleUpdatePool decides an update whose retry was refused because the
// pool is busy. The update is retried after a server error, but an attempt
// that failed that way may have been applied, and an applied update puts the
// pool in SCALING, where DLI refuses the retry. So after such a refusal the
// pool is read again: SCALING or the requested values mean the update took
// effect, and it succeeded.
func (c *Client) settleUpdatePool(ctx context.Context, name string, in UpdatePoolInput, err error) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.afterUncertain || !RefusedForNow(apiErr) {
		return err
	}
	p, gerr := c.GetPool(ctx, name)
	if gerr != nil {
		return fmt.Errorf("%w; reading the pool to learn whether an earlier attempt took effect failed too: %v", err, gerr)
	}
	if StatusIs(p.Status, PoolStatusScaling) || poolShows(p, in) {
		tflog.Debug(ctx, "DLI pool update was refused after an attempt without a usable answer, but the pool shows the update; taking it as applied",
			map[string]any{"op": apiErr.Op, "reason": apiErr.Error(), "status": p.Status})
		return nil
	}
	return err
}

// poolShows reports whether the pool has every value the update asks for.
func poolShows(p *Pool, in UpdatePoolInput) bool {
	return (in.MaxCU == nil || p.MaxCU == *in.MaxCU) &&
		(in.MinCU == nil || p.MinCU == *in.MinCU) &&
		(in.Description == nil || p.Description == *in.Description)
}

// DeletePool starts the deletion of a pool.
func (c *Client) DeletePool(ctx context.Context, name string) error {
	name = storedName(name)
	cl := call{op: "delete elastic resource pool " + name, method: http.MethodDelete, path: poolsPath + "/{elastic_resource_pool_name}", delete: true}
	req := &model.DeleteElasticResourcePoolRequest{ElasticResourcePoolName: name}
	_, err := sdkCall(ctx, c, cl, func() *dli.DeleteElasticResourcePoolInvoker {
		return c.dli.DeleteElasticResourcePoolInvoker(req)
	})
	return err
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
	pool, queueName = storedName(pool), storedName(queueName)
	cl := call{op: op, method: http.MethodGet, path: poolsPath + "/{elastic_resource_pool_name}/queues"}
	var all []PoolQueue
	limit := int32(pageSize)
	for offset := int32(0); ; {
		req := &model.ListElasticResourcePoolQueuesRequest{
			ElasticResourcePoolName: pool, Limit: &limit, Offset: &offset, QueueName: optString(queueName),
		}
		out, err := sdkCall(ctx, c, cl, func() *dli.ListElasticResourcePoolQueuesInvoker {
			return c.dli.ListElasticResourcePoolQueuesInvoker(req)
		})
		if err != nil {
			return nil, err
		}
		var page []model.ElasticResourcePoolQueue
		if out.Queues != nil {
			page = *out.Queues
		}
		for _, q := range page {
			all = append(all, poolQueue(q))
		}
		offset += int32(len(page))
		if len(page) < pageSize || (i64(out.Count) > 0 && int64(offset) >= i64(out.Count)) {
			return all, nil
		}
	}
}

// poolQueue maps one item of the pool's queue list.
func poolQueue(q model.ElasticResourcePoolQueue) PoolQueue {
	pq := PoolQueue{Name: str(q.QueueName), Type: str(q.QueueType), Engine: str(q.Engine), Owner: str(q.Owner),
		EnterpriseProjectID: str(q.EnterpriseProjectId), CreateTime: i64(q.CreateTime)}
	if q.QueueScalingPolicies != nil {
		for _, p := range *q.QueueScalingPolicies {
			pq.ScalingPolicies = append(pq.ScalingPolicies, ScalingPolicy{
				Priority: int64(p.Priority), ImpactStartTime: p.ImpactStartTime, ImpactStopTime: p.ImpactStopTime,
				MinCU: int64(p.MinCu), MaxCU: int64(p.MaxCu), InheritPoolMaxCU: flag(p.InheritElasticResourcePoolMaxCu),
			})
		}
	}
	return pq
}

// UpdateQueueScalingPolicies replaces the scaling policies of a queue in a pool.
func (c *Client) UpdateQueueScalingPolicies(ctx context.Context, pool, queue string, p []ScalingPolicy) error {
	pool, queue = storedName(pool), storedName(queue)
	cl := call{
		op:     "update scaling policies of queue " + queue + " in elastic resource pool " + pool,
		method: http.MethodPut, path: poolsPath + "/{elastic_resource_pool_name}/queues/{queue_name}",
	}
	policies := make([]model.QueueScalingPolicy, 0, len(p))
	for _, s := range p {
		var nums [3]int32
		for i, f := range []struct {
			name string
			v    int64
		}{{"priority", s.Priority}, {"min_cu", s.MinCU}, {"max_cu", s.MaxCU}} {
			n, err := int32Of(cl.op, f.name, f.v)
			if err != nil {
				return err
			}
			nums[i] = n
		}
		inherit := s.InheritPoolMaxCU
		policies = append(policies, model.QueueScalingPolicy{
			Priority: nums[0], ImpactStartTime: s.ImpactStartTime, ImpactStopTime: s.ImpactStopTime,
			MinCu: nums[1], MaxCu: nums[2], InheritElasticResourcePoolMaxCu: &inherit,
		})
	}
	req := &model.UpdateElasticResourcePoolQueueRequest{
		ElasticResourcePoolName: pool, QueueName: queue,
		Body: &model.UpdateElasticResourcePoolQueueRequestBody{QueueScalingPolicies: policies},
	}
	_, err := sdkCall(ctx, c, cl, func() *dli.UpdateElasticResourcePoolQueueInvoker {
		return c.dli.UpdateElasticResourcePoolQueueInvoker(req)
	})
	return err
}
