package connection_test

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestAccEnhancedConnection_statusCase: connection and binding statuses are
// compared ignoring case ("Listing Enhanced Datasource Connections" writes
// "Active"): a DLI answering "Active" and "Deleted" still lets create and
// destroy converge.
func TestAccEnhancedConnection_statusCase(t *testing.T) {
	d := acctest.FastDelays
	d.DeletedRetention = time.Hour // a DELETED connection must be taken as gone, whatever its case
	env := acctest.NewWithDelays(t, d)
	env.RequireEmulator(t)
	env.Emulator.SetStatusCase(emulator.StatusTitle)
	n := destination(t, env)
	pool, name := acctest.Name("pool"), acctest.Name("cased")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: env.Config(poolHCL(pool)) + connectionHCL(name, n, n.subnet,
					"  timeouts {\n    create = \"20s\"\n    delete = \"20s\"\n  }"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(resName, tfjsonpath.New("bindings").AtSliceIndex(0).AtMapKey("status"),
						knownvalue.StringExact("Active")),
				},
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			},
		},
	})
}
