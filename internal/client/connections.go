package client

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

const (
	connectionsPath = "/v2.0/{project_id}/datasource/enhanced-connections"
	connectionPath  = connectionsPath + "/{connection_id}"
	routesPath      = "/v3/{project_id}/datasource/enhanced-connections/{connection_id}/routes"
)

type wireHost struct {
	Name string `json:"name"`
	IP   string `json:"ip"`
}

type wireBinding struct {
	Name       string    `json:"name"`
	Status     string    `json:"status"`
	PeerID     string    `json:"peer_id"`
	ErrMsg     string    `json:"err_msg"`
	UpdateTime flexInt64 `json:"update_time"`
}

// wireConnection is a connection as GET one and the list report it,
// including routes, which the SDK's response model omits.
type wireConnection struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Status     string        `json:"status"`
	VPCID      string        `json:"dest_vpc_id"`
	SubnetID   string        `json:"dest_network_id"`
	IsPrivis   bool          `json:"isPrivis"`
	CreateTime flexInt64     `json:"create_time"`
	Hosts      []wireHost    `json:"hosts"`
	WireRoutes []wireRoute   `json:"routes"`
	Pools      []wireBinding `json:"elastic_resource_pools"`
	Queues     []wireBinding `json:"available_queue_info"`
}

type wireRoute struct {
	Name string `json:"name"`
	CIDR string `json:"cidr"`
}

func bindings(ws []wireBinding) []Binding {
	if len(ws) == 0 {
		return nil
	}
	out := make([]Binding, 0, len(ws))
	for _, w := range ws {
		out = append(out, Binding{Name: w.Name, Status: w.Status, PeerID: w.PeerID, ErrMsg: w.ErrMsg, UpdateTime: int64(w.UpdateTime)})
	}
	return out
}

func (w wireConnection) domain() Connection {
	c := Connection{
		ID: w.ID, Name: w.Name, Status: w.Status, VPCID: w.VPCID, SubnetID: w.SubnetID,
		IsPrivis: w.IsPrivis, CreateTime: int64(w.CreateTime),
		Pools: bindings(w.Pools), Queues: bindings(w.Queues),
	}
	for _, h := range w.Hosts {
		c.Hosts = append(c.Hosts, Host(h))
	}
	for _, r := range w.WireRoutes {
		c.Routes = append(c.Routes, Route(r))
	}
	return c
}

// sdkHosts converts a host mapping; never nil, so an empty mapping is sent
// as [] (which clears it) rather than null.
func sdkHosts(hosts []Host) []model.EnhancedConnectionHost {
	out := make([]model.EnhancedConnectionHost, 0, len(hosts))
	for _, h := range hosts {
		out = append(out, model.EnhancedConnectionHost{Name: optString(h.Name), Ip: optString(h.IP)})
	}
	return out
}

// CreateConnection creates an enhanced datasource connection and returns its id.
func (c *Client) CreateConnection(ctx context.Context, in CreateConnectionInput) (string, error) {
	cl := call{op: "create enhanced connection " + in.Name, method: http.MethodPost, path: connectionsPath, unsafe: true, create: true}
	body := &model.CreateEnhancedConnectionRequestBody{
		Name:                 in.Name,
		DestVpcId:            in.VPCID,
		DestNetworkId:        in.SubnetID,
		ElasticResourcePools: optList(in.Pools),
		Queues:               optList(in.Queues),
		RoutetableId:         optString(in.RouteTableID),
		Tags:                 sdkTags(in.Tags),
	}
	if len(in.Hosts) > 0 {
		hosts := sdkHosts(in.Hosts)
		body.Hosts = &hosts
	}
	req := &model.CreateEnhancedConnectionRequest{Body: body}
	var id string
	send := func(ctx context.Context) error {
		out, err := sdkCall(ctx, c, cl, func() *dli.CreateEnhancedConnectionInvoker {
			return c.dli.CreateEnhancedConnectionInvoker(req)
		})
		if err == nil {
			id = str(out.ConnectionId)
		}
		return err
	}
	adopted, err := c.createSafely(ctx, cl, send, "enhanced connection "+in.Name, c.lookupConnection(in))
	if err != nil {
		return "", err
	}
	if adopted != "" {
		return adopted, nil
	}
	return id, nil
}

