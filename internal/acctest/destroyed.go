package acctest

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// CheckPoolsDestroyed is a CheckDestroy: DLI no longer has any pool of the
// state, nor any pool named in names.
func (e *Env) CheckPoolsDestroyed(t *testing.T, names ...string) resource.TestCheckFunc {
	return e.checkGone(t, "dli_elastic_resource_pool", "name", names, func(c *client.Client, name string) (string, error) {
		p, err := c.GetPool(context.Background(), name)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("elastic resource pool %s still exists (status %s)", name, p.Status), nil
	})
}

// CheckQueuesDestroyed is a CheckDestroy: DLI no longer has any queue of the
// state, nor any queue named in names.
func (e *Env) CheckQueuesDestroyed(t *testing.T, names ...string) resource.TestCheckFunc {
	return e.checkGone(t, "dli_queue", "name", names, func(c *client.Client, name string) (string, error) {
		if _, err := c.GetQueue(context.Background(), name); err != nil {
			return "", err
		}
		return fmt.Sprintf("queue %s still exists after destroy", name), nil
	})
}

// CheckConnectionsDestroyed is a CheckDestroy: every enhanced connection of
// the state (by id) is gone; the client reports DELETED connections as not
// found.
func (e *Env) CheckConnectionsDestroyed(t *testing.T) resource.TestCheckFunc {
	return e.checkGone(t, "dli_enhanced_connection", "id", nil, func(c *client.Client, id string) (string, error) {
		if _, err := c.GetConnection(context.Background(), id); err != nil {
			return "", err
		}
		return fmt.Sprintf("enhanced connection %s still exists", id), nil
	})
}

// checkGone looks up every object of type typ in the state (by the attribute
// key) and every extra key: find answers what is wrong when the object still
// exists, or DLI's error; only not-found passes.
func (e *Env) checkGone(t *testing.T, typ, key string, extra []string,
	find func(*client.Client, string) (string, error)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := e.Client(t)
		keys := append([]string(nil), extra...)
		for _, rs := range s.RootModule().Resources {
			switch {
			case rs.Type != typ:
			case key == "id":
				keys = append(keys, rs.Primary.ID)
			default:
				keys = append(keys, rs.Primary.Attributes[key])
			}
		}
		for _, k := range keys {
			stillThere, err := find(c, k)
			switch {
			case err == nil:
				return fmt.Errorf("%s", stillThere)
			case !client.IsNotFound(err):
				return fmt.Errorf("checking that %s %s is gone: %w", typ, k, err)
			}
		}
		return nil
	}
}
