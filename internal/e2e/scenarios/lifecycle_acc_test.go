package scenarios_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// ownEmulator starts an emulator the test controls itself (clock, state
// file, restarts) and returns the environment pointing at it.
func ownEmulator(t *testing.T, tweak func(*emulator.Config)) (*acctest.Env, *emulator.Server, emulator.Config) {
	t.Helper()
	cfg := scenarioConfig(t, tweak)
	srv, err := emulator.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	env := &acctest.Env{Emulator: srv.Emulator, URL: srv.URL, Region: cfg.Region, AccessKey: cfg.AccessKey,
		SecretKey: cfg.SecretKey, ProjectID: srv.Emulator.ProjectID()}
	return env, srv, cfg
}

// scenarioConfig is the configuration of an emulator a test runs itself,
// with fresh random keys; it skips the test outside acceptance runs.
func scenarioConfig(t *testing.T, tweak func(*emulator.Config)) emulator.Config {
	t.Helper()
	acctest.PreCheck(t)
	if acctest.RealCloud() {
		t.Skip("needs the DLI emulator")
	}
	_ = acctest.New(t) // shortens the provider's polling like every acceptance test
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	cfg := emulator.Config{
		AccessKey: "AKSCENARIO" + strings.ToUpper(hex.EncodeToString(key[:4])),
		SecretKey: hex.EncodeToString(key),
		Region:    "cn-north-4",
		Delays:    acctest.FastDelays,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	return cfg
}

// TestAccScenario_outOfBandDeletion: the pool, the queue and the connection
// are deleted behind Terraform's back (the connection left DELETED, as DLI
// keeps reporting it for a while). The refresh drops them without an error
// and the plan creates all three again.
func TestAccScenario_outOfBandDeletion(t *testing.T) {
	env := emulatorEnv(t)
	s := newStack("sc_oob")
	config := env.Config(s.hcl(128, 16))
	var connID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             nothingLeft(t, env, s),
		Steps: []resource.TestStep{
			{
				Config: config,
				// The connection to delete out of band: the one DLI holds.
				Check: func(*terraform.State) error {
					conns, err := env.Client(t).ListConnections(context.Background(), client.ConnectionFilter{Name: s.conn})
					if err != nil || len(conns) != 1 {
						return fmt.Errorf("finding connection %s: %v (%d found)", s.conn, err, len(conns))
					}
					connID = conns[0].ID
					return nil
				},
			},
			{
				PreConfig: func() {
					env.Emulator.DeleteConnectionNow(connID)
					env.Emulator.DeleteQueueNow(s.queue)
					env.Emulator.DeletePoolNow(s.pool)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dli_elastic_resource_pool.p", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("dli_queue.q", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("dli_enhanced_connection.c", plancheck.ResourceActionCreate),
					},
				},
				Check: func(st *terraform.State) error { return onlyTracked(t, env, s, st) },
			},
		},
	})
}

// TestAccScenario_clockSkewAndWrongKeys: requests refused for a skewed clock
// or wrong keys fail with a message that says what to fix.
func TestAccScenario_clockSkewAndWrongKeys(t *testing.T) {
	skewed, _, _ := ownEmulator(t, func(c *emulator.Config) {
		c.Now = func() time.Time { return time.Now().Add(40 * time.Minute) }
	})
	pool := func(provider string) string {
		return provider + acctest.Pool{Label: "p", Name: acctest.Name("sc_auth")}.HCL()
	}
	env := emulatorEnv(t)
	wrongAK := strings.Replace(env.ProviderBlock(), env.AccessKey, "AKWRONGWRONGWRONG", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: pool(skewed.ProviderBlock()),
				ExpectError: regexp.MustCompile(`(?s)authentication failed.*` + acctest.WordsPattern("request time is outside the allowed skew") + `.*` +
					acctest.WordsPattern("system clock is correct")),
			},
			{
				Config:      pool(env.ProviderBlockWith("wrong-secret-key")),
				ExpectError: regexp.MustCompile(`(?s)` + acctest.WordsPattern("signature does not match") + `.*` + acctest.WordsPattern("check access_key and secret_key")),
			},
			{
				Config:      pool(wrongAK),
				ExpectError: regexp.MustCompile(`(?s)` + acctest.WordsPattern("access key is unknown") + `.*` + acctest.WordsPattern("check access_key and secret_key")),
			},
		},
	})
	if got := len(env.Emulator.Requests()) + len(skewed.Emulator.Requests()); got == 0 {
		t.Fatal("no request reached the emulators: the refusals did not come from the API")
	}
}

