package provider

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Environment variables of the credential chain, with the huaweicloud
// provider's names (huaweicloud/provider.go).
const (
	EnvSharedConfigFile    = "HW_SHARED_CONFIG_FILE"
	EnvProfile             = "HW_PROFILE"
	EnvAssumeRoleAgency    = "HW_ASSUME_ROLE_AGENCY_NAME"
	EnvAssumeRoleDomain    = "HW_ASSUME_ROLE_DOMAIN_NAME"
	EnvAssumeRoleDuration  = "HW_ASSUME_ROLE_DURATION"
	EnvEnterpriseProjectID = "HW_ENTERPRISE_PROJECT_ID"
	// EnvMetadataEndpoint replaces the ECS metadata address, for tests only:
	// the SDK's metadata provider cannot be pointed anywhere but
	// 169.254.169.254 (client/credentials.go), and a test needs the
	// emulator's. Only loopback addresses are accepted, so that it cannot
	// send the provider to fetch keys from anywhere else.
	EnvMetadataEndpoint = "DLI_TEST_METADATA_ENDPOINT"
)

// Bounds of assume_role.duration ("Obtaining a Temporary Access Key and
// Security Token Through an Agency": 15 minutes to 24 hours).
const (
	minAssumeDuration = 900
	maxAssumeDuration = 86400
)

// assumeRoleModel is the assume_role block.
type assumeRoleModel struct {
	AgencyName types.String `tfsdk:"agency_name"`
	DomainName types.String `tfsdk:"domain_name"`
	Duration   types.Int64  `tfsdk:"duration"`
}

// sharedConfig is the KooCLI configuration file (~/.hcloud/config.json) the
// huaweicloud provider reads for shared_config_file and profile (its
// config/auth.go SharedConfig and Profile); only the fields used here.
type sharedConfig struct {
	Current  string          `json:"current"`
	Profiles []sharedProfile `json:"profiles"`
}

type sharedProfile struct {
	Name             string `json:"name"`
	Mode             string `json:"mode"`
	AccessKeyID      string `json:"accessKeyId"`
	SecretAccessKey  string `json:"secretAccessKey"`
	SecurityToken    string `json:"securityToken"`
	Region           string `json:"region"`
	ProjectID        string `json:"projectId"`
	AgencyDomainName string `json:"agencyDomainName"`
	AgencyName       string `json:"agencyName"`
	SsoAuth          struct {
		StsToken struct {
			AccessKeyID     string `json:"accessKeyId"`
			SecretAccessKey string `json:"secretAccessKey"`
			SecurityToken   string `json:"securityToken"`
		} `json:"stsToken"`
	} `json:"ssoAuth"`
}

// defaultSharedConfigFile is where KooCLI keeps its profiles.
func defaultSharedConfigFile() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".hcloud", "config.json")
}

