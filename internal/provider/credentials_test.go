package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func diagText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}

// wantErrorMentioning checks that diags hold an error and mention every
// word of want; it returns the diagnostics' text.
func wantErrorMentioning(t *testing.T, name string, diags diag.Diagnostics, want ...string) string {
	t.Helper()
	text := diagText(diags)
	if !diags.HasError() {
		t.Errorf("%s: want an error", name)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q does not mention %q", name, text, w)
		}
	}
	return text
}

func TestNoKeysAsksTheMetadataService(t *testing.T) {
	cfg, diags := resolveSettings(nullModel(), envOf(map[string]string{EnvRegion: "r"}))
	if diags.HasError() || cfg.MetadataEndpoint != client.DefaultMetadataEndpoint || cfg.AccessKey != "" {
		t.Fatalf("want the metadata service, got %+v %s", cfg, diagText(diags))
	}
	cfg, diags = resolveSettings(nullModel(), envOf(map[string]string{EnvRegion: "r", EnvMetadataEndpoint: "http://127.0.0.1:9/"}))
	if diags.HasError() || cfg.MetadataEndpoint != "http://127.0.0.1:9" {
		t.Fatalf("want the test override, got %q %s", cfg.MetadataEndpoint, diagText(diags))
	}
	for _, bad := range []string{"http://metadata.example.test", "https://127.0.0.1:9", "127.0.0.1:9"} {
		_, diags = resolveSettings(nullModel(), envOf(map[string]string{EnvRegion: "r", EnvMetadataEndpoint: bad}))
		if !diags.HasError() || !strings.Contains(diagText(diags), EnvMetadataEndpoint) {
			t.Errorf("%s: want an error naming %s, got %s", bad, EnvMetadataEndpoint, diagText(diags))
		}
	}
	cfg, _ = resolveSettings(nullModel(), envOf(map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK"}))
	if cfg.MetadataEndpoint != "" {
		t.Fatalf("keys in the environment must not ask the metadata service, got %q", cfg.MetadataEndpoint)
	}
}

const koocliConfig = `{
  "current": "dev",
  "profiles": [
    {"name": "dev", "mode": "AKSK", "accessKeyId": "AKDEV", "secretAccessKey": "sk-dev-secret", "region": "cn-north-4", "projectId": "pdev"},
    {"name": "ops", "mode": "AKSK", "accessKeyId": "AKOPS", "secretAccessKey": "sk-ops-secret", "securityToken": "tok-ops",
     "agencyName": "dli_ops", "agencyDomainName": "partner"},
    {"name": "sso", "mode": "SSO", "ssoAuth": {"stsToken": {"accessKeyId": "AKSSO", "secretAccessKey": "sk-sso-secret", "securityToken": "tok-sso"}}},
    {"name": "empty", "mode": "AKSK"}
  ]
}`

func writeKooCLI(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(p, []byte(koocliConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSharedConfigProfile(t *testing.T) {
	file := writeKooCLI(t)
	resolve := func(env map[string]string, block func(*providerModel)) (client.Config, diag.Diagnostics) {
		m := nullModel()
		if block != nil {
			block(&m)
		}
		return resolveSettings(m, envOf(env))
	}

	cfg, diags := resolve(map[string]string{EnvSharedConfigFile: file}, nil)
	if diags.HasError() || cfg.AccessKey != "AKDEV" || cfg.SecretKey != "sk-dev-secret" || cfg.Region != "cn-north-4" ||
		cfg.ProjectID != "pdev" || cfg.MetadataEndpoint != "" || cfg.AssumeRole != nil {
		t.Fatalf("current profile: got %+v %s", cfg, diagText(diags))
	}

	cfg, diags = resolve(map[string]string{EnvRegion: "eu-west-101", EnvProfile: "dev"}, func(m *providerModel) {
		m.SharedConfigFile = types.StringValue(file)
	})
	if diags.HasError() || cfg.Region != "eu-west-101" {
		t.Fatalf("the region setting must win over the profile's, got %q %s", cfg.Region, diagText(diags))
	}

	cfg, diags = resolve(map[string]string{EnvRegion: "r", EnvSharedConfigFile: file}, func(m *providerModel) {
		m.Profile = types.StringValue("ops")
	})
	if diags.HasError() || cfg.AccessKey != "AKOPS" || cfg.SecurityToken != "tok-ops" || cfg.AssumeRole == nil ||
		cfg.AssumeRole.AgencyName != "dli_ops" || cfg.AssumeRole.DomainName != "partner" {
		t.Fatalf("ops profile with its agency: got %+v %+v %s", cfg, cfg.AssumeRole, diagText(diags))
	}

	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.MkdirAll(filepath.Join(home, ".hcloud"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".hcloud", "config.json"), []byte(koocliConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"~/.hcloud/config.json", ""} {
		cfg, diags = resolve(map[string]string{EnvRegion: "r", EnvSharedConfigFile: f, EnvProfile: "ops"}, nil)
		if diags.HasError() || cfg.AccessKey != "AKOPS" {
			t.Fatalf("file %q in the home directory: got %+v %s", f, cfg, diagText(diags))
		}
	}

	cfg, diags = resolve(map[string]string{EnvRegion: "r", EnvSharedConfigFile: file, EnvProfile: "sso"}, nil)
	if diags.HasError() || cfg.AccessKey != "AKSSO" || cfg.SecretKey != "sk-sso-secret" || cfg.SecurityToken != "tok-sso" {
		t.Fatalf("SSO profile: got %+v %s", cfg, diagText(diags))
	}

	for name, tc := range map[string]struct {
		env  map[string]string
		want []string
	}{
		"unknown profile": {map[string]string{EnvRegion: "r", EnvSharedConfigFile: file, EnvProfile: "prod"}, []string{"prod", "dev, ops, sso, empty", EnvProfile}},
		"empty profile":   {map[string]string{EnvRegion: "r", EnvSharedConfigFile: file, EnvProfile: "empty"}, []string{"empty", "accessKeyId"}},
		"missing file":    {map[string]string{EnvRegion: "r", EnvSharedConfigFile: file + ".gone"}, []string{EnvSharedConfigFile, ".gone"}},
	} {
		_, diags := resolve(tc.env, nil)
		text := wantErrorMentioning(t, name, diags, tc.want...)
		for _, secret := range []string{"sk-dev-secret", "sk-ops-secret", "tok-ops", "sk-sso-secret"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s: diagnostics leak a secret: %s", name, text)
			}
		}
	}

	cfg, diags = resolve(map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvProfile: "ops", EnvSharedConfigFile: file}, nil)
	if diags.HasError() || cfg.AccessKey != "AK" || diags.WarningsCount() != 1 {
		t.Fatalf("keys come before the profile, with a warning: got %+v %s", cfg, diagText(diags))
	}
}

func TestAssumeRoleSettings(t *testing.T) {
	base := map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK"}
	with := func(extra map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}

	m := nullModel()
	m.AssumeRole = &assumeRoleModel{AgencyName: types.StringValue("a1"), DomainName: types.StringNull(), Duration: types.Int64Value(3600)}
	cfg, diags := resolveSettings(m, envOf(with(map[string]string{EnvAssumeRoleDomain: "d1", EnvAssumeRoleDuration: "7200"})))
	if diags.HasError() || cfg.AssumeRole == nil || *cfg.AssumeRole != (client.AssumeRole{AgencyName: "a1", DomainName: "d1", Duration: time.Hour}) {
		t.Fatalf("block with a domain from the environment: got %+v %s", cfg.AssumeRole, diagText(diags))
	}

	cfg, diags = resolveSettings(nullModel(), envOf(with(map[string]string{
		EnvAssumeRoleAgency: "a2", EnvAssumeRoleDomain: "d2", EnvAssumeRoleDuration: "900",
	})))
	if diags.HasError() || cfg.AssumeRole == nil || *cfg.AssumeRole != (client.AssumeRole{AgencyName: "a2", DomainName: "d2", Duration: 15 * time.Minute}) {
		t.Fatalf("environment only: got %+v %s", cfg.AssumeRole, diagText(diags))
	}

	cfg, _ = resolveSettings(nullModel(), envOf(base))
	if cfg.AssumeRole != nil {
		t.Fatalf("no agency anywhere: want none, got %+v", cfg.AssumeRole)
	}

	for name, tc := range map[string]struct {
		env  map[string]string
		want []string
	}{
		"no domain":    {with(map[string]string{EnvAssumeRoleAgency: "a"}), []string{"domain_name", EnvAssumeRoleDomain}},
		"bad duration": {with(map[string]string{EnvAssumeRoleAgency: "a", EnvAssumeRoleDomain: "d", EnvAssumeRoleDuration: "1h"}), []string{EnvAssumeRoleDuration, "1h"}},
		"too short":    {with(map[string]string{EnvAssumeRoleAgency: "a", EnvAssumeRoleDomain: "d", EnvAssumeRoleDuration: "60"}), []string{"900", "60"}},
	} {
		_, diags := resolveSettings(nullModel(), envOf(tc.env))
		wantErrorMentioning(t, name, diags, tc.want...)
	}
}

func TestEnterpriseProjectSetting(t *testing.T) {
	env := map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvEnterpriseProjectID: "eps-env"}
	cfg, _ := resolveSettings(nullModel(), envOf(env))
	if cfg.EnterpriseProjectID != "eps-env" {
		t.Fatalf("from the environment: got %q", cfg.EnterpriseProjectID)
	}
	m := nullModel()
	m.EnterpriseProjectID = types.StringValue("eps-block")
	cfg, _ = resolveSettings(m, envOf(env))
	if cfg.EnterpriseProjectID != "eps-block" {
		t.Fatalf("the block wins: got %q", cfg.EnterpriseProjectID)
	}
}
