package migration_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/e2e/migration"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// Configurations in the huaweicloud provider's terms, and the same objects in
// ours. The stand-in creates them through the DLI API.
func hwPool(name string) string {
	return fmt.Sprintf(`
resource "huaweicloud_dli_elastic_resource_pool" "p" {
  name        = %q
  min_cu      = 64
  max_cu      = 64
  description = "moved from huaweicloud"
  tags        = { owner = "data" }
}
`, name)
}

func ourPool(name string) string {
	return acctest.Pool{Label: "p", Name: name, Description: "moved from huaweicloud",
		Extra: []string{`tags = { owner = "data" }`}}.HCL()
}

func hwQueue(name string) string {
	return fmt.Sprintf(`
resource "huaweicloud_dli_queue" "q" {
  name                       = %q
  elastic_resource_pool_name = huaweicloud_dli_elastic_resource_pool.p.name
  resource_mode              = 1
  cu_count                   = 16
  tags                       = { owner = "data" }
}
`, name)
}

func ourQueue(name string) string {
	return fmt.Sprintf(`
resource "dli_queue" "q" {
  name                       = %q
  elastic_resource_pool_name = dli_elastic_resource_pool.p.name
  resource_mode              = 1
  cu_count                   = 16
  tags                       = { owner = "data" }
}
`, name)
}

const connectionBody = `
  vpc_id    = "vpc-migration"
  subnet_id = "subnet-migration"
  hosts = [
    { name = "db1", ip = "192.168.0.10" },
    { name = "db2", ip = "192.168.0.11" },
  ]
  routes = [{ name = "to_db", cidr = "10.0.0.0/16" }]
`

func hwConnection(name string) string {
	return fmt.Sprintf(`
resource "huaweicloud_dli_datasource_connection" "c" {
  name   = %q
  queues = [huaweicloud_dli_queue.q.name]
%s}
`, name, connectionBody)
}

func ourConnection(name string) string {
	return fmt.Sprintf(`
resource "dli_enhanced_connection" "c" {
  name   = %q
  queues = [dli_queue.q.name]
%s}
`, name, connectionBody)
}

func moved(from, to string) string {
	return fmt.Sprintf("\nmoved {\n  from = %s\n  to   = %s\n}\n", from, to)
}

const (
	hwPoolAddr  = "huaweicloud_dli_elastic_resource_pool.p"
	poolAddr    = "dli_elastic_resource_pool.p"
	hwQueueAddr = "huaweicloud_dli_queue.q"
	queueAddr   = "dli_queue.q"
	hwConnAddr  = "huaweicloud_dli_datasource_connection.c"
	connAddr    = "dli_enhanced_connection.c"
)

// movedCase runs the migration of one kind of object: the huaweicloud-shaped
// configuration is applied, then replaced by ours with moved blocks. The move
// must plan no change to any object (Read after the move agrees with the
// configuration), keep every id, and leave nothing to do after the apply.
func movedCase(t *testing.T, hw, ours []string, pairs [][2]string, checks ...statecheck.StateCheck) {
	t.Helper()
	env := acctest.New(t)
	migration.Serve(t)
	var before, after []statecheck.StateCheck
	var noop []plancheck.PlanCheck
	for _, p := range pairs {
		same := statecheck.CompareValue(compare.ValuesSame())
		before = append(before, same.AddStateValue(p[0], tfjsonpath.New("id")))
		after = append(after, same.AddStateValue(p[1], tfjsonpath.New("id")))
		noop = append(noop, plancheck.ExpectResourceAction(p[1], plancheck.ResourceActionNoop))
		ours = append(ours, moved(p[0], p[1]))
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfcli.SkipUnlessMovesAcrossTypes()},
		ProtoV6ProviderFactories: migration.WithStandIn(acctest.ProviderFactories, env.Client(t), env.Region),
		Steps: []resource.TestStep{
			{
				Config:            env.Config(append([]string{migration.RequiredProviders()}, hw...)...),
				ConfigStateChecks: before,
			},
			{
				Config: env.Config(append([]string{migration.RequiredProviders()}, ours...)...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             noop,
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(after, checks...),
			},
		},
	})
}

// TestAccMigration_movedPool: moved from huaweicloud_dli_elastic_resource_pool. cidr
// becomes cidr_in_vpc; tags come from the state and are read back through
// DLI's tag API.
func TestAccMigration_movedPool(t *testing.T) {
	pool := acctest.Name("acc_moved_pool")
	movedCase(t, []string{hwPool(pool)}, []string{ourPool(pool)}, [][2]string{{hwPoolAddr, poolAddr}},
		statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("cidr_in_vpc"), knownvalue.StringExact("172.16.0.0/12")),
		statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("tags"),
			knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact("data")})),
		statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("status"), knownvalue.StringExact("AVAILABLE")),
	)
}

// TestAccMigration_movedQueue: moved from huaweicloud_dli_queue, with its pool.
func TestAccMigration_movedQueue(t *testing.T) {
	pool, queue := acctest.Name("acc_moved_pool"), acctest.Name("acc_moved_queue")
	movedCase(t, []string{hwPool(pool), hwQueue(queue)}, []string{ourPool(pool), ourQueue(queue)},
		[][2]string{{hwPoolAddr, poolAddr}, {hwQueueAddr, queueAddr}},
		statecheck.ExpectKnownValue(queueAddr, tfjsonpath.New("platform"), knownvalue.StringExact("x86_64")),
		statecheck.ExpectKnownValue(queueAddr, tfjsonpath.New("engine"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(queueAddr, tfjsonpath.New("queue_id"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(queueAddr, tfjsonpath.New("tags"),
			knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact("data")})),
	)
}

// TestAccMigration_movedConnection: moved from huaweicloud_dli_datasource_connection,
// with the pool and queue it binds; hosts and routes come along.
func TestAccMigration_movedConnection(t *testing.T) {
	pool, queue, conn := acctest.Name("acc_moved_pool"), acctest.Name("acc_moved_queue"), acctest.Name("acc_moved_conn")
	movedCase(t,
		[]string{hwPool(pool), hwQueue(queue), hwConnection(conn)},
		[]string{ourPool(pool), ourQueue(queue), ourConnection(conn)},
		[][2]string{{hwPoolAddr, poolAddr}, {hwQueueAddr, queueAddr}, {hwConnAddr, connAddr}},
		statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("hosts"), knownvalue.ListSizeExact(2)),
		statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("routes"), knownvalue.SetSizeExact(1)),
		statecheck.ExpectKnownValue(connAddr, tfjsonpath.New("bindings"), knownvalue.ListSizeExact(1)),
	)
}
