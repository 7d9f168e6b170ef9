// Package bench is the harness behind `make bench`: it drives the real
// Terraform CLI with the provider built from this checkout against the DLI
// emulator (fixed latency per request, fixed asynchronous delays) for fleets of
// one pool, N queues and M connections, and measures each phase (apply,
// refresh, destroy): wall time, the critical path the emulator's delays imply,
// API requests per resource from the emulator's request log, the provider's
// peak memory, and Terraform's own fixed cost from a no-op configuration.
package bench
