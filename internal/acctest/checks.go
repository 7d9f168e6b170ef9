package acctest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// WordsPattern is a regular expression for a phrase of an error however
// Terraform wrapped its lines: the words quoted, any white space between.
func WordsPattern(phrase string) string {
	parts := strings.Fields(phrase)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, `\s+`)
}

// Words is WordsPattern compiled, for ExpectError.
func Words(phrase string) *regexp.Regexp { return regexp.MustCompile(WordsPattern(phrase)) }

// StringsExact is a list check of these exact strings, in order.
func StringsExact(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(values))
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return knownvalue.ListExact(checks)
}

// EmptyPlanAfterApply expects nothing left to do once the step applied and
// refreshed: the state matches both the configuration and DLI.
func EmptyPlanAfterApply() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// Planned expects the step to plan action for the resource at addr (extra
// checks run on the same plan) and an empty plan after it applied.
func Planned(addr string, action plancheck.ResourceActionType, extra ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}, extra...),
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// PlanCheckFunc is a plan check that runs check when the framework checks
// the plan: for assertions about DLI itself at a chosen point of a step, so
// that a failure fails that step with the step's context.
func PlanCheckFunc(what string, check func() error) plancheck.PlanCheck {
	return funcCheck{what: what, check: check}
}

type funcCheck struct {
	what  string
	check func() error
}

func (c funcCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if err := c.check(); err != nil {
		resp.Error = fmt.Errorf("%s: %w", c.what, err)
	}
}

// CheckRequests is a plan check over the emulator's request log (since the
// last ResetRequests): check returns what is wrong with it.
func (e *Env) CheckRequests(what string, check func([]emulator.RequestRecord) error) plancheck.PlanCheck {
	return PlanCheckFunc(what, func() error { return check(e.Emulator.Requests()) })
}

// ExpectRequests is a plan check that the request log (since the last
// ResetRequests) holds exactly n requests whose method is method (any
// method when empty) and whose path matches pathRegexp. With
// PostApplyPostRefresh on a PlanOnly step after ResetRequests it pins what
// a refresh sends.
func (e *Env) ExpectRequests(method, pathRegexp string, n int) plancheck.PlanCheck {
	re := regexp.MustCompile(pathRegexp)
	what := fmt.Sprintf("%d %s requests to %s", n, orAny(method), pathRegexp)
	return e.CheckRequests(what, func(recs []emulator.RequestRecord) error {
		var matched []string
		for _, r := range recs {
			if (method == "" || r.Method == method) && re.MatchString(r.Path) {
				matched = append(matched, r.Method+" "+r.Path)
			}
		}
		if len(matched) != n {
			return fmt.Errorf("found %d:\n%s", len(matched), strings.Join(matched, "\n"))
		}
		return nil
	})
}

func orAny(method string) string {
	if method == "" {
		return "(any method)"
	}
	return method
}

// RequestSeen is a Check that the request log holds a request that match
// accepts; what describes it for the failure ("a pool list request for
// offset 200").
func (e *Env) RequestSeen(what string, match func(emulator.RequestRecord) bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range e.Emulator.Requests() {
			if match(r) {
				return nil
			}
		}
		return fmt.Errorf("no %s in the request log", what)
	}
}

// Seed adds a batch of objects through one of the emulator's Seed* methods
// (env.Emulator.SeedPools, SeedQueues, SeedConnections) and fails the test
// when it cannot. It returns the names or ids.
func Seed(t *testing.T, add func(emulator.Seed) ([]string, error), s emulator.Seed) []string {
	t.Helper()
	out, err := add(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// RefreshStep is a PlanOnly step that clears the request log, plans config
// (with its refresh) and then runs checks, typically ExpectRequests or
// CheckRequests, over what that plan sent: it pins the API calls a refresh
// makes. The plan must be empty, as every PlanOnly step's.
func (e *Env) RefreshStep(config string, checks ...plancheck.PlanCheck) resource.TestStep {
	return resource.TestStep{
		PreConfig:        e.Emulator.ResetRequests,
		Config:           config,
		PlanOnly:         true,
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: checks},
	}
}

// ImportStep imports the resource at addr by id and verifies that the
// imported state equals the applied one, except the ignored attributes
// (what only the configuration holds, such as timeouts).
func ImportStep(addr, id string, ignore ...string) resource.TestStep {
	return resource.TestStep{
		ResourceName:            addr,
		ImportState:             true,
		ImportStateId:           id,
		ImportStateVerify:       true,
		ImportStateVerifyIgnore: ignore,
	}
}

// ListPagedTo is a Check that some list request to a path ending in
// pathSuffix asked for the page at offset: a data source read past the
// first pages instead of stopping early.
func (e *Env) ListPagedTo(pathSuffix string, offset int) resource.TestCheckFunc {
	param := fmt.Sprintf("offset=%d", offset)
	return e.RequestSeen("list request to ..."+pathSuffix+" for "+param+" (the data sources stopped paging early)",
		func(r emulator.RequestRecord) bool {
			return strings.HasSuffix(r.Path, pathSuffix) && strings.Contains(r.Query, param)
		})
}
