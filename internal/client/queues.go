package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

const queuesPath = "/v1.0/{project_id}/queues"

// CreateQueue starts the creation of a queue.
func (c *Client) CreateQueue(ctx context.Context, in CreateQueueInput) error {
	cl := call{op: "create queue " + in.Name, method: http.MethodPost, path: queuesPath, unsafe: true, create: true}
	cu, err := int32Of(cl.op, "cu_count", in.CUCount)
	if err != nil {
		return err
	}
	body := &model.CreateQueueRequestBody{
		QueueName:               in.Name,
		QueueType:               optString(in.Type),
		Description:             optString(in.Description),
		CuCount:                 cu,
		EnterpriseProjectId:     optString(c.EnterpriseProjectOr(in.EnterpriseProjectID)),
		Platform:                optString(in.Platform),
		Feature:                 optString(in.Feature),
		Engine:                  optString(in.Engine),
		Tags:                    sdkTags(in.Tags),
		ElasticResourcePoolName: optString(in.PoolName),
	}
	if in.ResourceMode != nil {
		mode, err := int32Of(cl.op, "resource_mode", *in.ResourceMode)
		if err != nil {
			return err
		}
		body.ResourceMode = &mode
	}
	if len(in.Labels) > 0 {
		labels := make([]any, 0, len(in.Labels))
		for _, l := range in.Labels {
			labels = append(labels, l)
		}
		body.Labels = &labels
	}
	req := &model.CreateQueueRequest{Body: body}
	send := func(ctx context.Context) error {
		_, err := sdkCall(ctx, c, cl, func() *dli.CreateQueueInvoker { return c.dli.CreateQueueInvoker(req) })
		return err
	}
	_, err = c.createSafely(ctx, cl, send, "queue "+in.Name, c.lookupQueue(in))
	return err
}

// GetQueue reads one queue. The answer mixes camelCase and snake_case keys
// and lacks platform, feature, labels, engine and cidr_in_vpc (see FindQueueListItem).
func (c *Client) GetQueue(ctx context.Context, name string) (*Queue, error) {
	name = storedName(name)
	cl := call{op: "read queue " + name, method: http.MethodGet, path: queuesPath + "/{queue_name}"}
	req := &model.ShowQueueRequest{QueueName: name}
	out, err := sdkCall(ctx, c, cl, func() *dli.ShowQueueInvoker { return c.dli.ShowQueueInvoker(req) })
	if err != nil {
		return nil, err
	}
	return &Queue{
		Name: str(out.QueueName), QueueID: i64(out.QueueId), ResourceID: str(out.ResourceId), Type: str(out.QueueType),
		Description: str(out.Description), Owner: str(out.Owner), CUCount: i64(out.CuCount),
		ChargingMode: i64(out.ChargingMode), ResourceMode: i64(out.ResourceMode),
		ResourceType: str(out.ResourceType), EnterpriseProjectID: str(out.EnterpriseProjectId), PoolName: str(out.ElasticResourcePoolName),
		CUSpec: i64(out.CuSpec), CUScaleOutLimit: i64(out.CuScaleOutLimit), CUScaleInLimit: i64(out.CuScaleInLimit),
		CreateTime: i64(out.CreateTime),
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
	Labels              queueLabels `json:"labels"`
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
		Labels: w.Labels.list, CIDRInVPC: w.CIDRInVPC,
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
		// Items are decoded one by one (decodeQueueItem): the list is shared
		// by every queue create, so one odd item must not fail it.
		Queues []json.RawMessage `json:"queues"`
	}
	err := c.do(ctx, call{
		op: op, method: http.MethodGet, path: queuesPath,
		query: nonEmpty(param{"queue_type", f.Type}, param{"tags", tagQuery(f.Tags)}),
	}, &out)
	if err != nil {
		return nil, err
	}
	qs := make([]Queue, 0, len(out.Queues))
	for _, raw := range out.Queues {
		if q, ok := decodeQueueItem(ctx, raw); ok {
			qs = append(qs, q)
		}
	}
	return qs, nil
}

// decodeQueueItem reads one entry of the queue list leniently: what cannot be
// read is logged at DEBUG and left empty (labels: none). An entry that is not
// a JSON object is skipped.
func decodeQueueItem(ctx context.Context, raw json.RawMessage) (Queue, bool) {
	var w wireQueue
	unread, ok := decodeItem(raw, &w)
	if !ok {
		tflog.Debug(ctx, "DLI queue list entry is not an object; skipping it", map[string]any{"entry": clip(raw)})
		return Queue{}, false
	}
	if len(unread) > 0 {
		tflog.Debug(ctx, "DLI queue list entry has fields in an unexpected shape; leaving them empty",
			map[string]any{"queue": w.Name, "fields": unread, "entry": clip(raw)})
	}
	if w.Labels.unread != "" {
		tflog.Debug(ctx, "DLI queue labels are in an unexpected shape; reading what could be read",
			map[string]any{"queue": w.Name, "labels": clip([]byte(w.Labels.unread)), "read": w.Labels.list})
	}
	return w.domain(), true
}

