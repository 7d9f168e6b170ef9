package acctest

import (
	"fmt"
	"strings"
)

// Pool renders a dli_elastic_resource_pool block: the pool the tests of
// every kind need, so that its shape lives in one place.
type Pool struct {
	// Label is the resource label; "test" when empty.
	Label string
	Name  string
	// MinCU and MaxCU are 64 (DLI's smallest pool) when zero.
	MinCU, MaxCU int
	// CIDR is cidr_in_vpc, and Description description; left out when empty.
	CIDR, Description string
	// Extra lines go inside the block verbatim.
	Extra []string
}

// HCL is the resource block.
func (p Pool) HCL() string {
	lines := []string{
		fmt.Sprintf("name   = %q", p.Name),
		fmt.Sprintf("min_cu = %d", orDefault(p.MinCU, 64)),
		fmt.Sprintf("max_cu = %d", orDefault(p.MaxCU, 64)),
	}
	if p.CIDR != "" {
		lines = append(lines, fmt.Sprintf("cidr_in_vpc = %q", p.CIDR))
	}
	if p.Description != "" {
		lines = append(lines, fmt.Sprintf("description = %q", p.Description))
	}
	return block("dli_elastic_resource_pool", p.Label, append(lines, p.Extra...))
}

// Address is the pool's resource address, such as dli_elastic_resource_pool.test.
func (p Pool) Address() string { return "dli_elastic_resource_pool." + orLabel(p.Label) }

// Queue renders a dli_queue block.
type Queue struct {
	// Label is the resource label; "test" when empty.
	Label string
	Name  string
	// Pool is the label of the dli_elastic_resource_pool the queue is
	// created in (by reference, so that Terraform orders them); a
	// standalone queue when empty.
	Pool string
	// CU is cu_count, rendered as given (0 too, for tests of the rule).
	CU int
	// Type is queue_type, and Description description; left out when empty.
	Type, Description string
	// Extra lines go inside the block verbatim.
	Extra []string
}

// HCL is the resource block.
func (q Queue) HCL() string {
	lines := []string{fmt.Sprintf("name = %q", q.Name)}
	if q.Pool != "" {
		lines = append(lines, fmt.Sprintf("elastic_resource_pool_name = dli_elastic_resource_pool.%s.name", q.Pool))
	}
	lines = append(lines, fmt.Sprintf("cu_count = %d", q.CU))
	if q.Type != "" {
		lines = append(lines, fmt.Sprintf("queue_type = %q", q.Type))
	}
	if q.Description != "" {
		lines = append(lines, fmt.Sprintf("description = %q", q.Description))
	}
	return block("dli_queue", q.Label, append(lines, q.Extra...))
}

// Address is the queue's resource address, such as dli_queue.test.
func (q Queue) Address() string { return "dli_queue." + orLabel(q.Label) }

// RequiredProviders is a terraform block that names the provider under test
// by the address the testing framework serves it at: import steps, and
// configurations that must not resolve an implied hashicorp/dli, need it.
func RequiredProviders() string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    dli = { source = %q }
  }
}
`, ProviderSource())
}

// block renders resource "typ" "label" { lines }.
func block(typ, label string, lines []string) string {
	return fmt.Sprintf("\nresource %q %q {\n  %s\n}\n", typ, orLabel(label), strings.Join(lines, "\n  "))
}

func orLabel(label string) string {
	if label == "" {
		return "test"
	}
	return label
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
