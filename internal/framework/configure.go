package framework

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

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
