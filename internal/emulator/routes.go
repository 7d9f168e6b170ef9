package emulator

import (
	"net/http"
	"strings"
)

// endpoint maps a method and a path pattern after /{version}/{project_id} to a
// handler. "*" matches one segment and becomes an argument.
type endpoint struct {
	method  string
	version string
	pattern string
	h       handler
}

var endpoints = []endpoint{
	{http.MethodPost, "v3", "elastic-resource-pools", createPool},
	{http.MethodGet, "v3", "elastic-resource-pools", listPools},
	{http.MethodPut, "v3", "elastic-resource-pools/*", updatePool},
	{http.MethodDelete, "v3", "elastic-resource-pools/*", deletePool},
	{http.MethodGet, "v3", "elastic-resource-pools/*/queues", listPoolQueues},
	{http.MethodPost, "v3", "elastic-resource-pools/*/queues", addQueueToPool},
	{http.MethodPut, "v3", "elastic-resource-pools/*/queues/*", updateQueueScalingPolicy},

	{http.MethodPost, "v1.0", "queues", createQueue},
	{http.MethodGet, "v1.0", "queues", listQueues},
	{http.MethodGet, "v1.0", "queues/*", showQueue},
	{http.MethodDelete, "v1.0", "queues/*", deleteQueue},
	{http.MethodPut, "v1.0", "queues/*/action", queueAction},
	{http.MethodGet, "v3", "queues/*/properties", listQueueProperties},
	{http.MethodPost, "v3", "queues/*/properties", setQueueProperties},
	{http.MethodPut, "v3", "queues/*/properties", setQueueProperties},
	{http.MethodDelete, "v3", "queues/*/properties", deleteQueueProperties},

	{http.MethodPost, "v2.0", "datasource/enhanced-connections", createConnection},
	{http.MethodGet, "v2.0", "datasource/enhanced-connections", listConnections},
	{http.MethodGet, "v2.0", "datasource/enhanced-connections/*", showConnection},
	{http.MethodPut, "v2.0", "datasource/enhanced-connections/*", updateConnectionHosts},
	{http.MethodDelete, "v2.0", "datasource/enhanced-connections/*", deleteConnection},
	{http.MethodPost, "v2.0", "datasource/enhanced-connections/*/associate-queue", associateConnection},
	{http.MethodPost, "v2.0", "datasource/enhanced-connections/*/disassociate-queue", disassociateConnection},
	{http.MethodPost, "v3", "datasource/enhanced-connections/*/routes", addRoute},
	{http.MethodDelete, "v3", "datasource/enhanced-connections/*/routes/*", deleteRoute},

	// The tag API; its first argument is the resource type (tags.go).
	{http.MethodGet, "v3", "*/*/tags", showResourceTags},
	{http.MethodPost, "v3", "*/*/tags/create", batchCreateResourceTags},
	{http.MethodPost, "v3", "*/*/tags/delete", batchDeleteResourceTags},
	{http.MethodPost, "v3", "*/resource-instances/filter", listResourcesByTags},
	// Deprecated v2.0 route paths, kept because older clients still call them.
	{http.MethodPost, "v2.0", "datasource/enhanced-connections/*/routes", addRoute},
	{http.MethodDelete, "v2.0", "datasource/enhanced-connections/*/routes/*", deleteRoute},
}

// route finds the handler for r; the project id must be the configured one.
func (e *Emulator) route(r *http.Request) (handler, []string, *apiError) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(segs) == 2 && segs[0] == "v3" && segs[1] == "projects" && r.Method == http.MethodGet {
		return listProjects, nil, nil
	}
	if r.URL.Path == "/v3.0/OS-CREDENTIAL/securitytokens" && r.Method == http.MethodPost {
		return assumeRole, nil, nil
	}
	if len(segs) < 3 {
		return nil, nil, apiNotFound()
	}
	version, pid, rest := segs[0], segs[1], segs[2:]
	var found *endpoint
	var args []string
	for i := range endpoints {
		ep := &endpoints[i]
		if ep.version != version {
			continue
		}
		a, hit := matchPattern(ep.pattern, rest)
		if !hit {
			continue
		}
		if ep.method == r.Method {
			found, args = ep, a
			break
		}
	}
	if found == nil {
		return nil, nil, apiNotFound()
	}
	if pid != e.cfg.ProjectID {
		return nil, nil, errf(http.StatusNotFound, "DLI.0023", "project %s has no related resource", pid)
	}
	return found.h, args, nil
}

func matchPattern(pattern string, segs []string) ([]string, bool) {
	parts := strings.Split(pattern, "/")
	if len(parts) != len(segs) {
		return nil, false
	}
	var args []string
	for i, p := range parts {
		switch {
		case p == "*":
			if segs[i] == "" {
				return nil, false
			}
			args = append(args, segs[i])
		case p != segs[i]:
			return nil, false
		}
	}
	return args, true
}

func apiNotFound() *apiError {
	return errf(http.StatusNotFound, "APIGW.0101", "The API does not exist or has not been published in the environment")
}

// listProjects is IAM's GET /v3/projects?name={region}; the SDK calls it to
// find the project id when a client is built without one.
func listProjects(e *Emulator, c *call) (int, any, *apiError) {
	projects := []map[string]any{}
	name := c.query.Get("name")
	if name == "" || name == e.cfg.Region {
		projects = append(projects, map[string]any{
			"id": e.cfg.ProjectID, "name": e.cfg.Region, "enabled": true,
			"domain_id": "emulatordomain", "is_domain": false, "parent_id": "emulatordomain",
			"description": "", "links": map[string]any{"self": "/v3/projects/" + e.cfg.ProjectID},
		})
	}
	return http.StatusOK, map[string]any{
		"projects": projects,
		"links":    map[string]any{"self": "/v3/projects", "next": nil, "previous": nil},
	}, nil
}
