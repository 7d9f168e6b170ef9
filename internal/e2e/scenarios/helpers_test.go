package scenarios_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
)

// The seed's destination network on the emulator.
const (
	vpcID    = "22094d8f-c310-4621-913d-4c4d655d8495"
	subnetID = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
)

// stack names one pool, a queue in it, and a connection binding both.
type stack struct{ pool, queue, conn string }

func newStack(prefix string) stack {
	return stack{acctest.Name(prefix + "_pool"), acctest.Name(prefix + "_queue"), acctest.Name(prefix + "_conn")}
}

// hcl is the stack's configuration; queueCU and poolMax vary it for updates.
func (s stack) hcl(poolMax, queueCU int) string {
	return acctest.Pool{Label: "p", Name: s.pool, MaxCU: poolMax, Description: "scenario"}.HCL() +
		acctest.Queue{Label: "q", Name: s.queue, Pool: "p", CU: queueCU}.HCL() + fmt.Sprintf(`
resource "dli_enhanced_connection" "c" {
  name                   = %q
  vpc_id                 = %q
  subnet_id              = %q
  elastic_resource_pools = [dli_elastic_resource_pool.p.name]
  queues                 = [dli_queue.q.name]
}
`, s.conn, vpcID, subnetID)
}

// emulatorEnv is an acceptance environment that needs the emulator's hooks.
func emulatorEnv(t *testing.T) *acctest.Env {
	t.Helper()
	env := acctest.New(t)
	env.RequireEmulator(t)
	return env
}

// nothingLeft checks that the emulator holds no pool, queue or live connection
// of the stack: nothing was orphaned.
func nothingLeft(t *testing.T, env *acctest.Env, s stack) func(*terraform.State) error {
	return func(*terraform.State) error {
		return onlyTracked(t, env, s, nil)
	}
}

// onlyTracked fails when the emulator holds an object of the stack that the
// state does not track (state nil: that nothing exists at all).
func onlyTracked(t *testing.T, env *acctest.Env, s stack, st *terraform.State) error {
	t.Helper()
	ctx := context.Background()
	c := env.Client(t)
	tracked := map[string]bool{}
	if st != nil {
		for _, r := range st.RootModule().Resources {
			tracked[r.Primary.Attributes["name"]] = true
		}
	}
	if _, err := c.GetPool(ctx, s.pool); err == nil && !tracked[s.pool] {
		return fmt.Errorf("pool %s exists but is not in the state", s.pool)
	} else if err != nil && !client.IsNotFound(err) {
		return err
	}
	if _, err := c.GetQueue(ctx, s.queue); err == nil && !tracked[s.queue] {
		return fmt.Errorf("queue %s exists but is not in the state", s.queue)
	} else if err != nil && !client.IsNotFound(err) {
		return err
	}
	conns, err := c.ListConnections(ctx, client.ConnectionFilter{Name: s.conn})
	if err != nil {
		return err
	}
	live := 0
	for _, cn := range conns {
		if cn.Name == s.conn && cn.Status != client.ConnectionStatusDeleted {
			live++
		}
	}
	switch {
	case live > 1:
		return fmt.Errorf("%d live connections named %s: a create was applied twice", live, s.conn)
	case live == 1 && !tracked[s.conn]:
		return fmt.Errorf("connection %s exists but is not in the state", s.conn)
	}
	return nil
}
