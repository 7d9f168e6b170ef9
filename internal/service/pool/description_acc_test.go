package pool_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

// TestAccElasticResourcePool_textLengthsInCharacters: DLI's limits on free
// text count characters ("Creating an Elastic Resource Pool": description at
// most 256 characters; tag keys 128, values 255), not UTF-8 bytes: 200
// Chinese characters (600 bytes) plan and apply, 257 characters do not plan.
func TestAccElasticResourcePool_textLengthsInCharacters(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name("acc_pool_zh")
	zh := func(n int) string { return strings.Repeat("池", n) }
	refused := func(extra, want string) resource.TestStep {
		return resource.TestStep{Config: env.Config(poolHCL(name, 64, 64, extra)), PlanOnly: true, ExpectError: acctest.Words(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckPoolsDestroyed(t),
		Steps: []resource.TestStep{
			refused(fmt.Sprintf("description = %q", zh(257)), "UTF-8 character count must be at most 256, got: 257"),
			refused(fmt.Sprintf("tags = { %q = \"v\" }", zh(129)), "UTF-8 character count must be between 1 and 128, got: 129"),
			refused(fmt.Sprintf("tags = { k = %q }", zh(256)), "UTF-8 character count must be at most 255, got: 256"),
			{
				Config: env.Config(poolHCL(name, 64, 64, fmt.Sprintf("description = %q", zh(200)),
					fmt.Sprintf("tags = { %q = %q }", zh(128), zh(255)))),
				ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{expect("description", knownvalue.StringExact(zh(200)))},
			},
		},
	})
}
