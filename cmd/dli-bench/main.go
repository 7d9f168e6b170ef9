// Command dli-bench runs the provider's benchmark (`make bench`): the real
// Terraform CLI, OpenTofu or both apply, refresh and destroy fleets of one elastic resource
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
	terraform := flag.String("terraform", "", "the Terraform CLI")
	tofu := flag.String("tofu", "", "the OpenTofu CLI")
	clis := flag.String("cli", envOr("BENCH_CLI", "both"), "which CLI to measure: terraform, tofu or both (env BENCH_CLI)")
	sizes := flag.String("sizes", envOr("BENCH_SIZES", defaultSizes),
		"fleets: comma-separated queue counts N or N:M with M connections (env BENCH_SIZES)")
	latency := flag.Duration("latency", 20*time.Millisecond, "latency the emulator adds to every API request")
	noopRuns := flag.Int("noop-runs", 3, "runs of each no-op phase; the median is reported")
	out := flag.String("out", "BENCHMARKS.md", "file whose generated section receives the results; empty: stdout only")
	flag.Parse()
	paths, err := cliPaths(*clis, *terraform, *tofu)
	if err != nil {
		return err
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

	var results []*bench.Result
	for _, cli := range paths {
		fmt.Fprintln(os.Stderr, "measuring with", cli)
		res, err := bench.Run(ctx, bench.Options{
			Terraform: cli, RepoRoot: root, Sizes: fleets, Latency: *latency,
			Delays: bench.IssueDelays(), NoopRuns: *noopRuns, Log: os.Stderr,
		})
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	command := "make bench"
	if *sizes != defaultSizes {
		command = "BENCH_SIZES=" + strings.ReplaceAll(*sizes, " ", "") + " " + command
	}
	if *clis != "both" {
		command = "BENCH_CLI=" + *clis + " " + command
	}
	md := bench.MarkdownAll(command, results)
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

// defaultSizes are the fleets measured unless BENCH_SIZES says otherwise.
const defaultSizes = "1,10,100,300"

// cliPaths picks the CLIs to run from -cli.
func cliPaths(which, terraform, tofu string) ([]string, error) {
	want := map[string][]string{"terraform": {terraform}, "tofu": {tofu}, "both": {terraform, tofu}}[which]
	if want == nil {
		return nil, fmt.Errorf("-cli %q: want terraform, tofu or both", which)
	}
	for _, p := range want {
		if p == "" {
			return nil, fmt.Errorf("-cli %s needs the path of every CLI it names (-terraform, -tofu)", which)
		}
	}
	return want, nil
}

func envOr(key, def string) string {
	if v := strings.TrimSpace(os.Getenv(key)); v != "" {
		return v
	}
	return def
}
