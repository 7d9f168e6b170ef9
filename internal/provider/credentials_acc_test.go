package provider_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// poolSigners lists the access keys that signed the DLI pool requests.
func poolSigners(e *emulator.Emulator) []string {
	var out []string
	for _, r := range e.Requests() {
		if strings.Contains(r.Path, "/elastic-resource-pools") {
			out = append(out, r.AccessKey)
		}
	}
	return out
}

// signedOnlyBy checks that every pool request was signed by one of keys.
func signedOnlyBy(e *emulator.Emulator, keys ...string) error {
	signers := poolSigners(e)
	if len(signers) == 0 {
		return errors.New("no pool request reached the emulator")
	}
	for _, s := range signers {
		found := false
		for _, k := range keys {
			found = found || s == k
		}
		if !found {
			return fmt.Errorf("a pool request was signed by %q, want one of %v", s, keys)
		}
	}
	return nil
}

// withoutEnvKeys clears the static keys from the environment, so that a test
// of another source cannot pass on keys the runner happens to have.
func withoutEnvKeys(t *testing.T) {
	t.Setenv(provider.EnvAccessKey, "")
	t.Setenv(provider.EnvSecretKey, "")
	t.Setenv(provider.EnvSecurityToken, "")
	t.Setenv(provider.EnvProfile, "")
	t.Setenv(provider.EnvSharedConfigFile, "")
	t.Setenv(provider.EnvAssumeRoleAgency, "")
}

// captureProviderLog sends the provider's logs of this test, at TRACE, to a
// file and returns a function that reads it.
func captureProviderLog(t *testing.T) func() string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))
	return func() string {
		b, err := os.ReadFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "__")+".log"))
		if err != nil {
			t.Fatalf("reading the provider log: %v", err)
		}
		return string(b)
	}
}

// checkNoTemporarySecret fails when any secret key or token the emulator
// handed out appears in text.
func checkNoTemporarySecret(t *testing.T, e *emulator.Emulator, what, text string) {
	t.Helper()
	issued := e.IssuedKeys()
	if len(issued) == 0 {
		t.Fatal("the emulator handed out no temporary keys")
	}
	for _, k := range issued {
		if strings.Contains(text, k.SecretKey) || strings.Contains(text, k.SecurityToken) {
			t.Fatalf("the %s shows a temporary secret key or security token", what)
		}
	}
}

func TestAccCredentials_environmentVariables(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	withoutEnvKeys(t)
	t.Setenv(provider.EnvAccessKey, env.AccessKey)
	t.Setenv(provider.EnvSecretKey, env.SecretKey)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderBlockNoKeys("") + poolConfig(acctest.Name("cred_env")),
			Check:  func(*terraform.State) error { return signedOnlyBy(env.Emulator, env.AccessKey) },
		}},
	})
}

func TestAccCredentials_sharedConfigProfile(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	withoutEnvKeys(t)
	file := filepath.Join(t.TempDir(), "config.json")
	doc := fmt.Sprintf(`{"current": "other", "profiles": [
  {"name": "other", "mode": "AKSK", "accessKeyId": "AKWRONG", "secretAccessKey": "wrong-secret"},
  {"name": "ci", "mode": "AKSK", "accessKeyId": %q, "secretAccessKey": %q}
]}`, env.AccessKey, env.SecretKey)
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	block := env.ProviderBlockNoKeys(fmt.Sprintf("  shared_config_file = %q\n  profile = \"ci\"", file))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: block + poolConfig(acctest.Name("cred_profile")),
			Check:  func(*terraform.State) error { return signedOnlyBy(env.Emulator, env.AccessKey) },
		}},
	})
}

func TestAccCredentials_ecsMetadata(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	withoutEnvKeys(t)
	env.Emulator.SetMetadataAgency("ecs_terraform")
	t.Setenv(provider.EnvMetadataEndpoint, env.URL)
	readLog := captureProviderLog(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderBlockNoKeys("") + poolConfig(acctest.Name("cred_meta")),
			Check: func(*terraform.State) error {
				var keys []string
				for _, k := range env.Emulator.IssuedKeys() {
					keys = append(keys, k.AccessKey)
				}
				return signedOnlyBy(env.Emulator, keys...)
			},
		}},
	})
	log := readLog()
	if !strings.Contains(log, "obtained temporary credentials") {
		t.Fatal("the provider log does not show the temporary credentials being obtained; was it captured?")
	}
	checkNoTemporarySecret(t, env.Emulator, "provider log", log)
}

func TestAccCredentials_assumeRole(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	withoutEnvKeys(t)
	env.Emulator.AddAgency("partner_domain", "dli_operator")
	readLog := captureProviderLog(t)
	block := env.ProviderBlockPlus(`
  assume_role {
    agency_name = "dli_operator"
    domain_name = "partner_domain"
    duration    = 3600
  }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: block + poolConfig(acctest.Name("cred_role")),
			Check: func(*terraform.State) error {
				roles := env.Emulator.AssumedRoles()
				if len(roles) == 0 {
					return errors.New("the provider did not assume the agency")
				}
				var keys []string
				for _, r := range roles {
					if r.CallerAccessKey != env.AccessKey || r.AgencyName != "dli_operator" ||
						r.DomainName != "partner_domain" || r.Duration.Seconds() != 3600 {
						return fmt.Errorf("unexpected assumption %+v", r)
					}
					keys = append(keys, r.AccessKey)
				}
				return signedOnlyBy(env.Emulator, keys...)
			},
		}},
	})
	checkNoTemporarySecret(t, env.Emulator, "provider log", readLog())
}

func TestAccCredentials_assumeRoleRefusedNamesTheAgency(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	withoutEnvKeys(t)
	block := env.ProviderBlockPlus(`
  assume_role {
    agency_name = "not_granted"
    domain_name = "partner_domain"
  }`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      block + poolConfig(acctest.Name("cred_refused")),
			ExpectError: regexp.MustCompile(`(?s)Assuming\s+agency\s+not_granted.*403`),
		}},
	})
}

func TestAccEnterpriseProject_inheritedAndOverridden(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	pool, queue := acctest.Name("eps_pool"), acctest.Name("eps_queue")
	block := env.ProviderBlockPlus(`  enterprise_project_id = "eps-provider"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: block + fmt.Sprintf(`
resource "dli_elastic_resource_pool" "p" {
  name   = %q
  max_cu = 64
  min_cu = 64
}

resource "dli_queue" "q" {
  name                       = %q
  elastic_resource_pool_name = dli_elastic_resource_pool.p.name
  cu_count                   = 16
  enterprise_project_id      = "eps-queue"
}
`, pool, queue),
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("dli_elastic_resource_pool.p", "enterprise_project_id", "eps-provider"),
				resource.TestCheckResourceAttr("dli_queue.q", "enterprise_project_id", "eps-queue"),
			),
		}},
	})
}

func TestAccCredentials_noKeysAndNoAgencyExplainsTheChain(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	withoutEnvKeys(t)
	t.Setenv(provider.EnvMetadataEndpoint, env.URL) // a metadata service whose server has no agency
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.ProviderBlockNoKeys("") + poolConfig(acctest.Name("cred_none")),
			ExpectError: regexp.MustCompile(`(?s)No\s+access\s+key\s+was\s+configured.*` + provider.EnvAccessKey +
				`.*shared_config_file.*Cloud\s+Service\s+Agency`),
		}},
	})
}
