package acctest

import (
	"fmt"
	"strings"
)

// ProviderBlockPlus is the emulator's provider block with extra lines inside
// it (assume_role, enterprise_project_id, ...).
func (e *Env) ProviderBlockPlus(extra string) string {
	block := e.ProviderBlock()
	i := strings.LastIndex(block, "}")
	return block[:i] + extra + "\n" + block[i:]
}

// ProviderBlockNoKeys is the emulator's provider block without access_key
// and secret_key, with extra lines inside it, for tests of the other
// credential sources (environment, shared config profile, ECS metadata).
func (e *Env) ProviderBlockNoKeys(extra string) string {
	return fmt.Sprintf(`
provider "dli" {
  region       = %q
  endpoint     = %q
  iam_endpoint = %q
  project_id   = %q
%s
}
`, e.Region, e.URL, e.URL, e.ProjectID, extra)
}
