package migration_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/e2e/migration"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// withTimeouts adds a huaweicloud-style timeouts block (block syntax, as
// copied configurations have it) before the closing brace of a resource.
func withTimeouts(hcl, create string) string {
	i := strings.LastIndex(hcl, "}")
	return hcl[:i] + fmt.Sprintf("  timeouts {\n    create = %q\n  }\n", create) + hcl[i:]
}

// TestAccMigration_movedTimeoutsBlocks: a configuration moved from the huaweicloud
// provider keeps its timeouts blocks. The huaweicloud provider keeps timeouts
// out of its state, so the move arrives without them: the first plan updates
// each resource in place only to record them, the apply sends DLI nothing
// but reads, and the plan after it is empty (what the migration guide says).
func TestAccMigration_movedTimeoutsBlocks(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	migration.Serve(t)
	pool, queue, conn := acctest.Name("acc_moved_pool"), acctest.Name("acc_moved_queue"), acctest.Name("acc_moved_conn")
	ours := []string{
		migration.RequiredProviders(),
		withTimeouts(ourPool(pool), "90m"), withTimeouts(ourQueue(queue), "45m"), withTimeouts(ourConnection(conn), "30m"),
		moved(hwPoolAddr, poolAddr), moved(hwQueueAddr, queueAddr), moved(hwConnAddr, connAddr),
	}
	var update []plancheck.PlanCheck
	var recorded []statecheck.StateCheck
	for addr, create := range map[string]string{poolAddr: "90m", queueAddr: "45m", connAddr: "30m"} {
		update = append(update, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate))
		recorded = append(recorded, statecheck.ExpectKnownValue(addr, tfjsonpath.New("timeouts").AtMapKey("create"),
			knownvalue.StringExact(create)))
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfcli.SkipUnlessMovesAcrossTypes()},
		ProtoV6ProviderFactories: migration.WithStandIn(acctest.ProviderFactories, env.Client(t), env.Region),
		Steps: []resource.TestStep{
			{
				Config: env.Config(migration.RequiredProviders(), hwPool(pool), hwQueue(queue), hwConnection(conn)),
			},
			{
				PreConfig: env.Emulator.ResetRequests,
				Config:    env.Config(ours...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             update,
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: recorded,
				Check: func(*terraform.State) error {
					for _, r := range env.Emulator.Requests() {
						if r.Method != http.MethodGet {
							return fmt.Errorf("recording timeouts after the move sent %s %s", r.Method, r.Path)
						}
					}
					return nil
				},
			},
		},
	})
}
