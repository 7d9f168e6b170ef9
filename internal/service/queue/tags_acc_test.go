package queue_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestAccQueue_tagsInPlace: a tag change is an in-place update through the
// tag API, survives transient faults on the tag calls, a change made outside
// Terraform shows in the next plan, and an import reads the tags back.
func TestAccQueue_tagsInPlace(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue_tags")
	tagged := func(tags string) string {
		return env.Config(acctest.RequiredProviders(), poolConfig(pool), queueConfig(name, 16, "  tags = "+tags))
	}
	tags := func(kv map[string]string) []statecheck.StateCheck {
		checks := map[string]knownvalue.Check{}
		for k, v := range kv {
			checks[k] = knownvalue.StringExact(v)
		}
		return []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.MapExact(checks))}
	}
	update := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckQueuesDestroyed(t, name),
		Steps: []resource.TestStep{
			{Config: tagged(`{ owner = "a" }`), ConfigStateChecks: tags(map[string]string{"owner": "a"})},
			{
				// One transient failure on each tag call: 503 after the batch
				// calls took effect, 429 on the read.
				PreConfig: func() {
					for _, f := range []emulator.Fault{
						{Method: http.MethodPost, PathRegexp: "/dli_queue/[0-9]+/tags/delete$", Status: 503, Code: "DLI.0999", AfterApply: true, Count: 1},
						{Method: http.MethodPost, PathRegexp: "/dli_queue/[0-9]+/tags/create$", Status: 503, Code: "DLI.0999", AfterApply: true, Count: 1},
						{Method: http.MethodGet, PathRegexp: "/dli_queue/[0-9]+/tags$", Status: 429, Code: "APIGW.0308", Count: 1},
					} {
						env.Emulator.AddFault(f)
					}
				},
				Config:            tagged(`{ owner = "b", env = "x" }`),
				ConfigPlanChecks:  update,
				ConfigStateChecks: tags(map[string]string{"owner": "b", "env": "x"}),
			},
			{
				// Tags changed outside Terraform: the plan puts them back in place.
				PreConfig: func() {
					c := env.Client(t)
					q, err := c.GetQueue(context.Background(), name)
					if err != nil {
						t.Fatal(err)
					}
					id := strconv.FormatInt(q.QueueID, 10)
					if err := c.UpdateTags(context.Background(), client.TagQueue, id,
						[]client.Tag{{Key: "env", Value: "x"}, {Key: "owner", Value: "b"}},
						[]client.Tag{{Key: "owner", Value: "outside"}}); err != nil {
						t.Fatal(err)
					}
				},
				Config:            tagged(`{ owner = "b", env = "x" }`),
				ConfigPlanChecks:  update,
				ConfigStateChecks: tags(map[string]string{"owner": "b", "env": "x"}),
			},
			{
				Config:                  tagged(`{ owner = "b", env = "x" }`),
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: importIgnore,
			},
		},
	})
}

// TestAccQueue_tagsOmittedOrEmpty: leaving tags out and writing tags = {}
// both mean no tags, and neither plans a change after create or import.
func TestAccQueue_tagsOmittedOrEmpty(t *testing.T) {
	spellings := map[string]string{"omitted": "", "empty": "  tags = {}"}
	for label, spelling := range spellings {
		t.Run(label, func(t *testing.T) {
			env := acctest.New(t)
			pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue_notags")
			source := acctest.RequiredProviders()
			config := func(s string) string { return env.Config(source, poolConfig(pool), queueConfig(name, 16, s)) }
			steps := []resource.TestStep{
				{Config: env.Config(source, poolConfig(pool))},
				{
					PreConfig: func() {
						env.CreateQueueOutOfBand(t, client.CreateQueueInput{Name: name, Type: "sql", CUCount: 16, PoolName: pool})
					},
					Config:             config(spelling),
					ResourceName:       addr,
					ImportState:        true,
					ImportStateId:      name,
					ImportStatePersist: true,
				},
			}
			for _, s := range spellings {
				steps = append(steps, resource.TestStep{Config: config(s), PlanOnly: true})
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             env.CheckQueuesDestroyed(t, name),
				Steps:                    steps,
			})
		})
	}
}
