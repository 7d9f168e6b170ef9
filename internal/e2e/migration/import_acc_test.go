package migration_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/e2e/migration"
)

// TestAccMigration_removedAndImport is the path for CLIs without cross-type
// moves (Terraform before 1.8, OpenTofu before 1.11): the huaweicloud
// resources leave the state without being destroyed, and import blocks
// adopt the objects by the ids the huaweicloud state holds: the pool's
// resource id (a UUID), the queue as <queue_type>/<name>, the connection id.
// `removed` blocks exist from 1.7 on; on older CLIs (Terraform 1.5.7 here) the
// configuration drops the huaweicloud resources and the stand-in's delete only
// forgets them, as `terraform state rm` would.
func TestAccMigration_removedAndImport(t *testing.T) {
	env := acctest.New(t)
	cli := migration.Serve(t)
	pool, queue, conn := acctest.Name("acc_imp_pool"), acctest.Name("acc_imp_queue"), acctest.Name("acc_imp_conn")
	// Created beforehand, so that the ids for the import blocks are known
	// when the configuration is written; the stand-in adopts them.
	poolID, connID := createObjects(t, env.Client(t), pool, queue, conn)

	// The import reads the tags through DLI's tag API: the pool and the
	// queue carry the configured ones, so nothing is left to change.
	ours := []string{migration.RequiredProviders(), ourPool(pool), ourQueue(queue), ourConnection(conn),
		importBlock(poolAddr, poolID), importBlock(queueAddr, "sql/"+queue), importBlock(connAddr, connID)}
	if cli.HasRemovedBlocks() {
		ours = append(ours, removed(hwPoolAddr), removed(hwQueueAddr), removed(hwConnAddr))
	}
	var before, after []statecheck.StateCheck
	imported := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionNoop),
		plancheck.ExpectResourceAction(queueAddr, plancheck.ResourceActionNoop),
		plancheck.ExpectResourceAction(connAddr, plancheck.ResourceActionNoop),
	}
	for _, p := range [][2]string{{hwPoolAddr, poolAddr}, {hwQueueAddr, queueAddr}, {hwConnAddr, connAddr}} {
		same := statecheck.CompareValue(compare.ValuesSame())
		before = append(before, same.AddStateValue(p[0], tfjsonpath.New("id")))
		after = append(after, same.AddStateValue(p[1], tfjsonpath.New("id")))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: migration.WithStandIn(acctest.ProviderFactories, env.Client(t), env.Region),
		Steps: []resource.TestStep{
			{
				Config: env.Config(migration.RequiredProviders(), hwPool(pool), hwQueue(queue),
					hwConnection(conn)),
				ConfigStateChecks: before,
			},
			{
				Config: env.Config(ours...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             imported,
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: after,
			},
		},
	})
}

func importBlock(to, id string) string {
	return fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", to, id)
}

func removed(from string) string {
	return fmt.Sprintf("\nremoved {\n  from = %s\n  lifecycle {\n    destroy = false\n  }\n}\n", from)
}

// createObjects makes the pool, its queue and a connection binding the queue,
// as the configurations describe them, and returns the pool's resource id
// and the connection id.
func createObjects(t *testing.T, c *client.Client, pool, queue, conn string) (poolID, connID string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	tags := []client.Tag{{Key: "owner", Value: "data"}}
	must("creating pool", c.CreatePool(ctx, client.CreatePoolInput{Name: pool, MaxCU: 64, MinCU: 64,
		Description: "moved from huaweicloud", Tags: tags}))
	acctest.Eventually(t, 30*time.Minute, "waiting for pool", func() (bool, error) {
		p, err := c.GetPool(ctx, pool)
		if client.IsNotFound(err) {
			return false, nil
		}
		if err == nil {
			poolID = p.ResourceID
		}
		return err == nil && p.Status == client.PoolStatusAvailable, err
	})
	mode := int64(1)
	must("creating queue", c.CreateQueue(ctx, client.CreateQueueInput{Name: queue, Type: "sql", CUCount: 16,
		ResourceMode: &mode, PoolName: pool, Tags: tags}))
	acctest.Eventually(t, 30*time.Minute, "waiting for queue", func() (bool, error) {
		q, err := c.GetQueue(ctx, queue)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil && q.CUCount == 16, err
	})
	connID, err := c.CreateConnection(ctx, client.CreateConnectionInput{Name: conn, VPCID: "vpc-migration",
		SubnetID: "subnet-migration", Queues: []string{queue},
		Hosts: []client.Host{{Name: "db1", IP: "192.168.0.10"}, {Name: "db2", IP: "192.168.0.11"}}})
	must("creating connection", err)
	must("adding route", c.AddConnectionRoute(ctx, connID, client.Route{Name: "to_db", CIDR: "10.0.0.0/16"}))
	acctest.Eventually(t, 30*time.Minute, "waiting for the queue's peering", func() (bool, error) {
		got, err := c.GetConnection(ctx, connID)
		return err == nil && len(got.Queues) == 1 && strings.EqualFold(got.Queues[0].Status, client.BindingStatusActive), err
	})
	return poolID, connID
}
