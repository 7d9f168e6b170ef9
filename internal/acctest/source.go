package acctest

import "fmt"

// RequiredProviders is a terraform block naming ProviderSource for the dli
// provider. terraform-plugin-testing adds one to a step's configuration,
// but not to an import step's: such steps need it written out.
func RequiredProviders() string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    dli = { source = %q }
  }
}
`, ProviderSource())
}
