package emulator

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// cuCount is what GET reports: 0 while creating, the old size while scaling.
func (q *queue) cuCount(now time.Time) int32 {
	if now.Before(q.ScaledAt) {
		return q.PrevCU
	}
	return q.CU
}

type createQueueBody struct {
	QueueName           *string        `json:"queue_name"`
	QueueType           *string        `json:"queue_type"`
	Description         string         `json:"description"`
	CuCount             *int32         `json:"cu_count"`
	ChargingMode        flexInt        `json:"charging_mode"`
	EnterpriseProjectID string         `json:"enterprise_project_id"`
	Platform            *string        `json:"platform"`
	ResourceMode        *int32         `json:"resource_mode"`
	Labels              []string       `json:"labels"`
	Feature             *string        `json:"feature"`
	Tags                []tag          `json:"tags"`
	Pool                *string        `json:"elastic_resource_pool_name"`
	Properties          map[string]any `json:"properties"`
	Engine              *string        `json:"engine"`
}

func enumOr(field string, v *string, def string, allowed ...string) (string, *apiError) {
	if v == nil {
		return def, nil
	}
	for _, a := range allowed {
		if *v == a {
			return a, nil
		}
	}
	return "", invalid("parameter %s=%q must be one of %s", field, *v, strings.Join(allowed, ", "))
}

func createQueue(e *Emulator, c *call) (int, any, *apiError) {
	var b createQueueBody
	if err := decode(c.body, &b); err != nil {
		return 0, nil, err
	}
	if b.QueueName == nil {
		return 0, nil, invalid("parameter queue_name is required")
	}
	if err := checkName("queue_name", *b.QueueName, 128); err != nil {
		return 0, nil, err
	}
	name := lower(*b.QueueName)
	if name == "default" {
		return 0, nil, invalid("parameter queue_name=%q is reserved for the system queue", name)
	}
	qtype, err := enumOr("queue_type", b.QueueType, "sql", "sql", "general")
	if err != nil {
		return 0, nil, err
	}
	platform, err := enumOr("platform", b.Platform, "x86_64", "x86_64", "aarch64")
	if err != nil {
		return 0, nil, err
	}
	feature, err := enumOr("feature", b.Feature, "basic", "basic", "ai")
	if err != nil {
		return 0, nil, err
	}
	engine := ""
	if qtype == "sql" {
		if engine, err = enumOr("engine", b.Engine, "spark", "spark", "hetuEngine"); err != nil {
			return 0, nil, err
		}
	} else if b.Engine != nil {
		return 0, nil, invalid("parameter engine=%q applies to sql queues only", *b.Engine)
	}
	mode := int32(1)
	if b.ResourceMode != nil {
		if *b.ResourceMode != 0 && *b.ResourceMode != 1 {
			return 0, nil, invalid("parameter resource_mode=%d must be 0 or 1", *b.ResourceMode)
		}
		mode = *b.ResourceMode
	}
	charging := int32(1)
	if b.ChargingMode.set {
		charging = b.ChargingMode.v
	}
	if charging != 1 && charging != 2 {
		return 0, nil, invalid("parameter charging_mode=%d must be 1 or 2", charging)
	}
	if err := checkLength("description", b.Description, maxQueueDescription); err != nil {
		return 0, nil, err
	}
	if err := checkTags(b.Tags); err != nil {
		return 0, nil, err
	}
	if b.CuCount == nil {
		return 0, nil, invalid("parameter cu_count is required")
	}
	cu := *b.CuCount
	poolName := ""
	if b.Pool != nil && *b.Pool != "" {
		poolName = lower(*b.Pool)
		p, found := e.st.Pools[poolName]
		if !found || !p.DeleteAt.IsZero() {
			return 0, nil, notFound("Elastic resource pool", poolName)
		}
		if s := p.status(c.now); s != poolAvailable {
			return 0, nil, unavailable("Elastic resource pool %s is %s", poolName, s)
		}
		minCU := int32(8)
		if qtype == "general" {
			minCU = 4
		}
		if cu < minCU || cu%4 != 0 || cu > p.MaxCU {
			return 0, nil, invalid("parameter cu_count=%d is invalid: a %s queue in pool %s takes a multiple of 4 from %d to %d", cu, qtype, poolName, minCU, p.MaxCU)
		}
		if sum := e.poolQueueCU(poolName) + cu; sum > p.MinCU {
			return 0, nil, invalid("parameter cu_count=%d is too large: pool %s has min_cu=%d and its queues would need %d", cu, poolName, p.MinCU, sum)
		}
	} else if cu != 16 && cu != 64 && cu != 256 {
		return 0, nil, invalid("parameter cu_count=%d is invalid: a standalone queue takes 16, 64 or 256", cu)
	}
	if _, exists := e.st.Queues[name]; exists {
		return 0, nil, duplicate("Queue", name)
	}
	e.st.NextQueueID++
	e.st.Queues[name] = &queue{
		Name: name, ID: e.st.NextQueueID, ResourceID: newUUID(), Type: qtype, Description: b.Description,
		PrevCU: 0, CU: cu, ChargingMode: charging, EnterpriseProjectID: b.EnterpriseProjectID,
		Platform: platform, ResourceMode: mode, Labels: b.Labels, Feature: feature, Tags: b.Tags,
		Pool: poolName, Engine: engine, CreateProperties: b.Properties, Properties: map[string]string{},
		CreatedAt: c.now, ScaledAt: c.now.Add(e.delays.QueueCreate),
	}
	if poolName != "" {
		e.st.Queues[name].ScalingPolicies = defaultScalingPolicies(cu)
	}
	return http.StatusOK, ok(map[string]any{"queue_name": name}), nil
}