// resolveCredentials fills cfg's keys in the documented order: access_key
// and secret_key from the block, then from the environment (both already in
// cfg), then the shared config profile when shared_config_file or profile is
// set, then the ECS metadata service. assume_role applies on top of any of
// them. Region and project id from a profile fill only what is still empty.
func resolveCredentials(cfg *client.Config, m providerModel, str stringSetting, env lookupEnv) diag.Diagnostics {
	var diags diag.Diagnostics
	file := str("shared_config_file", m.SharedConfigFile, EnvSharedConfigFile)
	profile := str("profile", m.Profile, EnvProfile)
	var fromProfile *sharedProfile

	switch {
	case cfg.AccessKey != "" || cfg.SecretKey != "":
		if cfg.AccessKey == "" {
			diags.AddAttributeError(path.Root("access_key"), "Missing Access Key",
				fmt.Sprintf("secret_key is set but access_key is not: set access_key or the %s environment variable.", EnvAccessKey))
		}
		if cfg.SecretKey == "" {
			diags.AddAttributeError(path.Root("secret_key"), "Missing Secret Key",
				fmt.Sprintf("access_key is set but secret_key is not: set secret_key or the %s environment variable.", EnvSecretKey))
		}
		if file != "" || profile != "" {
			diags.AddWarning("Shared Config Profile Not Used",
				fmt.Sprintf("access_key and secret_key (or %s and %s) are set, and they come before the shared config "+
					"profile, so shared_config_file and profile are ignored.", EnvAccessKey, EnvSecretKey))
		}
	case file != "" || profile != "":
		p, d := readSharedProfile(file, profile)
		diags.Append(d...)
		if p == nil {
			return diags
		}
		fromProfile = p
		cfg.AccessKey, cfg.SecretKey, cfg.SecurityToken = p.AccessKeyID, p.SecretAccessKey, p.SecurityToken
		if strings.EqualFold(p.Mode, "SSO") {
			t := p.SsoAuth.StsToken
			cfg.AccessKey, cfg.SecretKey, cfg.SecurityToken = t.AccessKeyID, t.SecretAccessKey, t.SecurityToken
		}
		if cfg.AccessKey == "" || cfg.SecretKey == "" {
			diags.AddAttributeError(path.Root("profile"), "Incomplete Shared Config Profile",
				fmt.Sprintf("The profile %q has no access key and secret key (accessKeyId, secretAccessKey; "+
					"ssoAuth.stsToken in SSO mode).", p.Name))
		}
		if cfg.Region == "" {
			cfg.Region = p.Region
		}
		if cfg.ProjectID == "" {
			cfg.ProjectID = p.ProjectID
		}
	default:
		cfg.MetadataEndpoint = client.DefaultMetadataEndpoint
		if s, ok := env(EnvMetadataEndpoint); ok && strings.TrimSpace(s) != "" {
			s = strings.TrimRight(strings.TrimSpace(s), "/")
			if msg := checkEndpoint(s); msg != "" || !strings.HasPrefix(s, "http://") || !isLoopbackURL(s) {
				diags.AddError("Invalid Test Setting",
					fmt.Sprintf("%s is only for tests and must be an http URL of a loopback address, got %q.", EnvMetadataEndpoint, s))
			}
			cfg.MetadataEndpoint = s
		}
	}

	role, d := resolveAssumeRole(m.AssumeRole, env, fromProfile)
	diags.Append(d...)
	cfg.AssumeRole = role
	return diags
}

// readSharedProfile reads one profile of the KooCLI file: the one named, or
// the file's current one.
func readSharedProfile(file, name string) (*sharedProfile, diag.Diagnostics) {
	var diags diag.Diagnostics
	attr := path.Root("shared_config_file")
	if file == "" {
		file = defaultSharedConfigFile()
	}
	// "~/" is the user's home, as for the huaweicloud provider (homedir.Expand).
	if rest, ok := strings.CutPrefix(file, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			file = filepath.Join(home, rest)
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		diags.AddAttributeError(attr, "Cannot Read Shared Config File",
			fmt.Sprintf("shared_config_file (or %s) %q cannot be read: %s", EnvSharedConfigFile, file, osReason(err)))
		return nil, diags
	}
	var sc sharedConfig
	if err := json.Unmarshal(data, &sc); err != nil {
		// The JSON error names a position, never the file's contents.
		diags.AddAttributeError(attr, "Invalid Shared Config File",
			fmt.Sprintf("%q is not a KooCLI configuration (JSON with \"current\" and \"profiles\"): %s", file, err))
		return nil, diags
	}
	if name == "" {
		name = sc.Current
	}
	for i := range sc.Profiles {
		if sc.Profiles[i].Name == name {
			return &sc.Profiles[i], diags
		}
	}
	names := make([]string, 0, len(sc.Profiles))
	for _, p := range sc.Profiles {
		names = append(names, p.Name)
	}
	diags.AddAttributeError(path.Root("profile"), "Unknown Profile",
		fmt.Sprintf("profile (or %s) %q is not in %q, which has the profiles [%s].", EnvProfile, name, file, strings.Join(names, ", ")))
	return nil, diags
}