// GetConnection reads one connection. A connection in status DELETED (the
// service keeps returning them for a while) is reported as NotFound.
func (c *Client) GetConnection(ctx context.Context, id string) (*Connection, error) {
	op := "read enhanced connection " + id
	var out struct {
		envelope
		wireConnection
	}
	err := c.do(ctx, call{
		op: op, method: http.MethodGet, path: connectionPath, params: []param{{"connection_id", id}},
	}, &out)
	if err != nil {
		return nil, err
	}
	if StatusIs(out.Status, ConnectionStatusDeleted) {
		e := c.notFound(op, "enhanced connection "+id+" is DELETED")
		e.RequestID = out.requestID()
		return nil, e
	}
	conn := out.domain()
	return &conn, nil
}

// ListConnections returns every connection matching f, paging through the list.
// DELETED connections are included when the service reports them; filter by Status to drop them.
//
// "Listing Enhanced Datasource Connections" defines count as the number of
// connections returned, that is this page's length, not the total: paging
// therefore ends on a short (or empty) page and never reads count. A full
// page that brings no connection not seen before means the service ignores
// offset; that ends the listing with an error instead of looping forever.
func (c *Client) ListConnections(ctx context.Context, f ConnectionFilter) ([]Connection, error) {
	const op = "list enhanced connections"
	var all []Connection
	seen := map[string]bool{}
	for offset := 0; ; {
		var out struct {
			envelope
			Connections []wireConnection `json:"connections"`
		}
		q := append([]param{{"limit", strconv.Itoa(pageSize)}, {"offset", strconv.Itoa(offset)}},
			nonEmpty(param{"name", f.Name}, param{"status", f.Status}, param{"tags", tagQuery(f.Tags)})...)
		err := c.do(ctx, call{op: op, method: http.MethodGet, path: connectionsPath, query: q}, &out)
		if err != nil {
			return nil, err
		}
		fresh := 0
		for _, w := range out.Connections {
			if !seen[w.ID] {
				seen[w.ID] = true
				fresh++
			}
			all = append(all, w.domain())
		}
		if len(out.Connections) < pageSize {
			return all, nil
		}
		if fresh == 0 {
			return nil, fmt.Errorf("%s: the page at offset %d repeats connections already listed: "+
				"DLI did not honour offset", op, offset)
		}
		offset += len(out.Connections)
	}
}

// DeleteConnection deletes a connection.
func (c *Client) DeleteConnection(ctx context.Context, id string) error {
	cl := call{op: "delete enhanced connection " + id, method: http.MethodDelete, path: connectionPath, delete: true}
	req := &model.DeleteEnhancedConnectionRequest{ConnectionId: id}
	_, err := sdkCall(ctx, c, cl, func() *dli.DeleteEnhancedConnectionInvoker {
		return c.dli.DeleteEnhancedConnectionInvoker(req)
	})
	return err
}

// AssociateConnection binds pools and/or queues to a connection (peering is
// asynchronous: poll GetConnection for each binding's status). An attempt
// whose answer is lost is settled by reading the connection: what it lists
// as bound (in any status) took effect, and only the rest is sent again.
func (c *Client) AssociateConnection(ctx context.Context, id string, pools, queues []string) error {
	if len(pools) == 0 && len(queues) == 0 {
		return nil
	}
	cl := call{op: "bind pools/queues to enhanced connection " + id, method: http.MethodPost, path: connectionPath + "/associate-queue", unsafe: true}
	body := &model.AssociateQueueToEnhancedConnectionRequestBody{ElasticResourcePools: optList(pools), Queues: optList(queues)}
	cl.settle = c.settleBindings(id, &pools, &queues, true, func() {
		body.ElasticResourcePools, body.Queues = optList(pools), optList(queues)
	})
	req := &model.AssociateQueueToEnhancedConnectionRequest{ConnectionId: id, Body: body}
	_, err := sdkCall(ctx, c, cl, func() *dli.AssociateQueueToEnhancedConnectionInvoker {
		return c.dli.AssociateQueueToEnhancedConnectionInvoker(req)
	})
	return err
}

// DisassociateConnection unbinds pools and/or queues from a connection. An
// attempt whose answer is lost is settled by reading the connection: what it
// no longer lists was unbound, and only the rest is sent again.
func (c *Client) DisassociateConnection(ctx context.Context, id string, pools, queues []string) error {
	if len(pools) == 0 && len(queues) == 0 {
		return nil
	}
	cl := call{op: "unbind pools/queues from enhanced connection " + id, method: http.MethodPost, path: connectionPath + "/disassociate-queue", unsafe: true}
	body := &model.DisassociateQueueFromEnhancedConnectionRequestBody{ElasticResourcePools: optList(pools), Queues: optList(queues)}
	cl.settle = c.settleBindings(id, &pools, &queues, false, func() {
		body.ElasticResourcePools, body.Queues = optList(pools), optList(queues)
	})
	req := &model.DisassociateQueueFromEnhancedConnectionRequest{ConnectionId: id, Body: body}
	_, err := sdkCall(ctx, c, cl, func() *dli.DisassociateQueueFromEnhancedConnectionInvoker {
		return c.dli.DisassociateQueueFromEnhancedConnectionInvoker(req)
	})
	return err
}

