// Package provider defines the dli provider: its configuration, how that
// configuration becomes one authenticated DLI client, and the list of resources
// and data sources it serves.
package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Address is the provider's source address in the registry.
const Address = "registry.terraform.io/opendli/dli"

var _ provider.Provider = (*dliProvider)(nil)

type dliProvider struct {
	version string
}

// New returns a constructor of the provider for the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &dliProvider{version: version}
	}
}

func (p *dliProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "dli"
	resp.Version = p.version
}

func (p *dliProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages Huawei Cloud Data Lake Insight (DLI) elastic resource pools, queues and enhanced " +
			"datasource connections. Every setting may also come from the environment variable named in its description.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:    true,
				Description: "Region of the DLI service, for example `cn-north-4`. Environment: `" + EnvRegion + "`.",
			},
			"access_key": schema.StringAttribute{
				Optional:    true,
				Description: "Access key (AK) used to sign requests. Environment: `" + EnvAccessKey + "`.",
			},
			"secret_key": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "Secret key (SK) used to sign requests. Environment: `" + EnvSecretKey + "`.",
			},
			"security_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				Description: "Security token that goes with temporary access and secret keys. Environment: `" +
					EnvSecurityToken + "`.",
			},
			"project_id": schema.StringAttribute{
				Optional: true,
				Description: "Project ID of the region. When empty, the provider looks it up once through IAM by region name. " +
					"Environment: `" + EnvProjectID + "`.",
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				Description: "Base URL of the DLI API. Default `https://dli.{region}.{cloud}`. Plain `http://` is accepted " +
					"only for loopback addresses, such as a local DLI emulator. Environment: `" + EnvEndpoint + "`.",
			},
			"iam_endpoint": schema.StringAttribute{
				Optional: true,
				Description: "Base URL of IAM, used to look up the project ID. Default `https://iam.{region}.{cloud}`. " +
					"Environment: `" + EnvIAMEndpoint + "`.",
			},
			"cloud": schema.StringAttribute{
				Optional:    true,
				Description: "Domain suffix of the endpoints. Default `" + defaultCloud + "`. Environment: `" + EnvCloud + "`.",
			},
			"insecure": schema.BoolAttribute{
				Optional: true,
				Description: "Skip TLS certificate verification. Off by default; the provider warns when it is on. " +
					"Environment: `" + EnvInsecure + "`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				Description: "How many times a request that failed for a transient reason (throttling, 5xx, a dropped " +
					"connection) is retried. Default 5. Environment: `" + EnvMaxRetries + "`.",
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"shared_config_file": schema.StringAttribute{
				Optional: true,
				Description: "Path of the KooCLI configuration file (JSON) to read a profile from. Default `~/.hcloud/config.json`. " +
					"The file is read only when this or `profile` is set, and only when no access key and secret key are " +
					"configured. Environment: `" + EnvSharedConfigFile + "`.",
			},
			"profile": schema.StringAttribute{
				Optional: true,
				Description: "Name of the profile in the shared config file. Default: the file's `current` profile. " +
					"Environment: `" + EnvProfile + "`.",
			},
			"enterprise_project_id": schema.StringAttribute{
				Optional: true,
				Description: "Enterprise project that pools and queues created without their own `enterprise_project_id` are put in. " +
					"Changing it later does not move existing resources. Environment: `" + EnvEnterpriseProjectID + "`.",
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				Description: "Assume an IAM agency: the credentials found by the chain (keys, profile or ECS metadata) are " +
					"traded for the agency's temporary keys, which are renewed before they expire. Without this block, " +
					"`" + EnvAssumeRoleAgency + "`, `" + EnvAssumeRoleDomain + "` and `" + EnvAssumeRoleDuration + "` are read.",
				Attributes: map[string]schema.Attribute{
					"agency_name": schema.StringAttribute{
						Optional:    true,
						Description: "Name of the agency to assume. Environment: `" + EnvAssumeRoleAgency + "`.",
					},
					"domain_name": schema.StringAttribute{
						Optional:    true,
						Description: "Name of the domain (account) that created the agency. Environment: `" + EnvAssumeRoleDomain + "`.",
					},
					"duration": schema.Int64Attribute{
						Optional: true,
						Description: "Lifetime of the agency's temporary keys in seconds, 900 to 86400. Default: IAM's (900). " +
							"Environment: `" + EnvAssumeRoleDuration + "`.",
						Validators: []validator.Int64{int64validator.Between(minAssumeDuration, maxAssumeDuration)},
					},
				},
			},
		},
	}
}

func (p *dliProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg, diags := resolveSettings(m, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.UserAgent = "terraform-provider-dli/" + p.version

	ctx = tflog.SetField(ctx, "region", cfg.Region)
	tflog.Debug(ctx, "configuring the DLI client", map[string]any{
		"endpoint": cfg.Endpoint, "iam_endpoint": cfg.IAMEndpoint, "project_id_set": cfg.ProjectID != "",
		"credentials": credentialSource(cfg), "assume_role": cfg.AssumeRole != nil,
	})
	c, err := client.New(ctx, cfg)
	if err != nil {
		resp.Diagnostics.AddError("Cannot Configure the DLI Client", configureErrorDetail(cfg, err))
		return
	}
	resp.ResourceData = c
	resp.DataSourceData = c
}

// configureErrorDetail explains a failure to build the client in terms of what
// the user can change.
func configureErrorDetail(cfg client.Config, err error) string {
	if cfg.MetadataEndpoint != "" && strings.Contains(err.Error(), "ECS metadata service") {
		return "No access key was configured (access_key and secret_key, " + EnvAccessKey + " and " + EnvSecretKey +
			", or shared_config_file/profile), so the provider asked the ECS metadata service for the temporary keys of " +
			"this server's agency, which failed. Configure one of those, or run on an ECS server with an agency.\n\n" + err.Error()
	}
	if cfg.AssumeRole != nil && strings.Contains(err.Error(), "assume agency") {
		return "Assuming agency " + cfg.AssumeRole.AgencyName + " of domain " + cfg.AssumeRole.DomainName +
			" failed: check assume_role and that the base credentials may assume it.\n\n" + err.Error()
	}
	if client.IsAuth(err) {
		return "Authentication failed: check access_key and secret_key (" + EnvAccessKey + ", " + EnvSecretKey +
			"), security_token for temporary keys, and that this machine's clock is correct.\n\n" + err.Error()
	}
	return err.Error()
}

func (p *dliProvider) Resources(_ context.Context) []func() resource.Resource {
	return resources
}

func (p *dliProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return dataSources
}
