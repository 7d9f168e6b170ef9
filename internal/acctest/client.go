package acctest

import (
	"context"
	"os"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// Client returns a DLI client that reaches the same DLI as the provider under
// test, for checks that look behind Terraform's back (CheckDestroy, out-of-band
// changes): the emulator, or the real cloud with the HW_* credentials.
func (e *Env) Client(t *testing.T) *client.Client {
	t.Helper()
	cfg := client.Config{Region: e.Region, MaxRetries: 3}
	if e.Emulator != nil {
		cfg.AccessKey, cfg.SecretKey, cfg.ProjectID = e.AccessKey, e.SecretKey, e.ProjectID
		cfg.Endpoint, cfg.IAMEndpoint = e.URL, e.URL
	} else {
		cfg.AccessKey, cfg.SecretKey = os.Getenv(provider.EnvAccessKey), os.Getenv(provider.EnvSecretKey)
		cfg.SecurityToken, cfg.ProjectID = os.Getenv(provider.EnvSecurityToken), os.Getenv(provider.EnvProjectID)
		cfg.Endpoint, cfg.IAMEndpoint = os.Getenv(provider.EnvEndpoint), os.Getenv(provider.EnvIAMEndpoint)
	}
	c, err := client.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("building a DLI client for test checks: %v", err)
	}
	return c
}

// ProviderSource is the address under which terraform-plugin-testing serves the
// provider (its host and namespace variables, with the framework's defaults),
// for configurations that need an explicit required_providers block.
func ProviderSource() string {
	host, namespace := os.Getenv("TF_ACC_PROVIDER_HOST"), os.Getenv("TF_ACC_PROVIDER_NAMESPACE")
	if host == "" {
		host = "registry.terraform.io"
	}
	if namespace == "" {
		namespace = "hashicorp"
	}
	return host + "/" + namespace + "/dli"
}
