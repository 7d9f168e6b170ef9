package examples

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// huaweicloudAddresses are the huaweicloud provider's addresses under each
// CLI's default registry host.
var huaweicloudAddresses = []string{
	"registry.terraform.io/huaweicloud/huaweicloud",
	"registry.opentofu.org/huaweicloud/huaweicloud",
}

// withHuaweicloudDouble builds the schema-only huaweicloud double (hwschema)
// next to the provider under test and adds it to the CLI's development
// overrides, so that examples that build their network with the huaweicloud
// provider validate offline against that provider's documented schema.
func withHuaweicloudDouble(t *testing.T, cli *tfcli.CLI) {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", filepath.Join(cli.PluginDir, "terraform-provider-huaweicloud"),
		"./internal/e2e/examples/hwschema")
	cmd.Dir = tfcli.ModuleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the huaweicloud double: %v\n%s", err, out)
	}
	conf, err := os.ReadFile(cli.ConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	var lines strings.Builder
	for _, a := range huaweicloudAddresses {
		lines.WriteString("    \"" + a + "\" = \"" + cli.PluginDir + "\"\n")
	}
	const anchor = "dev_overrides {\n"
	if !strings.Contains(string(conf), anchor) {
		t.Fatalf("the CLI configuration has no dev_overrides block:\n%s", conf)
	}
	conf = []byte(strings.Replace(string(conf), anchor, anchor+lines.String(), 1))
	if err := os.WriteFile(cli.ConfigFile, conf, 0o600); err != nil {
		t.Fatal(err)
	}
}

// validateRejectsHuaweicloud proves that the double answers for the
// huaweicloud provider: an argument its huaweicloud_vpc_subnet does not have
// (the CIDR is `cidr` there, not `cidr_block`) must fail validation.
func validateRejectsHuaweicloud(t *testing.T, cli *tfcli.CLI) {
	work := t.TempDir()
	bad := `terraform {
  required_providers {
    huaweicloud = { source = "huaweicloud/huaweicloud" }
  }
}

resource "huaweicloud_vpc_subnet" "s" {
  name       = "s"
  vpc_id     = "vpc"
  cidr_block = "192.168.0.0/24"
  gateway_ip = "192.168.0.1"
}
`
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	out := validate(t, cli, work)
	if out.Valid {
		t.Fatal("validate accepted cidr_block on huaweicloud_vpc_subnet; the double's schema was not used")
	}
	for _, d := range out.Diagnostics {
		if d.Severity == "error" && strings.Contains(d.Summary+d.Detail, "cidr_block") {
			return
		}
	}
	t.Fatalf("expected an error about cidr_block, got %+v", out.Diagnostics)
}
