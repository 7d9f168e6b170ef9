package connection

import (
	"context"
	"fmt"
	"strings"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Status functions: one read of the connection for a wait, and the judgement
// of it (readiness) that the wait logs and ends on.

// statusConnection reads the connection by id for a wait; its status is
// DLI's. It polls through client.PollConnection, which answers the polls of
// many waits due at once with one connection list sent after each of them
// asked, and a lone poll with GET one connection.
func statusConnection(ctx context.Context, c *client.Client, id string) (*client.Connection, string, error) {
	conn, err := c.PollConnection(ctx, id)
	if err != nil {
		return nil, "", err
	}
	return conn, conn.Status, nil
}

// bindingFailedError is a pool or queue whose peering ended FAILED.
type bindingFailedError struct {
	Connection string
	Kind       string // "elastic resource pool" or "queue"
	Name       string
	ErrMsg     string
}

func (e *bindingFailedError) Error() string {
	msg := e.ErrMsg
	if msg == "" {
		msg = "DLI gave no reason"
	}
	return fmt.Sprintf("binding of %s %q to enhanced connection %q FAILED: %s. Unbind it (remove it from the "+
		"configuration) or fix the cause, then apply again.", e.Kind, e.Name, e.Connection, msg)
}

// readiness judges one GET of a connection against the pools and queues that
// should be bound: done when the connection is ACTIVE, each wanted binding is
// listed and ACTIVE, and no unwanted binding is still listed (an unbind in
// progress). A FAILED wanted binding ends the wait with an error. status
// summarises what is still pending for timeout messages.
func readiness(conn *client.Connection, pools, queues []string) (status string, done bool, err error) {
	if !client.StatusIs(conn.Status, client.ConnectionStatusActive) {
		return "connection " + conn.Status, false, nil
	}
	var pending []string
	check := func(kind string, wanted []string, got []client.Binding) error {
		for _, name := range wanted {
			b, ok := findBinding(got, name)
			switch {
			case !ok:
				pending = append(pending, fmt.Sprintf("%s %s not listed yet", kind, name))
			case client.StatusIs(b.Status, client.BindingStatusFailed):
				return &bindingFailedError{Connection: conn.Name, Kind: kind, Name: b.Name, ErrMsg: b.ErrMsg}
			case !client.StatusIs(b.Status, client.BindingStatusActive):
				pending = append(pending, fmt.Sprintf("%s %s %s", kind, b.Name, b.Status))
			}
		}
		for _, b := range got {
			if !containsFold(wanted, b.Name) {
				pending = append(pending, fmt.Sprintf("%s %s still bound", kind, b.Name))
			}
		}
		return nil
	}
	if err := check("elastic resource pool", pools, conn.Pools); err != nil {
		return "", false, err
	}
	if err := check("queue", queues, conn.Queues); err != nil {
		return "", false, err
	}
	if len(pending) > 0 {
		return strings.Join(pending, ", "), false, nil
	}
	return client.ConnectionStatusActive, true, nil
}
