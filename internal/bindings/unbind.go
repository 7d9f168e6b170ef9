package bindings

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// UnbindFromConnections unbinds a pool or queue that is about to be deleted
// from every enhanced connection that binds it, and waits until no
// connection lists it. DLI refuses to delete a queue that a connection
// still binds; a deleted object cannot stay bound anyway, and Terraform
// deletes a replaced object before it updates the connections that name it,
// so without this an ordinary rename stops half-way.
//
// Each unbind is logged at INFO and remembered (see RebindRecreated). The
// unbind call is not safe to repeat blindly in general, but unbinding a name
// that is no longer bound is accepted, and every round starts by listing
// the connections again: an unbind whose answer was lost (a 5xx, a dropped
// connection) is settled by that read, and temporary errors only make the
// wait poll again. An interrupted run leaves the object unbound, which the
// next run's delete finds done.
func UnbindFromConnections(ctx context.Context, c *client.Client, kind client.BindingKind, name string) error {
	_, err := wait.For(ctx, fmt.Sprintf("%s %s to be unbound from its enhanced connections", kind, name), wait.Fast, true,
		func(ctx context.Context) (struct{}, string, bool, error) {
			conns, err := c.ConnectionsBinding(ctx, kind, name)
			if err != nil {
				return struct{}{}, "", false, err
			}
			if len(conns) == 0 {
				return struct{}{}, "unbound", true, nil
			}
			var still []string
			for _, conn := range conns {
				tflog.Info(ctx, "unbinding from an enhanced connection before deleting", map[string]any{
					"kind": string(kind), "name": name, "connection": conn.Name, "connection_id": conn.ID,
				})
				// Recorded first: if the answer is lost, the unbind may still have happened.
				c.RememberUnbound(kind, name, conn.ID)
				err := c.Unbind(ctx, conn.ID, kind, name)
				if client.IsNotFound(err) {
					continue // the connection went away meanwhile
				}
				if err != nil {
					return struct{}{}, "", false, err
				}
				still = append(still, conn.Name)
			}
			return struct{}{}, "still bound to " + strings.Join(still, ", "), false, nil
		})
	return err
}

// RebindRecreated binds a just-created pool or queue to the connections that
// an object of the same name was unbound from earlier in this run (see
// UnbindFromConnections): Terraform replaced it, and the connections, whose
// configuration still names it, are not updated. It waits until each
// binding has settled. It returns a warning, or "" when all went well: a
// failed rebinding must not taint the new object, and the connection's next
// plan shows the binding missing and restores it.
func RebindRecreated(ctx context.Context, c *client.Client, kind client.BindingKind, name string) string {
	ids := c.TakeUnbound(kind, name)
	var failed []string
	for _, id := range ids {
		tflog.Info(ctx, "binding a recreated object back to its enhanced connection", map[string]any{
			"kind": string(kind), "name": name, "connection_id": id,
		})
		if err := rebind(ctx, c, id, kind, name); err != nil {
			if client.IsNotFound(err) {
				continue // the connection was deleted meanwhile
			}
			failed = append(failed, fmt.Sprintf("%s: %v", id, err))
		}
	}
	if len(failed) == 0 {
		return ""
	}
	return fmt.Sprintf("The %s %s was recreated, but binding it back to the enhanced connections it was unbound "+
		"from before its replacement failed:\n%s\n\nThe next plan shows those connections without it; apply "+
		"again to bind it.", kind, name, strings.Join(failed, "\n"))
}

// rebind binds kind/name to a connection and waits until the binding is no
// longer CREATING. Binding a name that is already bound changes nothing, so
// a bind whose answer was lost is simply sent again on the next poll.
func rebind(ctx context.Context, c *client.Client, id string, kind client.BindingKind, name string) error {
	sent := false
	_, err := wait.For(ctx, fmt.Sprintf("%s %s to be bound to enhanced connection %s", kind, name, id), wait.Fast, true,
		func(ctx context.Context) (struct{}, string, bool, error) {
			if !sent {
				if err := c.Bind(ctx, id, kind, name); err != nil {
					return struct{}{}, "", false, err
				}
				sent = true
			}
			conn, err := c.GetConnection(ctx, id)
			if err != nil {
				return struct{}{}, "", false, err
			}
			for _, b := range kind.Of(*conn) {
				if strings.EqualFold(b.Name, name) {
					if client.StatusIs(b.Status, client.BindingStatusFailed) {
						return struct{}{}, "", false, fmt.Errorf("the binding FAILED: %s", b.ErrMsg)
					}
					return struct{}{}, b.Status, !client.StatusIs(b.Status, client.BindingStatusCreating), nil
				}
			}
			sent = false // not listed: the bind did not take, send it again
			return struct{}{}, "not listed", false, nil
		})
	return err
}