// settleBindings reads the connection after a bind (bind true) or unbind
// whose answer was lost and keeps in *pools and *queues only the names still
// to do: not yet listed for a bind, still listed for an unbind. It reports
// the call applied when nothing is left; otherwise narrow rewrites the
// request body for the next attempt. Names compare case-insensitively, as
// DLI stores pool and queue names lower-case.
func (c *Client) settleBindings(id string, pools, queues *[]string, bind bool, narrow func()) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		conn, err := c.GetConnection(ctx, id)
		if err != nil {
			return false, err
		}
		left := func(want []string, have []Binding) []string {
			var out []string
			for _, n := range want {
				listed := false
				for _, b := range have {
					listed = listed || strings.EqualFold(b.Name, n)
				}
				if listed != bind {
					out = append(out, n)
				}
			}
			return out
		}
		*pools, *queues = left(*pools, conn.Pools), left(*queues, conn.Queues)
		if len(*pools) == 0 && len(*queues) == 0 {
			return true, nil
		}
		narrow()
		return false, nil
	}
}

// UpdateConnectionHosts replaces the connection's host mapping; an empty list clears it.
func (c *Client) UpdateConnectionHosts(ctx context.Context, id string, hosts []Host) error {
	cl := call{op: "update hosts of enhanced connection " + id, method: http.MethodPut, path: connectionPath}
	req := &model.UpdateEnhancedConnectionRequest{ConnectionId: id, Body: &model.UpdateEnhancedConnectionRequestBody{Hosts: sdkHosts(hosts)}}
	_, err := sdkCall(ctx, c, cl, func() *dli.UpdateEnhancedConnectionInvoker {
		return c.dli.UpdateEnhancedConnectionInvoker(req)
	})
	return err
}

// AddConnectionRoute adds one custom route (v3 API).
func (c *Client) AddConnectionRoute(ctx context.Context, id string, r Route) error {
	cl := call{op: "add route " + r.Name + " to enhanced connection " + id, method: http.MethodPost, path: routesPath, unsafe: true, create: true}
	// An attempt whose answer is lost is settled by reading the connection:
	// the route listed means it was added; a route of that name with another
	// CIDR is not this one, and the call fails naming it.
	cl.settle = func(ctx context.Context) (bool, error) {
		conn, err := c.GetConnection(ctx, id)
		if err != nil {
			return false, err
		}
		for _, have := range conn.Routes {
			if have.Name != r.Name {
				continue
			}
			if have.CIDR != r.CIDR {
				return false, fmt.Errorf("the connection has a route %s to %s, not to %s", have.Name, have.CIDR, r.CIDR)
			}
			return true, nil
		}
		return false, nil
	}
	req := &model.CreateRouteToEnhancedConnectionRequest{ConnectionId: id, Body: &model.CreateRouteToEnhancedConnectionRequestBody{
		Name: r.Name, Cidr: r.CIDR,
	}}
	_, err := sdkCall(ctx, c, cl, func() *dli.CreateRouteToEnhancedConnectionInvoker {
		return c.dli.CreateRouteToEnhancedConnectionInvoker(req)
	})
	return err
}

// DeleteConnectionRoute removes one custom route by name (v3 API).
//
// The SDK puts the name into the request path as it is, so a name with '/',
// '?', '#' or '%' (DLI documents no character set for route names, so a route
// made elsewhere may have one) would address another path, or another route:
// "a#b" would delete "a". Such a name is refused before anything is sent.
func (c *Client) DeleteConnectionRoute(ctx context.Context, id string, name string) error {
	cl := call{op: "delete route " + name + " from enhanced connection " + id, method: http.MethodDelete, path: routesPath + "/{name}", delete: true}
	if strings.ContainsAny(name, "/?#%") || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return &APIError{Op: cl.op, Kind: KindInvalid, notApplied: true, Message: fmt.Sprintf(
			"the route name %q contains a character a request path cannot carry ('/', '?', '#', '%%' or a "+
				"control character), so the route cannot be deleted through the API by name; delete it on the "+
				"DLI console", name)}
	}
	req := &model.DeleteRouteFromEnhancedConnectionRequest{ConnectionId: id, Name: name}
	_, err := sdkCall(ctx, c, cl, func() *dli.DeleteRouteFromEnhancedConnectionInvoker {
		return c.dli.DeleteRouteFromEnhancedConnectionInvoker(req)
	})
	return err
}
