package client

// Domain types of the DLI API as the provider sees them. They are decoupled from
// the SDK's pointer-heavy models so resources, data sources and tests can build
// and compare them directly. Times are milliseconds since the epoch, as the API
// reports them.

import "strings"

// Tag is a key/value pair attached to a DLI object at creation.
type Tag struct {
	Key   string
	Value string
}

// Pool is an elastic resource pool as the list API reports it.
type Pool struct {
	Name                string
	ID                  int64  // numeric id
	ResourceID          string // UUID; the provider's resource id
	Description         string
	Owner               string
	Status              string // CREATING, AVAILABLE, SCALING, FAILED, ...
	FailReason          string
	MaxCU               int64
	MinCU               int64
	ActualCU            int64
	CurrentCU           int64
	PrepayCU            int64
	CIDRInVPC           string
	ChargingMode        int64
	EnterpriseProjectID string
	Queues              []string
	Label               map[string]string
	Manager             string
	IPv6Enable          bool
	CreateTime          int64
	UpdateTime          int64
}

// Pool statuses, as "Querying All Elastic Resource Pools" lists them. There is
// no DELETING: a deleted pool leaves the list. Compare with StatusIs.
const (
	PoolStatusCreating  = "CREATING"
	PoolStatusAvailable = "AVAILABLE"
	PoolStatusScaling   = "SCALING"
	PoolStatusFailed    = "FAILED"
)

// StatusIs reports whether a status DLI reported is want, ignoring case and
// surrounding space. The API reference writes statuses in capitals in its
// enums but also spells them otherwise ("Active" for a connection in
// "Listing Enhanced Datasource Connections"), so no comparison may depend on
// the case the service happens to answer in.
func StatusIs(got, want string) bool {
	return strings.EqualFold(strings.TrimSpace(got), want)
}

// CreatePoolInput is the body of a pool creation. ChargingMode is always 1
// (pay-per-use); prepaid pools go through the order API and are out of scope.
type CreatePoolInput struct {
	Name                string
	Description         string
	CIDRInVPC           string // empty: the service default
	MaxCU               int64
	MinCU               int64
	EnterpriseProjectID string
	Tags                []Tag
	Label               map[string]string
}

// UpdatePoolInput changes the three mutable pool attributes; nil leaves one as is.
type UpdatePoolInput struct {
	Description *string
	MaxCU       *int64
	MinCU       *int64
}

// PoolFilter narrows ListPools. Name is a fuzzy match on the server side.
type PoolFilter struct {
	Name   string
	Status string
	Tags   []Tag
}

// Queue merges what GET one queue and the list items report.
type Queue struct {
	Name                string
	QueueID             int64
	ResourceID          string
	Type                string // sql or general
	Description         string
	Owner               string
	CUCount             int64
	ChargingMode        int64
	ResourceMode        int64
	ResourceType        string
	EnterpriseProjectID string
	PoolName            string // elastic_resource_pool_name
	CUSpec              int64
	CUScaleOutLimit     int64
	CUScaleInLimit      int64
	CreateTime          int64
	// Only list items carry these; GetQueue leaves them empty.
	Platform  string
	Feature   string
	Engine    string
	Labels    []string
	CIDRInVPC string
}

// CreateQueueInput is the body of a queue creation.
type CreateQueueInput struct {
	Name                string
	Type                string // sql (default) or general
	Description         string
	CUCount             int64
	EnterpriseProjectID string
	Platform            string
	ResourceMode        *int64
	Labels              []string
	Feature             string
	Engine              string
	Tags                []Tag
	PoolName            string
}

// QueueFilter narrows ListQueues. Type "" means the API default (sql); "all" lists every type.
type QueueFilter struct {
	Type string
	Tags []Tag
}

// Host is one entry of a connection's host mapping.
type Host struct {
	Name string
	IP   string
}

// Route is one custom route of a connection.
type Route struct {
	Name string
	CIDR string
}

// Binding is the peering of one pool or queue into the connection's VPC.
type Binding struct {
	Name       string
	Status     string // CREATING, ACTIVE, FAILED
	PeerID     string
	ErrMsg     string
	UpdateTime int64
}

// Connection statuses and binding statuses.
const (
	ConnectionStatusActive  = "ACTIVE"
	ConnectionStatusDeleted = "DELETED"
	BindingStatusCreating   = "CREATING"
	BindingStatusActive     = "ACTIVE"
	BindingStatusFailed     = "FAILED"
)

// Connection is an enhanced datasource connection.
type Connection struct {
	ID         string
	Name       string
	Status     string
	VPCID      string // dest_vpc_id
	SubnetID   string // dest_network_id
	IsPrivis   bool
	CreateTime int64
	Hosts      []Host
	Routes     []Route
	Pools      []Binding // elastic_resource_pools
	Queues     []Binding // available_queue_info
}

// CreateConnectionInput is the body of a connection creation.
type CreateConnectionInput struct {
	Name         string
	VPCID        string
	SubnetID     string
	RouteTableID string
	Pools        []string
	Queues       []string
	Hosts        []Host
	Tags         []Tag
}

// ConnectionFilter narrows ListConnections.
type ConnectionFilter struct {
	Name   string
	Status string
	Tags   []Tag
}
