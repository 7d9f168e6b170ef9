package queue_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

// TestAccQueue_identity: a queue records its name, in DLI's lower case, as
// its identity (Terraform and OpenTofu 1.12+), whatever case the
// configuration uses, and an import block with that identity imports it with
// an empty plan.
func TestAccQueue_identity(t *testing.T) {
	env := acctest.New(t)
	pool, name := acctest.Name("acc_pool"), acctest.Name("acc_queue_ident")
	config := env.Config(acctest.RequiredProviders(), poolConfig(pool), queueConfig(strings.ToUpper(name), 16, ""))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(addr,
					map[string]knownvalue.Check{"name": knownvalue.StringExact(name)})},
			},
			{Config: config, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}