// clip shortens raw JSON for a log line.
func clip(raw []byte) string {
	const limit = 512
	if len(raw) > limit {
		return string(raw[:limit]) + "..."
	}
	return string(raw)
}

// FindQueueListItem returns the list entry of one queue (any type), which
// carries what GetQueue lacks: platform, feature, labels, engine, cidr_in_vpc.
func (c *Client) FindQueueListItem(ctx context.Context, name string) (*Queue, error) {
	op := "find queue " + name
	// Concurrent calls (many queues created at once) share list requests.
	qs, err := c.allQueues.get(ctx, func(ctx context.Context) ([]Queue, error) {
		return c.listQueues(ctx, "list queues of every type", QueueFilter{Type: "all"})
	})
	if err != nil {
		return nil, err
	}
	for i := range qs {
		if strings.EqualFold(qs[i].Name, name) {
			q := qs[i] // a copy: the list is shared with other callers
			return &q, nil
		}
	}
	return nil, c.notFound(op, "queue "+name+" does not exist")
}

// ScaleQueue changes a queue's CUs by delta (positive: scale out, negative:
// scale in). It is asynchronous: poll GetQueue until CUCount reaches the target.
//
// A delta must never be applied twice, so an attempt whose answer is lost is
// settled by reading the queue: the user guide ("Elastic Scaling of Queues")
// has an accepted scale show at once in the queue's specification (cu_spec)
// while the actual CUs follow, so a size that moved since the read made just
// before sending means the scale took effect; an unchanged one means it did
// not, and it is sent again.
func (c *Client) ScaleQueue(ctx context.Context, name string, delta int64) error {
	name = storedName(name)
	if delta == 0 {
		return nil
	}
	action := "scale_out"
	if delta < 0 {
		action, delta = "scale_in", -delta
	}
	cl := call{
		op:     fmt.Sprintf("%s queue %s by %d CU", strings.ReplaceAll(action, "_", " "), name, delta),
		method: http.MethodPut, path: queuesPath + "/{queue_name}/action", unsafe: true,
	}
	cu, err := int32Of(cl.op, "cu_count", delta)
	if err != nil {
		return err
	}
	before, err := c.GetQueue(ctx, name)
	if err != nil {
		return fmt.Errorf("%s: reading the queue's size before scaling it: %w", cl.op, err)
	}
	cl.settle = func(ctx context.Context) (bool, error) {
		now, err := c.GetQueue(ctx, name)
		if err != nil {
			return false, err
		}
		return now.CUSpec != before.CUSpec || now.CUCount != before.CUCount, nil
	}
	req := &model.RunQueueActionRequest{QueueName: name, Body: &model.RunQueueActionRequestBody{Action: action, CuCount: &cu}}
	_, err = sdkCall(ctx, c, cl, func() *dli.RunQueueActionInvoker { return c.dli.RunQueueActionInvoker(req) })
	return err
}

// DeleteQueue deletes a queue.
func (c *Client) DeleteQueue(ctx context.Context, name string) error {
	name = storedName(name)
	cl := call{op: "delete queue " + name, method: http.MethodDelete, path: queuesPath + "/{queue_name}", delete: true}
	req := &model.DeleteQueueRequest{QueueName: name}
	_, err := sdkCall(ctx, c, cl, func() *dli.DeleteQueueInvoker { return c.dli.DeleteQueueInvoker(req) })
	return err
}

const queuePropertiesPath = "/v3/{project_id}/queues/{queue_name}/properties"

// GetQueueProperties returns the queue's properties as strings.
func (c *Client) GetQueueProperties(ctx context.Context, name string) (map[string]string, error) {
	name = storedName(name)
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
	name = storedName(name)
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
	name = storedName(name)
	if len(keys) == 0 {
		return nil
	}
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	cl := call{op: "delete properties of queue " + name, method: http.MethodDelete, path: queuePropertiesPath}
	req := &model.DeleteQueuePropertyRequest{QueueName: name, Body: &model.DeleteQueuePropertyRequestBody{Keys: sorted}}
	_, err := sdkCall(ctx, c, cl, func() *dli.DeleteQueuePropertyInvoker { return c.dli.DeleteQueuePropertyInvoker(req) })
	return err
}
