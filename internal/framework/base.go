package framework

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// ResourceBase is embedded by every resource: its Configure takes the client
// the provider built. Client is nil while Terraform only validates.
type ResourceBase struct {
	Client *client.Client
}

// Configure takes the provider's client.
func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if c := ClientFrom(req.ProviderData, &resp.Diagnostics); c != nil {
		b.Client = c
	}
}

// DataSourceBase is ResourceBase for data sources.
type DataSourceBase struct {
	Client *client.Client
}

// Configure takes the provider's client.
func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if c := ClientFrom(req.ProviderData, &resp.Diagnostics); c != nil {
		b.Client = c
	}
}

// ClientFrom extracts the DLI client the provider's Configure produced. It
// returns nil without a diagnostic when the provider is not configured yet (as
// during validation), and nil with an error when the data has a foreign type.
func ClientFrom(providerData any, diags *diag.Diagnostics) *client.Client {
	if providerData == nil {
		return nil
	}
	c, ok := providerData.(*client.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the provider; please report it.", providerData))
		return nil
	}
	return c
}
