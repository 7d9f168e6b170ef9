package planmod

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// SameName keeps the configured spelling of a name when DLI reports it in
// another case (the API lower-cases names), so that no perpetual diff appears.
func SameName(prior types.String, fromAPI string) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && strings.EqualFold(prior.ValueString(), fromAPI) {
		return prior
	}
	return types.StringValue(fromAPI)
}
