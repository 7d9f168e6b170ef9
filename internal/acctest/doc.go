// Package acctest is the shared test kit: what every acceptance test needs
// (provider factories, the DLI emulator started per test with short delays,
// the provider block that points Terraform at it) and the helpers the service
// and end-to-end tests would otherwise copy: configuration builders (Pool,
// Queue, RequiredProviders), error matchers (Words, WordsPattern), state and
// plan checks (StringsExact, EmptyPlanAfterApply, Planned, ExpectRequests,
// CheckRequests, PlanCheckFunc, RequestSeen, ListPagedTo), steps (ImportStep,
// RefreshStep), CheckPoolsDestroyed /
// CheckQueuesDestroyed / CheckConnectionsDestroyed, out-of-band changes
// (CreatePoolOutOfBand, CreateQueueOutOfBand, CreateConnectionOutOfBand,
// ScalePoolOutOfBand, Seed), polling (PollUntil, Eventually) and MoveState
// for unit tests of state movers. The real CLI is driven by
// internal/e2e/tfcli. When
// HW_ACCESS_KEY, HW_SECRET_KEY and HW_REGION_NAME are all set, the same
// tests run against the real cloud instead; tests that need the emulator's
// fault injection or out-of-band helpers skip themselves there.
//
// # Naming scheme
//
// Acceptance tests (they need TF_ACC and drive Terraform or OpenTofu) are
// named TestAcc<Kind>_<behaviour>, where Kind is the resource in the
// provider's words (ElasticResourcePool, Queue, EnhancedConnection,
// Provider) or, for end-to-end tests, the package's subject (Scenario,
// Import, Migration, Examples). The test that walks one resource through
// create, import, update and destroy is TestAcc<Kind>_basic. Acceptance tests
// live in files named *_acc_test.go; unit tests (no TF_ACC, no CLI) in
// *_test.go. A file holds one kind or the other, never both, so that
// `go test -run TestAcc` and the file list tell the same story; a file of
// helpers only is named for what it holds (helpers_test.go). A file that is
// for one OS keeps its build constraint as a //go:build line, since the
// _acc suffix hides a _linux one.
//
// End-to-end tests, which need more than one resource or the real CLI's own
// workflows, live under internal/e2e: scenarios (faults, interrupts, bad
// input, secrets), imports, migration (from the huaweicloud provider) and
// examples, with tfcli as their one CLI driver.
//
// Checks assert through the framework: an assertion about what a step did
// is a Check, a ConfigStateCheck or a plan check (see ExpectRequests and
// PlanCheckFunc), never t.Errorf in a PreConfig hook; PreConfig only
// changes the world (faults, out-of-band changes) before a step.
package acctest
