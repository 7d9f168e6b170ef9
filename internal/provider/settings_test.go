package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func envOf(m map[string]string) lookupEnv {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func nullModel() providerModel {
	return providerModel{
		Region: types.StringNull(), AccessKey: types.StringNull(), SecretKey: types.StringNull(),
		SecurityToken: types.StringNull(), ProjectID: types.StringNull(), Endpoint: types.StringNull(),
		IAMEndpoint: types.StringNull(), Cloud: types.StringNull(), Insecure: types.BoolNull(),
		MaxRetries: types.Int64Null(),
	}
}

func TestResolveSettingsFromEnvironment(t *testing.T) {
	cfg, diags := resolveSettings(nullModel(), envOf(map[string]string{
		EnvRegion: "cn-north-4", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvSecurityToken: "TOK",
		EnvProjectID: "pid", EnvEndpoint: "https://dli.example.test/", EnvIAMEndpoint: "https://iam.example.test",
		EnvMaxRetries: "7", EnvInsecure: "false",
	}))
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if cfg.Region != "cn-north-4" || cfg.AccessKey != "AK" || cfg.SecretKey != "SK" || cfg.SecurityToken != "TOK" ||
		cfg.ProjectID != "pid" || cfg.Endpoint != "https://dli.example.test" || cfg.IAMEndpoint != "https://iam.example.test" ||
		cfg.MaxRetries != 7 || cfg.Cloud != defaultCloud || cfg.Insecure {
		t.Fatalf("unexpected config %+v", cfg)
	}
}

func TestResolveSettingsBlockWinsOverEnvironment(t *testing.T) {
	m := nullModel()
	m.Region = types.StringValue("eu-west-101")
	m.AccessKey = types.StringValue("AK2")
	m.SecretKey = types.StringValue("SK2")
	m.Cloud = types.StringValue("myhuaweicloud.eu")
	m.MaxRetries = types.Int64Value(0)
	cfg, diags := resolveSettings(m, envOf(map[string]string{EnvRegion: "cn-north-4", EnvAccessKey: "AK", EnvSecretKey: "SK"}))
	if diags.HasError() {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	if cfg.Region != "eu-west-101" || cfg.AccessKey != "AK2" || cfg.SecretKey != "SK2" || cfg.Cloud != "myhuaweicloud.eu" || cfg.MaxRetries != 0 {
		t.Fatalf("unexpected config %+v", cfg)
	}
}

func TestResolveSettingsErrorsNameSettingAndVariable(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"no region", map[string]string{EnvAccessKey: "AK", EnvSecretKey: "SK"}, []string{"region", EnvRegion}},
		{"no secret key", map[string]string{EnvRegion: "r", EnvAccessKey: "AK"}, []string{"secret_key", EnvSecretKey}},
		{"no access key", map[string]string{EnvRegion: "r", EnvSecretKey: "SK"}, []string{"access_key", EnvAccessKey}},
		{"bad retries", map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvMaxRetries: "many"}, []string{EnvMaxRetries, "many"}},
		{"bad insecure", map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvInsecure: "perhaps"}, []string{EnvInsecure, "perhaps"}},
		{"http not loopback", map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvEndpoint: "http://dli.example.test"}, []string{"endpoint", "loopback", "https"}},
		{"relative endpoint", map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvIAMEndpoint: "iam.example.test"}, []string{"iam_endpoint", "absolute URL"}},
		{"ftp endpoint", map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK", EnvEndpoint: "ftp://x.test"}, []string{"endpoint", "scheme"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := resolveSettings(nullModel(), envOf(tc.env))
			if !diags.HasError() {
				t.Fatal("expected an error")
			}
			var all strings.Builder
			for _, d := range diags.Errors() {
				all.WriteString(d.Summary() + " " + d.Detail() + "\n")
			}
			for _, w := range tc.want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("errors %q do not mention %q", all.String(), w)
				}
			}
		})
	}
}

func TestResolveSettingsSecretsNeverInDiagnostics(t *testing.T) {
	m := nullModel()
	m.SecretKey = types.StringValue("s3cr3t-value")
	m.SecurityToken = types.StringValue("t0ken-value")
	m.Endpoint = types.StringValue("http://example.test")
	_, diags := resolveSettings(m, envOf(nil))
	for _, d := range diags {
		for _, s := range []string{"s3cr3t-value", "t0ken-value"} {
			if strings.Contains(d.Summary()+d.Detail(), s) {
				t.Fatalf("diagnostic leaks a secret: %s %s", d.Summary(), d.Detail())
			}
		}
	}
}

func TestLoopbackHTTPAcceptedAndInsecureWarns(t *testing.T) {
	for _, ep := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"} {
		m := nullModel()
		m.Endpoint = types.StringValue(ep)
		m.Insecure = types.BoolValue(true)
		_, diags := resolveSettings(m, envOf(map[string]string{EnvRegion: "r", EnvAccessKey: "AK", EnvSecretKey: "SK"}))
		if diags.HasError() {
			t.Fatalf("%s: unexpected error %v", ep, diags)
		}
		if diags.WarningsCount() != 1 || !strings.Contains(diags.Warnings()[0].Summary(), "TLS") {
			t.Fatalf("%s: want one TLS warning, got %v", ep, diags)
		}
	}
}

func TestUnknownSettingIsAnError(t *testing.T) {
	m := nullModel()
	m.Region = types.StringUnknown()
	_, diags := resolveSettings(m, envOf(map[string]string{EnvAccessKey: "AK", EnvSecretKey: "SK"}))
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "region") {
		t.Fatalf("want an error naming region, got %v", diags)
	}
}
