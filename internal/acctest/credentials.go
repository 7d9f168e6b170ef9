package acctest

import "strings"

// ProviderBlockPlus is the emulator's provider block with extra lines inside
// it (assume_role, enterprise_project_id, ...).
func (e *Env) ProviderBlockPlus(extra string) string {
	block := e.ProviderBlock()
	i := strings.LastIndex(block, "}")
	return block[:i] + extra + "\n" + block[i:]
}

// ProviderBlockNoKeys is ProviderBlockPlus without access_key and
// secret_key, for tests of the other credential sources (environment, shared
// config profile, ECS metadata).
func (e *Env) ProviderBlockNoKeys(extra string) string {
	var kept []string
	for _, line := range strings.Split(e.ProviderBlockPlus(extra), "\n") {
		field := strings.TrimSpace(line)
		if !strings.HasPrefix(field, "access_key ") && !strings.HasPrefix(field, "secret_key ") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}