func (e *Emulator) findQueue(raw string) (*queue, *apiError) {
	name := lower(raw)
	q, found := e.st.Queues[name]
	if !found {
		return nil, notFound("Queue", name)
	}
	return q, nil
}

func (e *Emulator) queueLimits(q *queue) (scaleOut, scaleIn int32) {
	if p, found := e.st.Pools[q.Pool]; found {
		if q.Type == "general" {
			return p.MaxCU, 4
		}
		return p.MaxCU, 8
	}
	return 32000, 16
}

func showQueue(e *Emulator, c *call) (int, any, *apiError) {
	q, err := e.findQueue(c.args[0])
	if err != nil {
		return 0, nil, err
	}
	out, in := e.queueLimits(q)
	body := ok(map[string]any{
		"queue_id": q.ID, "queueName": q.Name, "description": q.Description, "owner": "emulator",
		"create_time": ms(q.CreatedAt), "queueType": q.Type, "cuCount": q.cuCount(c.now),
		"chargingMode": q.ChargingMode, "resource_id": q.ResourceID, "resource_mode": q.ResourceMode,
		"enterprise_project_id": q.EnterpriseProjectID, "resource_type": "vm", "cu_spec": q.CU,
		"cu_scale_out_limit": out, "cu_scale_in_limit": in, "elastic_resource_pool_name": q.Pool,
	})
	if q.Type == "sql" {
		body["support_spark_versions"] = []string{"3.3.1"}
		body["default_spark_version"] = "3.3.1"
	}
	return http.StatusOK, body, nil
}

func (e *Emulator) queueItem(q *queue, now time.Time) map[string]any {
	out, in := e.queueLimits(q)
	cidr := "172.16.0.0/12"
	if p, found := e.st.Pools[q.Pool]; found {
		cidr = p.CIDR
	}
	item := map[string]any{
		"queue_id": q.ID, "queue_name": q.Name, "description": q.Description, "owner": "emulator",
		"create_time": ms(q.CreatedAt), "queue_type": q.Type, "cu_count": q.cuCount(now),
		"charging_mode": q.ChargingMode, "resource_id": q.ResourceID,
		"enterprise_project_id": q.EnterpriseProjectID, "cidr_in_vpc": cidr, "resource_mode": q.ResourceMode,
		"platform": q.Platform, "is_restarting": false, "labels": e.labelsAnswer(q),
		"feature": q.Feature, "queue_resource_type": "vm", "cu_spec": q.CU,
		"cu_scale_out_limit": out, "cu_scale_in_limit": in, "elastic_resource_pool_name": q.Pool,
	}
	if q.Engine != "" {
		item["engine"] = q.Engine
	}
	return item
}

