package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

const queuesPath = "/v1.0/{project_id}/queues"

// CreateQueue starts the creation of a queue.
func (c *Client) CreateQueue(ctx context.Context, in CreateQueueInput) error {
	body := struct {
		Name                string    `json:"queue_name"`
		Type                string    `json:"queue_type,omitempty"`
		Description         string    `json:"description,omitempty"`
		CUCount             int64     `json:"cu_count"`
		EnterpriseProjectID string    `json:"enterprise_project_id,omitempty"`
		Platform            string    `json:"platform,omitempty"`
		ResourceMode        *int64    `json:"resource_mode,omitempty"`
		Labels              []string  `json:"labels,omitempty"`
		Feature             string    `json:"feature,omitempty"`
		Engine              string    `json:"engine,omitempty"`
		Tags                []wireTag `json:"tags,omitempty"`
		PoolName            string    `json:"elastic_resource_pool_name,omitempty"`
	}{in.Name, in.Type, in.Description, in.CUCount, in.EnterpriseProjectID, in.Platform, in.ResourceMode,
		in.Labels, in.Feature, in.Engine, toWireTags(in.Tags), in.PoolName}
	_, err := c.createSafely(ctx, call{
		op: "create queue " + in.Name, method: http.MethodPost, path: queuesPath,
		body: &body, unsafe: true, create: true,
	}, nil, "queue "+in.Name, c.lookupQueue(in))
	return err
}

// GetQueue reads one queue. The answer mixes camelCase and snake_case keys
// and lacks platform, feature, labels, engine and cidr_in_vpc (see FindQueueListItem).
func (c *Client) GetQueue(ctx context.Context, name string) (*Queue, error) {
	var out struct {
		envelope
		QueueID             flexInt64 `json:"queue_id"`
		Name                string    `json:"queueName"`
		Description         string    `json:"description"`
		Owner               string    `json:"owner"`
		CreateTime          flexInt64 `json:"create_time"`
		Type                string    `json:"queueType"`
		CUCount             flexInt64 `json:"cuCount"`
		ChargingMode        flexInt64 `json:"chargingMode"`
		ResourceID          string    `json:"resource_id"`
		ResourceMode        flexInt64 `json:"resource_mode"`
		EnterpriseProjectID string    `json:"enterprise_project_id"`
		ResourceType        string    `json:"resource_type"`
		CUSpec              flexInt64 `json:"cu_spec"`
		CUScaleOutLimit     flexInt64 `json:"cu_scale_out_limit"`
		CUScaleInLimit      flexInt64 `json:"cu_scale_in_limit"`
		PoolName            string    `json:"elastic_resource_pool_name"`
	}
	err := c.do(ctx, call{
		op: "read queue " + name, method: http.MethodGet, path: queuesPath + "/{queue_name}",
		params: []param{{"queue_name", name}},
	}, &out)
	if err != nil {
		return nil, err
	}
	return &Queue{
		Name: out.Name, QueueID: int64(out.QueueID), ResourceID: out.ResourceID, Type: out.Type,
		Description: out.Description, Owner: out.Owner, CUCount: int64(out.CUCount),
		ChargingMode: int64(out.ChargingMode), ResourceMode: int64(out.ResourceMode),
		ResourceType: out.ResourceType, EnterpriseProjectID: out.EnterpriseProjectID, PoolName: out.PoolName,
		CUSpec: int64(out.CUSpec), CUScaleOutLimit: int64(out.CUScaleOutLimit), CUScaleInLimit: int64(out.CUScaleInLimit),
		CreateTime: int64(out.CreateTime),
	}, nil
}

type wireQueue struct {
	QueueID             flexInt64   `json:"queue_id"`
	Name                string      `json:"queue_name"`
	Description         string      `json:"description"`
	Owner               string      `json:"owner"`
	Engine              string      `json:"engine"`
	CreateTime          flexInt64   `json:"create_time"`
	Type                string      `json:"queue_type"`
	CUCount             flexInt64   `json:"cu_count"`
	ChargingMode        flexInt64   `json:"charging_mode"`
	ResourceID          string      `json:"resource_id"`
	EnterpriseProjectID string      `json:"enterprise_project_id"`
	CIDRInVPC           string      `json:"cidr_in_vpc"`
	ResourceMode        flexInt64   `json:"resource_mode"`
	Platform            string      `json:"platform"`
	Labels              flexStrings `json:"labels"`
	Feature             string      `json:"feature"`
	ResourceType        string      `json:"queue_resource_type"`
	CUSpec              flexInt64   `json:"cu_spec"`
	CUScaleOutLimit     flexInt64   `json:"cu_scale_out_limit"`
	CUScaleInLimit      flexInt64   `json:"cu_scale_in_limit"`
	PoolName            string      `json:"elastic_resource_pool_name"`
}

func (w wireQueue) domain() Queue {
	return Queue{
		Name: w.Name, QueueID: int64(w.QueueID), ResourceID: w.ResourceID, Type: w.Type,
		Description: w.Description, Owner: w.Owner, CUCount: int64(w.CUCount),
		ChargingMode: int64(w.ChargingMode), ResourceMode: int64(w.ResourceMode), ResourceType: w.ResourceType,
		EnterpriseProjectID: w.EnterpriseProjectID, PoolName: w.PoolName, CUSpec: int64(w.CUSpec),
		CUScaleOutLimit: int64(w.CUScaleOutLimit), CUScaleInLimit: int64(w.CUScaleInLimit),
		CreateTime: int64(w.CreateTime), Platform: w.Platform, Feature: w.Feature, Engine: w.Engine,
		Labels: []string(w.Labels), CIDRInVPC: w.CIDRInVPC,
	}
}

