package client

import (
	"context"
	"strings"
	"sync"
)

// BindingKind is what an enhanced connection binds: an elastic resource pool
// (elastic_resource_pools) or a queue (available_queue_info).
type BindingKind string

// The two kinds of binding.
const (
	BindPool  BindingKind = "elastic resource pool"
	BindQueue BindingKind = "queue"
)

// split puts name on the side of a bind or unbind request that kind takes.
func (k BindingKind) split(name string) (pools, queues []string) {
	if k == BindPool {
		return []string{name}, nil
	}
	return nil, []string{name}
}

// Of returns the bindings of kind that conn lists.
func (k BindingKind) Of(conn Connection) []Binding {
	if k == BindPool {
		return conn.Pools
	}
	return conn.Queues
}

// ConnectionsBinding returns the live connections that list kind/name among
// their bindings, whatever the binding's status. DLI names are compared
// without regard to case, as DLI lower-cases them.
//
// Concurrent calls share list requests (sharedList): destroying 100 queues
// bound to connections unbinds each first, and a list per queue per round
// would spend the client's rate limit on the same answer. Each call still
// gets a list sent after it asked, so it sees its own earlier unbinds.
func (c *Client) ConnectionsBinding(ctx context.Context, kind BindingKind, name string) ([]Connection, error) {
	all, err := c.allConnections.get(ctx, func(ctx context.Context) ([]Connection, error) {
		return c.ListConnections(ctx, ConnectionFilter{})
	})
	if err != nil {
		return nil, err
	}
	var out []Connection
	for _, conn := range all {
		if StatusIs(conn.Status, ConnectionStatusDeleted) {
			continue
		}
		for _, b := range kind.Of(conn) {
			if strings.EqualFold(b.Name, name) {
				out = append(out, conn)
				break
			}
		}
	}
	return out, nil
}

// Bind binds one pool or queue to a connection, naming it as DLI stores it.
func (c *Client) Bind(ctx context.Context, connID string, kind BindingKind, name string) error {
	pools, queues := kind.split(storedName(name))
	return c.AssociateConnection(ctx, connID, pools, queues)
}

// Unbind unbinds one pool or queue from a connection, naming it as DLI stores
// it.
func (c *Client) Unbind(ctx context.Context, connID string, kind BindingKind, name string) error {
	pools, queues := kind.split(storedName(name))
	return c.DisassociateConnection(ctx, connID, pools, queues)
}

// unboundLedger remembers, for the life of one client (one Terraform run),
// which connections a pool or queue was unbound from so that it could be
// deleted. Terraform replaces an object that keeps its name by deleting it
// and creating it again, and plans no update of a connection whose
// configuration names it, since the name did not change: the new object
// binds itself back to those connections (see bindings.RebindRecreated). The
// zero value is ready to use.
type unboundLedger struct {
	mu sync.Mutex
	m  map[string]map[string]bool // kind/lower-case name -> connection ids
}

func ledgerKey(kind BindingKind, name string) string {
	return string(kind) + "/" + strings.ToLower(name)
}

// RememberUnbound records that kind/name is being unbound from connection
// connID before it is deleted.
func (c *Client) RememberUnbound(kind BindingKind, name, connID string) {
	l := &c.unbound
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.m == nil {
		l.m = map[string]map[string]bool{}
	}
	k := ledgerKey(kind, name)
	if l.m[k] == nil {
		l.m[k] = map[string]bool{}
	}
	l.m[k][connID] = true
}

// TakeUnbound returns, and forgets, the connections kind/name was unbound
// from before it was deleted.
func (c *Client) TakeUnbound(kind BindingKind, name string) []string {
	l := &c.unbound
	l.mu.Lock()
	defer l.mu.Unlock()
	k := ledgerKey(kind, name)
	ids := make([]string, 0, len(l.m[k]))
	for id := range l.m[k] {
		ids = append(ids, id)
	}
	delete(l.m, k)
	return ids
}

// ForgetUnbound drops what RememberUnbound recorded for connection connID
// and these names: the connection's own update no longer wants them bound,
// so a recreated object must not bind itself back.
func (c *Client) ForgetUnbound(connID string, kind BindingKind, names []string) {
	l := &c.unbound
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, n := range names {
		delete(l.m[ledgerKey(kind, n)], connID)
	}
}
