package pool_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
)

// identityIs checks the pool's identity: its name, in DLI's lower case.
func identityIs(name string) statecheck.StateCheck {
	return statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"name": knownvalue.StringExact(name)})
}

// TestAccElasticResourcePool_identity: a pool created from a configuration
// that spells its name in upper case records the lower-case name as its
// identity (Terraform and OpenTofu 1.12+), and an import block with that
// identity imports it with an empty plan.
func TestAccElasticResourcePool_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("acc_pool_ident")
	config := env.Config(acctest.RequiredProviders(), poolHCL(strings.ToUpper(name), 64, 64))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{identityIs(name)}},
			{Config: config, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// TestAccElasticResourcePool_importBlockIdentity: a pool made outside
// Terraform is adopted with `import { identity = { name = ... } }` (the name
// in any case): the apply imports it without changing it, the state records
// its identity in lower case, and the next plan is empty.
func TestAccElasticResourcePool_importBlockIdentity(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name("acc_pool_idimp")
	importBlock := fmt.Sprintf(`
import {
  to       = dli_elastic_resource_pool.test
  identity = { name = %q }
}
`, strings.ToUpper(name))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{{
			// Created here, so that a CLI the test skips leaves no pool behind.
			PreConfig: func() {
				env.CreatePoolOutOfBand(t, client.CreatePoolInput{Name: name, MinCU: 64, MaxCU: 64}, client.PoolStatusAvailable)
			},
			Config: env.Config(importBlock, poolHCL(name, 64, 64)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{identityIs(name)},
		}},
	})
}