func listQueues(e *Emulator, c *call) (int, any, *apiError) {
	qtype := c.query.Get("queue_type")
	if qtype == "" {
		qtype = "sql"
	}
	if qtype != "sql" && qtype != "general" && qtype != "all" {
		return 0, nil, invalid("query parameter queue_type=%q must be sql, general or all", qtype)
	}
	var items []map[string]any
	for _, name := range sortedKeys(e.st.Queues) {
		q := e.st.Queues[name]
		if qtype != "all" && q.Type != qtype {
			continue
		}
		if !e.matchTags(c.query.Get("tags"), q.Tags) {
			continue
		}
		items = append(items, e.queueItem(q, c.now))
	}
	from, to := 0, len(items)
	if c.query.Get("page-size") != "" {
		size, err := intParam(c, "page-size", 0)
		if err != nil {
			return 0, nil, err
		}
		pageNo, err := intParam(c, "current-page", 1)
		if err != nil {
			return 0, nil, err
		}
		if size > 0 {
			from, to = paginate(len(items), pageOffset(len(items), pageNo, size), size)
		}
	}
	page := append([]map[string]any{}, items[from:to]...)
	return http.StatusOK, ok(map[string]any{"queues": page, "count": len(items)}), nil
}

// connectionsUsing names the live connections that bind kind/name.
func (e *Emulator) connectionsUsing(kind, name string, now time.Time) []string {
	var out []string
	for _, cn := range e.st.Connections {
		if cn.deleted(now) {
			continue
		}
		for _, b := range cn.Bindings {
			if b.Kind == kind && b.Name == name {
				out = append(out, cn.Name)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

func deleteQueue(e *Emulator, c *call) (int, any, *apiError) {
	q, err := e.findQueue(c.args[0])
	if err != nil {
		return 0, nil, err
	}
	if !q.DeleteAt.IsZero() {
		return http.StatusOK, ok(nil), nil
	}
	if conns := e.connectionsUsing("queue", q.Name, c.now); len(conns) > 0 {
		return 0, nil, restricted("Queue %s is bound to enhanced connection %s; unbind it first", q.Name, strings.Join(conns, ", "))
	}
	q.DeleteAt = c.now.Add(e.delays.QueueDelete)
	return http.StatusOK, ok(nil), nil
}

func queueAction(e *Emulator, c *call) (int, any, *apiError) {
	q, err := e.findQueue(c.args[0])
	if err != nil {
		return 0, nil, err
	}
	var b struct {
		Action  *string `json:"action"`
		CuCount *int32  `json:"cu_count"`
		Force   bool    `json:"force"`
	}
	if err := decode(c.body, &b); err != nil {
		return 0, nil, err
	}
	if b.Action == nil {
		return 0, nil, invalid("parameter action is required")
	}
	if !q.DeleteAt.IsZero() {
		return 0, nil, unavailable("Queue %s is being deleted", q.Name)
	}
	resp := ok(map[string]any{"queue_name": q.Name, "result": true, "job_id": newUUID()})
	switch *b.Action {
	case "restart":
		return http.StatusOK, resp, nil
	case "scale_out", "scale_in":
	default:
		return 0, nil, invalid("parameter action=%q must be restart, scale_out or scale_in", *b.Action)
	}
	if b.CuCount == nil || *b.CuCount <= 0 || *b.CuCount%16 != 0 {
		return 0, nil, invalid("parameter cu_count=%s must be a positive multiple of 16 (the difference to apply)", optInt(b.CuCount))
	}
	if c.now.Before(q.ScaledAt) {
		return 0, nil, restricted("Queue %s is still being created or scaled", q.Name)
	}
	delta := *b.CuCount
	if *b.Action == "scale_in" {
		delta = -delta
	}
	target := q.CU + delta
	out, in := e.queueLimits(q)
	if target < in || target > out {
		return 0, nil, invalid("parameter cu_count=%d would take queue %s to %d CUs, outside %d-%d", *b.CuCount, q.Name, target, in, out)
	}
	if p, found := e.st.Pools[q.Pool]; found && delta > 0 {
		if sum := e.poolQueueCU(p.Name) + delta; sum > p.MinCU {
			return 0, nil, invalid("parameter cu_count=%d is too large: pool %s has min_cu=%d and its queues would need %d", *b.CuCount, p.Name, p.MinCU, sum)
		}
	}
	q.PrevCU, q.CU = q.CU, target
	q.ScaledAt = c.now.Add(e.delays.QueueScale)
	return http.StatusOK, resp, nil
}

func optInt(v *int32) string {
	if v == nil {
		return "(missing)"
	}
	return strconv.Itoa(int(*v))
}

// queuePropertyRules validates each known property; values may arrive as
// numbers or strings and are stored as strings.
var queuePropertyRules = map[string]func(string) bool{
	"computeEngine.maxInstance":         positiveInt,
	"computeEngine.maxInstances":        positiveInt,
	"job.maxConcurrent":                 func(v string) bool { n, err := strconv.Atoi(v); return err == nil && n >= 1 && n <= 32 },
	"computeEngine.maxPrefetchInstance": func(v string) bool { n, err := strconv.Atoi(v); return err == nil && n >= 0 },
	"computeEngine.spark.nativeEnabled": boolString,
	"job.saveJobResultToJobBucket":      boolString,
	"multipleSc.support":                boolString,
	"network.cidrInVpc":                 func(v string) bool { return checkCIDR("network.cidrInVpc", v) == nil },
}

func positiveInt(v string) bool { n, err := strconv.Atoi(v); return err == nil && n >= 1 }
func boolString(v string) bool  { return v == "true" || v == "false" }

func listQueueProperties(e *Emulator, c *call) (int, any, *apiError) {
	q, err := e.findQueue(c.args[0])
	if err != nil {
		return 0, nil, err
	}
	props := []map[string]string{}
	for _, k := range sortedKeys(q.Properties) {
		props = append(props, map[string]string{"key": k, "value": q.Properties[k]})
	}
	return http.StatusOK, ok(map[string]any{"properties": props}), nil
}

func setQueueProperties(e *Emulator, c *call) (int, any, *apiError) {
	q, err := e.findQueue(c.args[0])
	if err != nil {
		return 0, nil, err
	}
	var b struct {
		Properties map[string]any `json:"properties"`
	}
	if err := decode(c.body, &b); err != nil {
		return 0, nil, err
	}
	if len(b.Properties) == 0 {
		return 0, nil, invalid("parameter properties is required")
	}
	next := map[string]string{}
	for k, v := range q.Properties {
		next[k] = v
	}
	for _, k := range sortedKeys(b.Properties) {
		rule, known := queuePropertyRules[k]
		if !known {
			return 0, nil, invalid("parameter properties.%s is not a supported queue property", k)
		}
		var s string
		switch v := b.Properties[k].(type) {
		case string:
			s = v
		case float64:
			s = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			s = strconv.FormatBool(v)
		default:
			return 0, nil, invalid("parameter properties.%s has an unsupported type", k)
		}
		if !rule(s) {
			return 0, nil, invalid("parameter properties.%s=%q is invalid", k, s)
		}
		next[k] = s
	}
	if err := checkPrefetch(next); err != nil {
		return 0, nil, err
	}
	q.Properties = next
	return http.StatusOK, ok(nil), nil
}

// checkPrefetch keeps the prefetched instances within the maximum instances.
func checkPrefetch(p map[string]string) *apiError {
	pre, hasPre := p["computeEngine.maxPrefetchInstance"]
	maxI, hasMax := p["computeEngine.maxInstance"]
	if !hasPre || !hasMax {
		return nil
	}
	a, _ := strconv.Atoi(pre)
	b, _ := strconv.Atoi(maxI)
	if a > b {
		return invalid("parameter properties.computeEngine.maxPrefetchInstance=%d exceeds computeEngine.maxInstance=%d", a, b)
	}
	return nil
}

func deleteQueueProperties(e *Emulator, c *call) (int, any, *apiError) {
	q, err := e.findQueue(c.args[0])
	if err != nil {
		return 0, nil, err
	}
	var b struct {
		Keys []string `json:"keys"`
	}
	if err := decode(c.body, &b); err != nil {
		return 0, nil, err
	}
	if len(b.Keys) == 0 {
		return 0, nil, invalid("parameter keys is required")
	}
	for _, k := range b.Keys {
		if _, known := queuePropertyRules[k]; !known {
			return 0, nil, invalid("parameter keys contains %q, not a supported queue property", k)
		}
	}
	for _, k := range b.Keys {
		delete(q.Properties, k)
	}
	return http.StatusOK, ok(nil), nil
}
