package connection

import (
	"context"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// Waits, one per transition of a connection. They read it with
// statusConnection and log their progress at INFO as
// "connection <name>: <status>, <goal>, <elapsed>".

// waitConnectionActive polls the connection until readiness says it is
// usable with the given pools and queues bound.
func waitConnectionActive(ctx context.Context, c *client.Client, id, name string, pools, queues []string) (*client.Connection, error) {
	d := wait.Desc{What: "enhanced connection " + id + " and its bindings to become ACTIVE",
		Object: "connection " + name, Goal: "waiting for ACTIVE with every binding ACTIVE"}
	return wait.Until(ctx, d, wait.Fast, false, func(ctx context.Context) (*client.Connection, string, bool, error) {
		conn, _, err := statusConnection(ctx, c, id)
		if err != nil {
			return nil, "", false, err
		}
		status, done, err := readiness(conn, pools, queues)
		return conn, status, done, err
	})
}

// waitConnectionDeleted polls until DLI no longer reports the connection (a
// DELETED one counts as gone).
func waitConnectionDeleted(ctx context.Context, c *client.Client, id, name string) error {
	d := wait.Desc{What: "enhanced connection " + id + " to be deleted", Object: "connection " + name,
		Goal: "waiting until it is gone"}
	return wait.UntilGone(ctx, d, wait.Fast, func(ctx context.Context) (string, error) {
		_, status, err := statusConnection(ctx, c, id)
		return status, err
	}, client.IsNotFound)
}
