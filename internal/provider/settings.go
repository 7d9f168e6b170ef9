package provider

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Environment variables the provider reads. They are the huaweicloud provider's
// names so that users can switch providers without new secrets.
const (
	EnvRegion        = "HW_REGION_NAME"
	EnvAccessKey     = "HW_ACCESS_KEY"
	EnvSecretKey     = "HW_SECRET_KEY"
	EnvSecurityToken = "HW_SECURITY_TOKEN"
	EnvProjectID     = "HW_PROJECT_ID"
	EnvEndpoint      = "DLI_ENDPOINT"
	EnvIAMEndpoint   = "HW_IAM_ENDPOINT"
	EnvCloud         = "HW_CLOUD"
	EnvInsecure      = "HW_INSECURE"
	EnvMaxRetries    = "HW_MAX_RETRIES"
)

// Defaults for settings that are neither configured nor in the environment.
const (
	defaultCloud      = "myhuaweicloud.com"
	defaultMaxRetries = 5
)

// providerModel is the provider block as Terraform hands it over.
type providerModel struct {
	Region        types.String `tfsdk:"region"`
	AccessKey     types.String `tfsdk:"access_key"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	ProjectID     types.String `tfsdk:"project_id"`
	Endpoint      types.String `tfsdk:"endpoint"`
	IAMEndpoint   types.String `tfsdk:"iam_endpoint"`
	Cloud         types.String `tfsdk:"cloud"`
	Insecure      types.Bool   `tfsdk:"insecure"`
	MaxRetries    types.Int64  `tfsdk:"max_retries"`

	SharedConfigFile    types.String     `tfsdk:"shared_config_file"`
	Profile             types.String     `tfsdk:"profile"`
	AssumeRole          *assumeRoleModel `tfsdk:"assume_role"`
	EnterpriseProjectID types.String     `tfsdk:"enterprise_project_id"`
}

// stringSetting reads one string setting: the block's value, else its
// environment variable.
type stringSetting func(attr string, v types.String, envName string) string

// lookupEnv is os.LookupEnv; tests replace it to resolve settings without
// touching the process environment.
type lookupEnv func(string) (string, bool)

// resolveSettings merges the provider block with the environment (the block
// wins) and checks the result, so that every mistake is reported with the
// setting and its environment variable before any request is made.
func resolveSettings(m providerModel, env lookupEnv) (client.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	if env == nil {
		env = os.LookupEnv
	}
	var str stringSetting = func(attr string, v types.String, envName string) string {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(attr), "Unknown Provider Setting",
				fmt.Sprintf("The provider setting %q depends on a value that is not known until apply. "+
					"Set it to a literal or a variable, or use the %s environment variable.", attr, envName))
			return ""
		}
		if !v.IsNull() && v.ValueString() != "" {
			return v.ValueString()
		}
		if envName == "" {
			return ""
		}
		s, _ := env(envName)
		return strings.TrimSpace(s)
	}

	cfg := client.Config{
		Region:        str("region", m.Region, EnvRegion),
		AccessKey:     str("access_key", m.AccessKey, EnvAccessKey),
		SecretKey:     str("secret_key", m.SecretKey, EnvSecretKey),
		SecurityToken: str("security_token", m.SecurityToken, EnvSecurityToken),
		ProjectID:     str("project_id", m.ProjectID, EnvProjectID),
		Endpoint:      strings.TrimRight(str("endpoint", m.Endpoint, EnvEndpoint), "/"),
		IAMEndpoint:   strings.TrimRight(str("iam_endpoint", m.IAMEndpoint, EnvIAMEndpoint), "/"),
		Cloud:         str("cloud", m.Cloud, EnvCloud),
		MaxRetries:    defaultMaxRetries,

		EnterpriseProjectID: str("enterprise_project_id", m.EnterpriseProjectID, EnvEnterpriseProjectID),
	}
	if cfg.Cloud == "" {
		cfg.Cloud = defaultCloud
	}

	switch {
	case m.Insecure.IsUnknown():
		diags.AddAttributeError(path.Root("insecure"), "Unknown Provider Setting", "insecure must be known at plan time.")
	case !m.Insecure.IsNull():
		cfg.Insecure = m.Insecure.ValueBool()
	default:
		if s, ok := env(EnvInsecure); ok && s != "" {
			b, err := strconv.ParseBool(s)
			if err != nil {
				diags.AddAttributeError(path.Root("insecure"), "Invalid Provider Setting",
					fmt.Sprintf("The %s environment variable must be true or false, got %q.", EnvInsecure, s))
			}
			cfg.Insecure = b
		}
	}

	switch {
	case m.MaxRetries.IsUnknown():
		diags.AddAttributeError(path.Root("max_retries"), "Unknown Provider Setting", "max_retries must be known at plan time.")
	case !m.MaxRetries.IsNull():
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	default:
		if s, ok := env(EnvMaxRetries); ok && s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				diags.AddAttributeError(path.Root("max_retries"), "Invalid Provider Setting",
					fmt.Sprintf("The %s environment variable must be a whole number of 0 or more, got %q.", EnvMaxRetries, s))
			}
			cfg.MaxRetries = n
		}
	}
	if cfg.MaxRetries < 0 {
		diags.AddAttributeError(path.Root("max_retries"), "Invalid Provider Setting",
			fmt.Sprintf("max_retries must be 0 or more, got %d.", cfg.MaxRetries))
	}
	if diags.HasError() {
		return cfg, diags
	}
	diags.Append(resolveCredentials(&cfg, m, str, env)...)

	if cfg.Region == "" {
		diags.AddAttributeError(path.Root("region"), "Missing Region",
			fmt.Sprintf("The provider needs a region: set region in the provider block or the %s environment variable, "+
				"for example \"cn-north-4\".", EnvRegion))
	}
	for _, e := range []struct{ attr, envName, value string }{
		{"endpoint", EnvEndpoint, cfg.Endpoint},
		{"iam_endpoint", EnvIAMEndpoint, cfg.IAMEndpoint},
	} {
		if e.value == "" {
			continue
		}
		if msg := checkEndpoint(e.value); msg != "" {
			diags.AddAttributeError(path.Root(e.attr), "Invalid Endpoint",
				fmt.Sprintf("%s (or %s) is %q: %s", e.attr, e.envName, e.value, msg))
		}
	}
	if cfg.Insecure {
		diags.AddWarning("TLS Verification Disabled",
			"insecure = true: the provider does not verify the DLI and IAM certificates. "+
				"Use it only against a test endpoint; anyone between you and the endpoint can read your requests.")
	}
	return cfg, diags
}

// checkEndpoint accepts https URLs anywhere and plain http only on loopback
// addresses (a local emulator), because AK/SK-signed requests sent in clear text
// can be replayed by anyone on the path.
func checkEndpoint(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "it must be an absolute URL such as https://dli.cn-north-4.myhuaweicloud.com"
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if isLoopback(u.Hostname()) {
			return ""
		}
		return "plain http is only accepted for loopback addresses (127.0.0.1, ::1, localhost); use https"
	default:
		return "the scheme must be https (or http for a loopback address)"
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
