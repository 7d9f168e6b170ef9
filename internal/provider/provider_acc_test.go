package provider_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// poolConfig is the smallest configuration that makes Terraform configure the
// provider and call the API.
func poolConfig(name string) string { return acctest.Pool{Label: "p", Name: name}.HCL() }

// withoutProjectID is the emulator's provider block minus project_id, so that
// the provider resolves the project through IAM with a signed request.
func withoutProjectID(block string) string {
	var kept []string
	for _, line := range strings.Split(block, "\n") {
		if !strings.Contains(line, "project_id") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

func TestAccProvider_correctKeysWork(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: withoutProjectID(env.ProviderBlock()) + poolConfig(acctest.Name("keys_ok")),
			Check: func(*terraform.State) error {
				for _, r := range env.Emulator.Requests() {
					if strings.HasPrefix(r.Path, "/v3/projects") && r.Status == 200 {
						return nil
					}
				}
				return errors.New("the provider did not resolve the project id through IAM")
			},
		}},
	})
}

func TestAccProvider_wrongSecretKeySaysAuthenticationFailed(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	const wrong = "wrongsecretkey0123456789abcdefwrongsecret"
	for name, block := range map[string]string{
		"with project id":    env.ProviderBlockWith(wrong),
		"through IAM lookup": withoutProjectID(env.ProviderBlockWith(wrong)),
	} {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				// ErrorCheck sees the whole error text: the right words must be
				// there and no secret may be. (ExpectError would bypass it.)
				ErrorCheck: func(err error) error {
					if err == nil {
						return errors.New("expected an authentication error")
					}
					msg := err.Error()
					for _, secret := range []string{wrong, env.SecretKey} {
						if strings.Contains(msg, secret) {
							return fmt.Errorf("the error shows a secret key: %s", msg)
						}
					}
					if !regexp.MustCompile(`(?i)authentication failed`).MatchString(msg) {
						return fmt.Errorf("the error does not say authentication failed: %s", msg)
					}
					return nil
				},
				Steps: []resource.TestStep{{
					Config: block + poolConfig(acctest.Name("keys_bad")),
					Check: func(*terraform.State) error {
						return errors.New("apply succeeded with a wrong secret key")
					},
				}},
			})
		})
	}
}

func TestAccProvider_missingRegionNamesTheSetting(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	t.Setenv(provider.EnvRegion, "")
	block := strings.Replace(env.ProviderBlock(), fmt.Sprintf("region       = %q", env.Region), "", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      block + poolConfig(acctest.Name("no_region")),
			ExpectError: regexp.MustCompile(`(?s)region.*` + provider.EnvRegion),
		}},
	})
}
