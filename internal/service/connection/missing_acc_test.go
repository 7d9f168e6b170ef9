package connection_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// DLI answers DLI.0001 "Connection xxx is not exist" for a connection id it
// does not know (the incumbent provider's
// resource_huaweicloud_dli_datasource_connection_privilege.go quotes it).
// These tests check that refresh, import and delete take that answer for
// "not found", and that it really was that answer they met.

// instantDelete is FastDelays with deletes that complete at once, so that the
// DELETE that follows a lost answer finds the connection already gone.
func instantDelete() emulator.Delays {
	d := acctest.FastDelays
	d.ConnectionDelete = 0
	return d
}

// bareConnectionHCL is a connection without bindings.
func bareConnectionHCL(name string, n network) string {
	return fmt.Sprintf(`
resource "dli_enhanced_connection" "test" {
  name      = %q
  vpc_id    = %q
  subnet_id = %q
}
`, name, n.vpc, n.subnet)
}

// answeredNotExist checks that a request of method on the connection's own
// path (not a sub-path) was answered DLI.0001.
func answeredNotExist(env *acctest.Env, method string, id *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range env.Emulator.Requests() {
			if r.Method == method && strings.HasSuffix(r.Path, "/enhanced-connections/"+*id) && r.ErrorCode == "DLI.0001" {
				return nil
			}
		}
		return fmt.Errorf("no %s of enhanced connection %s was answered DLI.0001", method, *id)
	}
}

// A connection removed out of band, which DLI no longer lists even as
// DELETED, is dropped from the state on refresh and created again.
func TestAccEnhancedConnection_removedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	n := destination(t, env)
	cfg := env.Config(bareConnectionHCL(acctest.Name("gone"), n))
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) (err error) {
					if id, err = connectionID(s); err == nil {
						env.Emulator.RemoveConnectionNow(id)
					}
					return err
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resName, plancheck.ResourceActionCreate)},
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg,
				Check:            answeredNotExist(env, "GET", &id),
				ConfigPlanChecks: acctest.EmptyPlanAfterApply(),
			},
		},
	})
}

// Importing an id DLI does not know fails with an error that says the
// connection was not found and names the id.
func TestAccEnhancedConnection_importMissing(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	n := destination(t, env)
	missing := "5f0c3c4e-0000-4000-8000-00000000dead"
	// The import step does not get the testing framework's provider source
	// added for it, so name the source the framework serves.
	source := acctest.RequiredProviders()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.Config(source, bareConnectionHCL(acctest.Name("imp"), n)),
			ResourceName:  resName,
			ImportState:   true,
			ImportStateId: missing,
			ExpectError:   regexp.MustCompile(acctest.Words(fmt.Sprintf(`Enhanced connection "%s" not found`, missing)).String()),
		}},
	})
	if err := answeredNotExist(env, "GET", &missing)(nil); err != nil {
		t.Error(err)
	}
}

// A delete whose answer is lost after DLI applied it is retried, meets
// DLI.0001 for the connection now gone, and the destroy succeeds.
func TestAccEnhancedConnection_deleteMeetsNotExist(t *testing.T) {
	env := acctest.NewWithDelays(t, instantDelete())
	env.RequireEmulator(t)
	n := destination(t, env)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			env.CheckConnectionsDestroyed(t),
			answeredNotExist(env, "DELETE", &id),
		),
		Steps: []resource.TestStep{{
			Config: env.Config(bareConnectionHCL(acctest.Name("del"), n)),
			Check: func(s *terraform.State) (err error) {
				if id, err = connectionID(s); err == nil {
					env.Emulator.AddFault(emulator.Fault{
						Method: "DELETE", PathRegexp: "/enhanced-connections/" + regexp.QuoteMeta(id) + "$",
						Status: 503, Code: "APIGW.0201", Message: "Request timeout", AfterApply: true, Count: 1,
					})
				}
				return err
			},
		}},
	})
}

// A connection that vanished between refresh and delete: DLI answers the
// DELETE with DLI.0001 "Connection xxx is not exist" and the destroy succeeds.
func TestAccEnhancedConnection_deleteAnsweredNotExist(t *testing.T) {
	env := acctest.NewWithDelays(t, instantDelete())
	env.RequireEmulator(t)
	n := destination(t, env)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckConnectionsDestroyed(t),
		Steps: []resource.TestStep{{
			Config: env.Config(bareConnectionHCL(acctest.Name("del"), n)),
			Check: func(s *terraform.State) (err error) {
				if id, err = connectionID(s); err == nil {
					// The delete takes effect (as the other party's did) and
					// DLI answers as for an unknown id.
					env.Emulator.AddFault(emulator.Fault{
						Method: "DELETE", PathRegexp: "/enhanced-connections/" + regexp.QuoteMeta(id) + "$",
						Status: 400, Code: "DLI.0001", Message: "Connection " + id + " is not exist", AfterApply: true, Count: 1,
					})
				}
				return err
			},
		}},
	})
}