// TestAccScenario_deletionOrderAndBlockers: Terraform's graph deletes the
// connection before the queue and the queue before the pool; a queue bound to
// a connection Terraform does not manage, which DLI would refuse to delete,
// is unbound from it first, and the outsider connection stays.
func TestAccScenario_deletionOrderAndBlockers(t *testing.T) {
	// Deleting a connection takes a while in DLI; the outsider keeps its
	// binding until it is gone. A delete slower than Terraform's refresh makes
	// the test depend on waiting for that, not on how busy the machine is.
	delays := acctest.FastDelays
	delays.ConnectionDelete = 2 * time.Second
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	s := newStack("sc_order")
	config := env.Config(s.hcl(128, 16))
	outsider := acctest.Name("sc_outsider")
	// managedID is the managed connection's id: the order check must not be
	// satisfied by the test's own delete of the outsider.
	var outsiderID, managedID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(st *terraform.State) error {
			if err := nothingLeft(t, env, s)(st); err != nil {
				return err
			}
			// Deletes came in dependency order.
			var order []string
			for _, r := range env.Emulator.Requests() {
				if r.Method == "DELETE" && r.Status == 200 {
					order = append(order, r.Path)
				}
			}
			want := []string{"enhanced-connections/" + managedID, "queues/" + s.queue, "elastic-resource-pools/" + s.pool}
			j := 0
			for _, p := range order {
				if j < len(want) && strings.Contains(p, want[j]) {
					j++
				}
			}
			if j != len(want) {
				return fmt.Errorf("deletes not in dependency order: %v", order)
			}
			// The outsider was left in place, without the deleted queue.
			conn, err := env.Client(t).GetConnection(context.Background(), outsiderID)
			if err != nil {
				return fmt.Errorf("the outsider connection: %w", err)
			}
			if len(conn.Queues) != 0 {
				return fmt.Errorf("the outsider connection still binds %v", conn.Queues)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(st *terraform.State) error {
					rs, found := st.RootModule().Resources["dli_enhanced_connection.c"]
					if !found || rs.Primary.ID == "" {
						return errors.New("the managed connection is not in the state")
					}
					managedID = rs.Primary.ID
					return nil
				},
			},
			{
				// A connection outside Terraform binds the queue.
				PreConfig: func() {
					id, err := env.Client(t).CreateConnection(context.Background(), client.CreateConnectionInput{
						Name: outsider, VPCID: vpcID, SubnetID: subnetID, Queues: []string{s.queue},
					})
					if err != nil {
						t.Fatal(err)
					}
					outsiderID = id
				},
				Config:  config,
				Destroy: true,
			},
		},
	})
}

// TestAccScenario_connectionCreateTimeout: the wait for the bindings times
// out after the create call succeeded. The connection is in the state
// (tainted), the next apply replaces it, and no untracked connection remains.
func TestAccScenario_connectionCreateTimeout(t *testing.T) {
	delays := acctest.FastDelays
	delays.ConnectionPeering = 4 * time.Second
	env := acctest.NewWithDelays(t, delays)
	env.RequireEmulator(t)
	s := newStack("sc_ctimeout")
	config := func(timeout string) string {
		return env.Config(strings.Replace(s.hcl(128, 16), "  queues                 = [dli_queue.q.name]",
			"  queues                 = [dli_queue.q.name]\n  timeouts { create = \""+timeout+"\" }", 1))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             nothingLeft(t, env, s),
		Steps: []resource.TestStep{
			{
				Config:      config("1s"),
				ExpectError: regexp.MustCompile(`(?s)Error Creating DLI Enhanced Connection.*timed out`),
			},
			{
				Config: config("1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dli_enhanced_connection.c", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				Check: func(st *terraform.State) error { return onlyTracked(t, env, s, st) },
			},
		},
	})
}