// ListQueues lists queues. The list is not paged: without page-size and
// current-page the service returns every queue in one answer, so the client
// sends neither.
func (c *Client) ListQueues(ctx context.Context, f QueueFilter) ([]Queue, error) {
	return c.listQueues(ctx, "list queues", f)
}

func (c *Client) listQueues(ctx context.Context, op string, f QueueFilter) ([]Queue, error) {
	var out struct {
		envelope
		Queues []wireQueue `json:"queues"`
	}
	err := c.do(ctx, call{
		op: op, method: http.MethodGet, path: queuesPath,
		query: nonEmpty(param{"queue_type", f.Type}, param{"tags", tagQuery(f.Tags)}),
	}, &out)
	if err != nil {
		return nil, err
	}
	qs := make([]Queue, 0, len(out.Queues))
	for _, w := range out.Queues {
		qs = append(qs, w.domain())
	}
	return qs, nil
}

// FindQueueListItem returns the list entry of one queue (any type), which
// carries what GetQueue lacks: platform, feature, labels, engine, cidr_in_vpc.
func (c *Client) FindQueueListItem(ctx context.Context, name string) (*Queue, error) {
	op := "find queue " + name
	qs, err := c.listQueues(ctx, op, QueueFilter{Type: "all"})
	if err != nil {
		return nil, err
	}
	for i := range qs {
		if strings.EqualFold(qs[i].Name, name) {
			return &qs[i], nil
		}
	}
	return nil, c.notFound(op, "queue "+name+" does not exist")
}

// ScaleQueue changes a queue's CUs by delta (positive: scale out, negative:
// scale in). It is asynchronous: poll GetQueue until CUCount reaches the target.
// The action is never re-sent after an uncertain failure since a second
// delta would scale twice.
func (c *Client) ScaleQueue(ctx context.Context, name string, delta int64) error {
	if delta == 0 {
		return nil
	}
	action := "scale_out"
	if delta < 0 {
		action, delta = "scale_in", -delta
	}
	body := struct {
		Action  string `json:"action"`
		CUCount int64  `json:"cu_count"`
	}{action, delta}
	return c.do(ctx, call{
		op:     fmt.Sprintf("%s queue %s by %d CU", strings.ReplaceAll(action, "_", " "), name, delta),
		method: http.MethodPut, path: queuesPath + "/{queue_name}/action",
		params: []param{{"queue_name", name}}, body: &body, unsafe: true,
	}, nil)
}

// DeleteQueue deletes a queue.
func (c *Client) DeleteQueue(ctx context.Context, name string) error {
	return c.do(ctx, call{
		op: "delete queue " + name, method: http.MethodDelete, path: queuesPath + "/{queue_name}",
		params: []param{{"queue_name", name}}, delete: true,
	}, nil)
}

const queuePropertiesPath = "/v3/{project_id}/queues/{queue_name}/properties"

// GetQueueProperties returns the queue's properties as strings.
func (c *Client) GetQueueProperties(ctx context.Context, name string) (map[string]string, error) {
	props := map[string]string{}
	for offset := 0; ; {
		var out struct {
			envelope
			Count      flexInt64 `json:"count"`
			Properties []struct {
				Key   string          `json:"key"`
				Value json.RawMessage `json:"value"`
			} `json:"properties"`
		}
		err := c.do(ctx, call{
			op: "read properties of queue " + name, method: http.MethodGet, path: queuePropertiesPath,
			params: []param{{"queue_name", name}},
			query:  []param{{"limit", strconv.Itoa(pageSize)}, {"offset", strconv.Itoa(offset)}},
		}, &out)
		if err != nil {
			return nil, err
		}
		for _, p := range out.Properties {
			props[p.Key] = rawToString(p.Value)
		}
		offset += len(out.Properties)
		if len(out.Properties) < pageSize || (out.Count > 0 && int64(offset) >= int64(out.Count)) {
			return props, nil
		}
	}
}

// rawToString renders a JSON scalar as text: strings unquoted, numbers as written.
func rawToString(raw json.RawMessage) string {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

// propertyBody sends integer-looking values as JSON numbers (the API types
// computeEngine.maxInstance and friends as integers) and the rest as strings.
func propertyBody(props map[string]string) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			out[k] = n
		} else {
			out[k] = v
		}
	}
	return out
}

// SetQueueProperties sets the given properties with PUT, which creates or
// overwrites each key it names (assumed; the POST variant only differs for
// keys that do not exist yet) and leaves other keys alone.
func (c *Client) SetQueueProperties(ctx context.Context, name string, props map[string]string) error {
	if len(props) == 0 {
		return nil
	}
	body := struct {
		Properties map[string]any `json:"properties"`
	}{propertyBody(props)}
	return c.do(ctx, call{
		op: "set properties of queue " + name, method: http.MethodPut, path: queuePropertiesPath,
		params: []param{{"queue_name", name}}, body: &body,
	}, nil)
}

// DeleteQueueProperties resets the named properties to their defaults.
func (c *Client) DeleteQueueProperties(ctx context.Context, name string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	body := struct {
		Keys []string `json:"keys"`
	}{sorted}
	return c.do(ctx, call{
		op: "delete properties of queue " + name, method: http.MethodDelete, path: queuePropertiesPath,
		params: []param{{"queue_name", name}}, body: &body,
	}, nil)
}
