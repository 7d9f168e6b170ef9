package queue_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
)

// TestAccQueue_descriptionInCharacters: a queue description is counted in
// characters. The API reference ("Creating a Queue") gives no limit, so the
// provider checks none at plan time and DLI judges; the emulator applies the
// user guide's 128 characters, and its refusal reaches the user naming the field.
func TestAccQueue_descriptionInCharacters(t *testing.T) {
	env := acctest.New(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue_zh")
	zh := func(n int) string { return strings.Repeat("队", n) }
	cfg := func(description string) string {
		return env.Config(poolConfig(pool), queueConfig(name, 16, fmt.Sprintf("  description = %q", description)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{
				// 128 characters, 384 bytes.
				Config: cfg(zh(128)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact(zh(128))),
				},
			},
			{
				Config:      cfg(zh(129)),
				ExpectError: regexp.MustCompile(`description\s+has\s+129\s+characters,\s+at\s+most\s+128`),
			},
		},
	})
}