// osReason is the cause of a file error without the path, which the caller
// already names.
func osReason(err error) string {
	if pe, ok := err.(*os.PathError); ok { //nolint:errorlint // os.ReadFile returns *PathError itself
		return pe.Err.Error()
	}
	return err.Error()
}

// resolveAssumeRole merges the assume_role block with the HW_ASSUME_ROLE_*
// variables (used only without a block, as the huaweicloud provider does) and
// a profile's agency (used only when neither names one).
func resolveAssumeRole(b *assumeRoleModel, env lookupEnv, p *sharedProfile) (*client.AssumeRole, diag.Diagnostics) {
	var diags diag.Diagnostics
	var role client.AssumeRole
	var duration int64
	blockStr := func(name string, v types.String, envName string) string {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root("assume_role").AtName(name), "Unknown Provider Setting",
				fmt.Sprintf("assume_role.%s must be known at plan time; set it to a literal or a variable, or use %s.", name, envName))
			return ""
		}
		if !v.IsNull() && v.ValueString() != "" {
			return v.ValueString()
		}
		return envString(env, envName)
	}
	if b != nil {
		role.AgencyName = blockStr("agency_name", b.AgencyName, EnvAssumeRoleAgency)
		role.DomainName = blockStr("domain_name", b.DomainName, EnvAssumeRoleDomain)
		if b.Duration.IsUnknown() {
			diags.AddAttributeError(path.Root("assume_role").AtName("duration"), "Unknown Provider Setting",
				"assume_role.duration must be known at plan time.")
		} else if !b.Duration.IsNull() {
			duration = b.Duration.ValueInt64()
		}
	} else {
		role.AgencyName = envString(env, EnvAssumeRoleAgency)
		role.DomainName = envString(env, EnvAssumeRoleDomain)
	}
	if (b == nil || b.Duration.IsNull()) && role.AgencyName != "" {
		if s := envString(env, EnvAssumeRoleDuration); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				diags.AddAttributeError(path.Root("assume_role").AtName("duration"), "Invalid Provider Setting",
					fmt.Sprintf("The %s environment variable must be a whole number of seconds, got %q.", EnvAssumeRoleDuration, s))
			}
			duration = n
		}
	}
	if role.AgencyName == "" && p != nil && p.AgencyName != "" {
		role.AgencyName, role.DomainName = p.AgencyName, p.AgencyDomainName
	}
	if role.AgencyName == "" {
		return nil, diags
	}
	if role.DomainName == "" {
		diags.AddAttributeError(path.Root("assume_role").AtName("domain_name"), "Missing Agency Domain",
			fmt.Sprintf("assume_role needs the name of the domain (account) that created agency %q: set domain_name or %s.",
				role.AgencyName, EnvAssumeRoleDomain))
	}
	if duration != 0 && (duration < minAssumeDuration || duration > maxAssumeDuration) {
		diags.AddAttributeError(path.Root("assume_role").AtName("duration"), "Invalid Provider Setting",
			fmt.Sprintf("assume_role.duration (or %s) must be between %d and %d seconds, got %d.",
				EnvAssumeRoleDuration, minAssumeDuration, maxAssumeDuration, duration))
	}
	role.Duration = time.Duration(duration) * time.Second
	return &role, diags
}

func envString(env lookupEnv, name string) string {
	s, _ := env(name)
	return strings.TrimSpace(s)
}

// isLoopbackURL reports whether an absolute URL names a loopback host.
func isLoopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && isLoopback(u.Hostname())
}

// credentialSource names where the base keys come from, for the log.
func credentialSource(cfg client.Config) string {
	if cfg.AccessKey == "" {
		return "ECS metadata service"
	}
	return "access and secret key"
}
