// Command dli-bench runs the provider's benchmark (`make bench`): the real
// Terraform CLI applies, refreshes and destroys fleets of one elastic resource
// pool, N queues and M connections against the DLI emulator, and the results
// go to stdout and between the markers of BENCHMARKS.md.
//
// The same binary doubles as the provider wrapper that records the provider's
// peak memory: Terraform starts it under the provider's name with
// DLI_BENCH_WRAP_PROVIDER set (see internal/bench).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/bench"
)

func main() {
	if bench.Wrapping() {
		os.Exit(bench.RunWrapper())
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "dli-bench:", err)
		os.Exit(1)
	}
}

func run() error {
	terraform := flag.String("terraform", "", "the Terraform CLI to run (required)")
	sizes := flag.String("sizes", envOr("BENCH_SIZES", "1,10,100"),
		"fleets: comma-separated queue counts N or N:M with M connections (env BENCH_SIZES)")
	latency := flag.Duration("latency", 20*time.Millisecond, "latency the emulator adds to every API request")
	noopRuns := flag.Int("noop-runs", 3, "runs of each no-op phase; the median is reported")
	out := flag.String("out", "BENCHMARKS.md", "file whose generated section receives the results; empty: stdout only")
	flag.Parse()
	if *terraform == "" {
		return fmt.Errorf("-terraform is required")
	}
	fleets, err := bench.ParseSizes(*sizes)
	if err != nil {
		return err
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	res, err := bench.Run(ctx, bench.Options{
		Terraform: *terraform, RepoRoot: root, Sizes: fleets, Latency: *latency,
		Delays: bench.IssueDelays(), NoopRuns: *noopRuns, Log: os.Stderr,
	})
	if err != nil {
		return err
	}
	command := "make bench"
	if *sizes != "1,10,100" {
		command = "BENCH_SIZES=" + strings.ReplaceAll(*sizes, " ", "") + " make bench"
	}
	md := res.Markdown(command)
	fmt.Println(md)
	if *out == "" {
		return nil
	}
	if err := bench.WriteSection(*out, md); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "results written to", *out)
	return nil
}

func envOr(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}
