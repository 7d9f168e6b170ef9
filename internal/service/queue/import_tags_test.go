package queue_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestAccQueue_importTags: an import cannot know a queue's tags. The next
// apply records the configured tags in place once the queue list's tag filter
// confirms them, and refuses tags the queue does not carry; once recorded, a
// change of tags replaces the queue again.
func TestAccQueue_importTags(t *testing.T) {
	env := acctest.New(t)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue_tags")
	// The import step does not get the testing framework's provider source
	// added for it, so name the source the framework serves.
	source := fmt.Sprintf(`
terraform {
  required_providers {
    dli = { source = %q }
  }
}
`, acctest.ProviderSource())
	tagged := func(v string) string {
		return env.Config(source, poolConfig(pool), queueConfig(name, 16, fmt.Sprintf("  tags = { owner = %q }", v)))
	}
	action := func(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{
			PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, a)},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		}
	}
	tags := func(v string) []statecheck.StateCheck {
		return []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"),
			knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact(v)}))}
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env, name),
		Steps: []resource.TestStep{
			{
				// The pool; an import cannot be the first step anyway.
				Config: env.Config(source, poolConfig(pool)),
			},
			{
				// Import, into the state, a queue created outside Terraform.
				PreConfig:          func() { createQueueOutOfBand(t, env, pool, name, client.Tag{Key: "owner", Value: "acctest"}) },
				Config:             tagged("acctest"),
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      name,
				ImportStatePersist: true,
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					// s also holds the pool, which was in the state already.
					for _, is := range s {
						if is.Attributes["name"] != name {
							continue
						}
						if is.Attributes["tags.%"] != "" || is.Attributes["cu_count"] != "16" {
							return fmt.Errorf("imported queue = %v, want cu_count 16 and no tags", is)
						}
						return nil
					}
					return fmt.Errorf("queue %s not imported: %v", name, s)
				},
			},
			{
				// Tags the queue does not carry: the in-place update is refused
				// and says how to replace the queue instead.
				Config: tagged("someone_else"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ExpectError: regexp.MustCompile(`does\s+not\s+carry\s+all\s+the\s+configured\s+tags(?s:.*)-replace`),
			},
			{
				Config:            tagged("acctest"),
				ConfigPlanChecks:  action(plancheck.ResourceActionUpdate),
				ConfigStateChecks: tags("acctest"),
			},
			{
				// Once recorded, tags are known and a change replaces the queue again.
				Config:            tagged("changed"),
				ConfigPlanChecks:  action(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: tags("changed"),
			},
		},
	})
}

// createQueueOutOfBand creates a 16-CU SQL queue in the pool through the API
// and waits until DLI reports it, as if someone had made it before adopting
// Terraform.
func createQueueOutOfBand(t *testing.T, env *acctest.Env, pool, name string, tags ...client.Tag) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	c := env.Client(t)
	in := client.CreateQueueInput{Name: name, Type: "sql", CUCount: 16, PoolName: pool, Tags: tags}
	if err := c.CreateQueue(ctx, in); err != nil {
		t.Fatalf("creating queue %s: %v", name, err)
	}
	for {
		q, err := c.GetQueue(ctx, name)
		if err == nil && q.CUCount == 16 {
			return
		}
		if err != nil && !client.IsNotFound(err) {
			t.Fatalf("reading queue %s: %v", name, err)
		}
		select {
		case <-ctx.Done():
			t.Fatalf("queue %s did not appear", name)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// TestAccQueue_importTagsAnyFilter: with a tags filter that keeps queues
// carrying any of its tags (the API reference does not say all or any), the
// import check still refuses a tag the queue lacks next to one it carries.
func TestAccQueue_importTagsAnyFilter(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	env.Emulator.SetTagFilter(emulator.TagFilterAny)
	pool, name := acctest.Name("tfacc_pool"), acctest.Name("tfacc_queue_anytag")
	source := fmt.Sprintf(`
terraform {
  required_providers {
    dli = { source = %q }
  }
}
`, acctest.ProviderSource())
	tagged := func(tags string) string {
		return env.Config(source, poolConfig(pool), queueConfig(name, 16, "  tags = "+tags))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(t, env, name),
		Steps: []resource.TestStep{
			{Config: env.Config(source, poolConfig(pool))},
			{
				PreConfig:          func() { createQueueOutOfBand(t, env, pool, name, client.Tag{Key: "owner", Value: "acctest"}) },
				Config:             tagged(`{ owner = "acctest" }`),
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      name,
				ImportStatePersist: true,
			},
			{
				Config:      tagged(`{ owner = "acctest", team = "x" }`),
				ExpectError: regexp.MustCompile(`does\s+not\s+carry\s+all\s+the\s+configured\s+tags(?s:.*)team=x`),
			},
			{
				Config: tagged(`{ owner = "acctest" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"),
					knownvalue.MapExact(map[string]knownvalue.Check{"owner": knownvalue.StringExact("acctest")}))},
			},
		},
	})
}
