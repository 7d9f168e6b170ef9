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
		AssigningUntil: c.now.Add(e.delays.QueueAssigning),
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
	addSparkVersions(body, q)
	return http.StatusOK, body, nil
}

// addSparkVersions adds the Spark versions a SQL queue offers, which GET one
// and the list items both carry (SDK model_show_queue_response.go,
// model_queue.go).
func addSparkVersions(body map[string]any, q *queue) {
	if q.Type == "sql" {
		body["support_spark_versions"] = []string{"3.3.1"}
		body["default_spark_version"] = "3.3.1"
	}
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
	addSparkVersions(item, q)
	switch {
	case q.Engine != "":
		item["engine"] = q.Engine
	case q.Type == "general" && e.variants.generalEngine != "":
		item["engine"] = e.variants.generalEngine
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
	if err := q.refuseWhileAssigning(c.now); err != nil {
		return 0, nil, err
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
	if q.Pool != "" {
		// API reference, "Restarting, Scaling Out, and Scaling In Queues":
		// this API cannot scale queues in an elastic resource pool; their
		// scaling policies size them. The code is our assumption (the page
		// names none): DLI.0007, "The operation is not supported".
		return 0, nil, errf(http.StatusBadRequest, "DLI.0007",
			"Queue %s is in elastic resource pool %s: scale it through the pool's queue scaling policy, not the queue action API", q.Name, q.Pool)
	}
	if c.now.Before(q.ScaledAt) {
		return 0, nil, restricted("Queue %s is still being created or scaled", q.Name)
	}
	// User guide, "Elastic Scaling of Queues": queues with 16 CUs do not
	// support scale-out or scale-in; queues with 64 CUs do not support
	// scale-in. The code DLI.0009 (system restriction) is our assumption.
	switch {
	case q.CU == 16:
		return 0, nil, restricted("Queue %s has 16 CUs: queues with 16 CUs do not support scale-out or scale-in", q.Name)
	case q.CU == 64 && *b.Action == "scale_in":
		return 0, nil, restricted("Queue %s has 64 CUs: queues with 64 CUs do not support scale-in", q.Name)
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
	if err := q.refuseWhileAssigning(c.now); err != nil {
		return 0, nil, err
	}
	props := []map[string]string{}
	for _, k := range sortedKeys(q.Properties) {
		props = append(props, map[string]string{"key": k, "value": q.Properties[k]})
	}
	return http.StatusOK, ok(map[string]any{"properties": props}), nil
}

// refusePropertyChange answers DLI.0007 for a queue whose properties cannot
// be set: UG "Setting Queue Properties" (dli_01_0563) allows them only for
// SQL queues of the Spark engine in an elastic resource pool of the standard
// edition. (assumed) The code, and that reading them stays allowed.
func (e *Emulator) refusePropertyChange(q *queue) *apiError {
	p := e.st.Pools[q.Pool]
	if q.Type == "sql" && (q.Engine == "" || q.Engine == "spark") && p != nil && !p.basic() {
		return nil
	}
	return errf(http.StatusBadRequest, "DLI.0007",
		"queue %s: properties can only be set for SQL queues of the Spark engine in a standard elastic resource pool", q.Name)
}

func setQueueProperties(e *Emulator, c *call) (int, any, *apiError) {
	q, err := e.findQueue(c.args[0])
	if err != nil {
		return 0, nil, err
	}
	if err := q.refuseWhileAssigning(c.now); err != nil {
		return 0, nil, err
	}
	if err := e.refusePropertyChange(q); err != nil {
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
	if err := q.refuseWhileAssigning(c.now); err != nil {
		return 0, nil, err
	}
	if err := e.refusePropertyChange(q); err != nil {
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

// Scaling policies, as the sources read them (API reference "Modifying the
// Scaling Policy of a Queue Associated with an Elastic Resource Pool"; user
// guide "Adjusting Scaling Policies for Queues in an Elastic Resource Pool"):
// whole hours [start, stop), a window may cross midnight (the API reference's
// example runs 22:00 -> 10:00), exactly one default policy covers 00:00-24:00,
// the other windows must not overlap, each max_cu is at most the pool's
// max_cu, and at every hour the pool's queues' minimums add up to at most the
// pool's min_cu. Priorities are 1-100 (user guide); that they are unique is
// not documented, so it is not checked.

// policyWindow is a policy's window in hours; stop < start crosses midnight.
type policyWindow struct{ start, stop int }

func (w policyWindow) isDefault() bool { return w.start == 0 && w.stop == 24 }

func (w policyWindow) covers(h int) bool {
	if w.isDefault() {
		return true
	}
	if w.start < w.stop {
		return h >= w.start && h < w.stop
	}
	return h >= w.start || h < w.stop
}

// wholeHour parses "HH:00"; 24:00 only as a stop time.
func wholeHour(v string, stop bool) (int, bool) {
	if v == endOfDay {
		return 24, stop
	}
	if !clockRe.MatchString(v) || v[3:] != "00" {
		return 0, false
	}
	h, err := strconv.Atoi(v[:2])
	return h, err == nil
}

// checkScalingPolicies judges a queue's new policies on their own and against
// the pool's max_cu; it returns the default policy.
func checkScalingPolicies(ps []scalingPolicy, p *pool) (*scalingPolicy, *apiError) {
	var def *scalingPolicy
	windows := make([]policyWindow, len(ps))
	for i, sp := range ps {
		start, okStart := wholeHour(sp.ImpactStartTime, false)
		stop, okStop := wholeHour(sp.ImpactStopTime, true)
		switch {
		case sp.Priority < 1 || sp.Priority > 100:
			return nil, invalid("parameter queue_scaling_policies[%d].priority=%d must be 1-100", i, sp.Priority)
		case !okStart:
			return nil, invalid("parameter queue_scaling_policies[%d].impact_start_time=%q is not a whole hour HH:00", i, sp.ImpactStartTime)
		case !okStop:
			return nil, invalid("parameter queue_scaling_policies[%d].impact_stop_time=%q is not a whole hour HH:00", i, sp.ImpactStopTime)
		case start == stop%24 && (start != 0 || stop != 24):
			return nil, invalid("parameter queue_scaling_policies[%d] starts and stops at %s", i, sp.ImpactStartTime)
		case sp.MinCU < 0 || sp.MinCU%4 != 0:
			return nil, invalid("parameter queue_scaling_policies[%d].min_cu=%d must be a non-negative multiple of 4", i, sp.MinCU)
		case sp.MaxCU%4 != 0 || sp.MaxCU < sp.MinCU:
			return nil, invalid("parameter queue_scaling_policies[%d].max_cu=%d must be a multiple of 4 and at least min_cu", i, sp.MaxCU)
		case sp.MaxCU > p.MaxCU:
			return nil, invalid("parameter queue_scaling_policies[%d].max_cu=%d exceeds the pool's max_cu=%d", i, sp.MaxCU, p.MaxCU)
		}
		windows[i] = policyWindow{start, stop}
		if windows[i].isDefault() {
			if def != nil {
				return nil, invalid("parameter queue_scaling_policies has more than one default policy (00:00-24:00)")
			}
			def = &ps[i]
		}
	}
	if def == nil {
		return nil, invalid("parameter queue_scaling_policies needs a default policy for the period [00:00, 24:00]")
	}
	for h := 0; h < 24; h++ {
		var at []int
		for i, w := range windows {
			if !w.isDefault() && w.covers(h) {
				at = append(at, i)
			}
		}
		if len(at) > 1 {
			return nil, invalid("parameter queue_scaling_policies: the periods of policies %d (%s-%s) and %d (%s-%s) overlap",
				ps[at[0]].Priority, ps[at[0]].ImpactStartTime, ps[at[0]].ImpactStopTime,
				ps[at[1]].Priority, ps[at[1]].ImpactStartTime, ps[at[1]].ImpactStopTime)
		}
	}
	return def, nil
}

// minCUAt is the queue's minimum CUs in the hour starting at h: the window
// covering h, else the default policy. A queue without policies counts its size.
func minCUAt(ps []scalingPolicy, cu int32, h int) int32 {
	atLeast := cu
	for _, sp := range ps {
		start, _ := wholeHour(sp.ImpactStartTime, false)
		stop, _ := wholeHour(sp.ImpactStopTime, true)
		w := policyWindow{start, stop}
		switch {
		case !w.isDefault() && w.covers(h):
			return sp.MinCU
		case w.isDefault():
			atLeast = sp.MinCU
		}
	}
	return atLeast
}

// checkPoolMinimums refuses policies for queue q under which, at some hour,
// the minimums of the pool's queues would add up to more than its min_cu.
func (e *Emulator) checkPoolMinimums(p *pool, q *queue, ps []scalingPolicy) *apiError {
	for h := 0; h < 24; h++ {
		var sum int32
		for _, other := range e.st.Queues {
			switch {
			case other == q:
				sum += minCUAt(ps, q.CU, h)
			case other.Pool == p.Name && other.DeleteAt.IsZero():
				sum += minCUAt(other.ScalingPolicies, other.CU, h)
			}
		}
		if sum > p.MinCU {
			return invalid("the minimum CUs of the queues in elastic resource pool %s would add up to %d at %02d:00, more than its min_cu=%d",
				p.Name, sum, h, p.MinCU)
		}
	}
	return nil
}

// resizeToPolicy makes a pooled queue report its default policy's max_cu as
// its size (cuCount, cu_spec) once Delays.QueueScale has passed, the way the
// action API's scaling does. Assumption: no source says which figure DLI
// reports as a pooled queue's cu_count after its policies change; the default
// policy DLI creates has min_cu = max_cu = the queue's CUs (huaweicloud
// provider, docs/resources/dli_queue.md), so its max_cu is taken as the size.
func (e *Emulator) resizeToPolicy(q *queue, cu int32, now time.Time) {
	if cu == q.CU {
		return
	}
	q.PrevCU, q.CU = q.cuCount(now), cu
	q.ScaledAt = now.Add(e.delays.QueueScale)
}

// refuseWhileAssigning refuses follow-up work on a queue DLI is still
// assigning resources to, for Delays.QueueAssigning after its creation. The
// message is the one the user guide quotes ("Elastic Scaling of Queues":
// "Status of queue xxx is assigning, which is not available"; the huaweicloud
// provider sleeps 4 minutes after creating a queue to avoid it). The code is
// our assumption: DLI.0012, "Resource objects are unavailable".
func (q *queue) refuseWhileAssigning(now time.Time) *apiError {
	if now.Before(q.AssigningUntil) {
		return unavailable("Status of queue %s is assigning, which is not available", q.Name)
	}
	return nil
}
