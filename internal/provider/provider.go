// Package provider defines the dli provider: its configuration, how that
// configuration becomes one authenticated DLI client, and the list of resources
// and data sources it serves.
package provider

import (
	"context"

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
	})
	c, err := client.New(ctx, cfg)
	if err != nil {
		resp.Diagnostics.AddError("Cannot Configure the DLI Client", configureErrorDetail(err))
		return
	}
	resp.ResourceData = c
	resp.DataSourceData = c
}

// configureErrorDetail explains a failure to build the client in terms of what
// the user can change.
func configureErrorDetail(err error) string {
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
