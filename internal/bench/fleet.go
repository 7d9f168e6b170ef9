package bench

import (
	"fmt"
	"strconv"
	"strings"
)

// Size is one fleet: one elastic resource pool, Queues queues inside it and
// Connections enhanced connections that peer the pool once every queue exists
// (the walkthrough's shape, repeated).
type Size struct {
	Queues      int
	Connections int
}

// Resources is the number of Terraform resources in the fleet.
func (s Size) Resources() int { return 1 + s.Queues + s.Connections }

func (s Size) String() string {
	return fmt.Sprintf("1 pool + %d queues + %d connections", s.Queues, s.Connections)
}

// queueCU is each queue's size; DLI scales queues in steps of 16 CUs.
const queueCU = 16

// poolCU is a pool size that holds every queue: DLI (and the emulator)
// require the pool's min_cu to cover the sum of its queues' CUs, and the
// standard edition starts at 64 CUs.
func (s Size) poolCU() int {
	return max(64, s.Queues*queueCU)
}

// DefaultConnections is the number of connections paired with n queues when
// BENCH_SIZES names only the queue count: 1, 2 and 10 for the standard 1, 10
// and 100 queues, a tenth of the queues otherwise.
func DefaultConnections(n int) int {
	switch n {
	case 1:
		return 1
	case 10:
		return 2
	}
	return max(1, n/10)
}

// DefaultSizes are the fleets `make bench` measures.
var DefaultSizes = []Size{{1, 1}, {10, 2}, {100, 10}, {300, 30}}

// ParseSizes reads a comma-separated list of fleet sizes: "N" (N queues and
// DefaultConnections(N) connections) or "N:M" (N queues, M connections).
func ParseSizes(s string) ([]Size, error) {
	var out []Size
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		qs, cs, hasM := strings.Cut(f, ":")
		n, err := strconv.Atoi(qs)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("fleet size %q: the queue count must be a positive integer", f)
		}
		m := DefaultConnections(n)
		if hasM {
			m, err = strconv.Atoi(cs)
			if err != nil || m < 0 {
				return nil, fmt.Errorf("fleet size %q: the connection count must be a non-negative integer", f)
			}
		}
		out = append(out, Size{Queues: n, Connections: m})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no fleet size in %q", s)
	}
	return out, nil
}

// providerBlock is shared by every configuration: region, keys, project and
// endpoints come from the environment, so no secret is written to disk.
const providerBlock = `terraform {
  required_providers {
    dli = {
      source = "opendli/dli"
    }
  }
}

provider "dli" {}
`

// NoopConfig configures the provider and declares nothing: applying,
// planning and destroying it costs what Terraform and the provider's
// start-up cost regardless of any resource.
func NoopConfig() string { return providerBlock }

// Config is the fleet as Terraform configuration.
func (s Size) Config() string {
	var b strings.Builder
	b.WriteString(providerBlock)
	fmt.Fprintf(&b, `
resource "dli_elastic_resource_pool" "pool" {
  name        = "bench_pool"
  cidr_in_vpc = "172.16.0.0/14"
  max_cu      = %[1]d
  min_cu      = %[1]d
}

resource "dli_queue" "q" {
  count                      = %[2]d
  name                       = "bench_q_${count.index}"
  queue_type                 = "sql"
  cu_count                   = %[3]d
  elastic_resource_pool_name = dli_elastic_resource_pool.pool.name
}
`, s.poolCU(), s.Queues, queueCU)
	if s.Connections > 0 {
		fmt.Fprintf(&b, `
resource "dli_enhanced_connection" "c" {
  count                  = %d
  name                   = "bench_c_${count.index}"
  vpc_id                 = "22094d8f-c310-4621-913d-4c4d655d8495"
  subnet_id              = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
  elastic_resource_pools = [dli_elastic_resource_pool.pool.name]

  # As in the walkthrough: the queues exist before the connection is used.
  depends_on = [dli_queue.q]
}
`, s.Connections)
	}
	return b.String()
}
