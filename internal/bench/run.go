package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// Options say what to measure and where.
type Options struct {
	Terraform string        // the Terraform CLI
	RepoRoot  string        // the checkout whose provider is built
	Sizes     []Size        // fleets to measure
	Latency   time.Duration // added to every API request by the emulator
	Delays    emulator.Delays
	NoopRuns  int       // how often each no-op phase runs; the median counts
	Log       io.Writer // progress
}

// PhaseResult is one measured phase of one fleet (or of the no-op config).
type PhaseResult struct {
	Phase     Phase
	Wall      time.Duration
	Bound     time.Duration // CriticalPath
	Overhead  time.Duration // the same phase of the no-op configuration
	Requests  int
	Resources int
	ByOp      map[string]int
	// PeakRSSKiB is the largest peak resident memory of the provider processes
	// Terraform started in this phase; Providers is how many it started.
	PeakRSSKiB int64
	Providers  int
	// ProviderCPU is the CPU time of those processes; TerraformCPU that of
	// Terraform itself (its own usage less its providers').
	ProviderCPU, TerraformCPU time.Duration
	Timeline                  []Segment
}

// RequestsPerResource is the phase's API requests divided by the fleet's resources.
func (p PhaseResult) RequestsPerResource() float64 {
	if p.Resources == 0 {
		return 0
	}
	return float64(p.Requests) / float64(p.Resources)
}

// FleetResult holds the phases of one fleet.
type FleetResult struct {
	Size   Size
	Phases []PhaseResult
}

// Result is a whole benchmark run.
type Result struct {
	Machine   Machine
	Latency   time.Duration
	Delays    emulator.Delays
	Noop      map[Phase]PhaseResult
	Fleets    []FleetResult
	Started   time.Time
	Load      string // the 1-minute load average when the run started, if known
	TotalTime time.Duration
}

// runner holds what the phases share.
type runner struct {
	opts   Options
	work   string
	rssDir string
	env    []string
	emu    *emulator.Emulator
}

// Run builds the provider, starts the emulator and measures the no-op
// configuration and every fleet.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.NoopRuns < 1 {
		opts.NoopRuns = 1
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	work, err := os.MkdirTemp("", "dli-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	r := &runner{opts: opts, work: work, rssDir: filepath.Join(work, "rss")}
	res := &Result{Latency: opts.Latency, Delays: opts.Delays, Noop: map[Phase]PhaseResult{}, Started: time.Now(), Load: loadAverage()}
	res.Machine, err = DescribeMachine(ctx, opts.Terraform)
	if err != nil {
		return nil, err
	}

	srv, err := r.setup(ctx)
	if err != nil {
		return nil, err
	}
	defer srv.Close()

	fmt.Fprintf(opts.Log, "no-op configuration, %d run(s) of each phase\n", opts.NoopRuns)
	for _, p := range Phases {
		pr, err := r.noop(ctx, p)
		if err != nil {
			return nil, err
		}
		res.Noop[p] = pr
		fmt.Fprintf(opts.Log, "  %-8s %6.2fs\n", p, pr.Wall.Seconds())
	}
	for _, s := range opts.Sizes {
		fr, err := r.fleet(ctx, s, res.Noop)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
		res.Fleets = append(res.Fleets, fr)
	}
	res.TotalTime = time.Since(res.Started)
	return res, nil
}

// setup builds the provider and the wrapper, writes the CLI configuration,
// and starts the emulator with its delays and latency.
func (r *runner) setup(ctx context.Context) (*emulator.Server, error) {
	plugins := filepath.Join(r.work, "plugins")
	realDir := filepath.Join(r.work, "provider")
	for _, d := range []string{plugins, realDir, r.rssDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	realProvider := filepath.Join(realDir, "terraform-provider-dli")
	fmt.Fprintln(r.opts.Log, "building the provider")
	build := exec.CommandContext(ctx, "go", "build", "-o", realProvider, ".")
	build.Dir = r.opts.RepoRoot
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	if err := copyFile(self, filepath.Join(plugins, "terraform-provider-dli")); err != nil {
		return nil, fmt.Errorf("installing the memory-recording wrapper: %w", err)
	}
	rc := filepath.Join(r.work, "terraformrc")
	// Terraform resolves the provider's short source on registry.terraform.io,
	// OpenTofu on registry.opentofu.org: the override names both.
	cliConfig := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/opendli/dli"  = %[1]q
    "registry.opentofu.org/opendli/dli" = %[1]q
  }
  direct {}
}
`, plugins)
	if err := os.WriteFile(rc, []byte(cliConfig), 0o600); err != nil {
		return nil, err
	}

	ak, sk, project := "BENCHAK"+strings.ToUpper(randomHex(6)), randomHex(20), randomHex(16)
	srv, err := emulator.Start(emulator.Config{
		AccessKey: ak, SecretKey: sk, ProjectID: project, Region: emulator.DefaultRegion, Delays: r.opts.Delays,
	})
	if err != nil {
		return nil, fmt.Errorf("starting the emulator: %w", err)
	}
	if r.opts.Latency > 0 {
		srv.Emulator.AddFault(emulator.Fault{Latency: r.opts.Latency})
	}
	r.emu = srv.Emulator
	r.env = append(cleanEnv(os.Environ()),
		"TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"HW_REGION_NAME="+emulator.DefaultRegion, "HW_ACCESS_KEY="+ak, "HW_SECRET_KEY="+sk,
		"HW_PROJECT_ID="+project, "DLI_ENDPOINT="+srv.URL, "HW_IAM_ENDPOINT="+srv.URL,
		EnvWrapProvider+"="+realProvider, EnvRSSDir+"="+r.rssDir,
	)
	return srv, nil
}

// cleanEnv drops settings of Terraform, the provider and the benchmark that
// the caller's environment may hold, so that only the benchmark's count.
func cleanEnv(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		for _, p := range []string{"TF_", "HW_", "DLI_", "CHECKPOINT_"} {
			if strings.HasPrefix(kv, p) {
				return true
			}
		}
		return false
	})
}

// noop measures one phase of the no-op configuration: the median of NoopRuns.
func (r *runner) noop(ctx context.Context, p Phase) (PhaseResult, error) {
	dir := filepath.Join(r.work, "noop")
	if err := writeConfig(dir, NoopConfig()); err != nil {
		return PhaseResult{}, err
	}
	var runs []PhaseResult
	for range r.opts.NoopRuns {
		pr, err := r.phase(ctx, dir, p, Size{}, 1)
		if err != nil {
			return PhaseResult{}, fmt.Errorf("no-op %s: %w", p, err)
		}
		runs = append(runs, pr)
	}
	slices.SortFunc(runs, func(a, b PhaseResult) int { return int(a.Wall - b.Wall) })
	return runs[len(runs)/2], nil
}

// fleet applies, refreshes and destroys one fleet.
func (r *runner) fleet(ctx context.Context, s Size, noop map[Phase]PhaseResult) (FleetResult, error) {
	dir := filepath.Join(r.work, fmt.Sprintf("fleet-%d-%d", s.Queues, s.Connections))
	if err := writeConfig(dir, s.Config()); err != nil {
		return FleetResult{}, err
	}
	fr := FleetResult{Size: s}
	fmt.Fprintf(r.opts.Log, "%s (-parallelism=%d)\n", s, s.Resources())
	for _, p := range Phases {
		pr, err := r.phase(ctx, dir, p, s, s.Resources())
		if err != nil {
			return fr, err
		}
		pr.Bound = CriticalPath(p, r.opts.Delays, r.opts.Latency, s)
		pr.Overhead = noop[p].Wall
		fr.Phases = append(fr.Phases, pr)
		fmt.Fprintf(r.opts.Log, "  %-8s %6.2fs (critical path %.2fs), %d requests (%.2f per resource), "+
			"provider peak %.1f MiB, CPU provider %.2fs, terraform %.2fs\n",
			p, pr.Wall.Seconds(), pr.Bound.Seconds(), pr.Requests, pr.RequestsPerResource(), float64(pr.PeakRSSKiB)/1024,
			pr.ProviderCPU.Seconds(), pr.TerraformCPU.Seconds())
	}
	return fr, nil
}

// phase runs one Terraform command in dir and collects what it cost.
func (r *runner) phase(ctx context.Context, dir string, p Phase, s Size, parallelism int) (PhaseResult, error) {
	args := []string{"-chdir=" + dir}
	switch p {
	case Apply:
		args = append(args, "apply", "-auto-approve")
	case Refresh:
		// -detailed-exitcode: 0 means no changes, 2 means a diff (a failure here).
		args = append(args, "plan", "-detailed-exitcode")
	case Destroy:
		args = append(args, "destroy", "-auto-approve")
	}
	args = append(args, "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism))
	if _, err := CollectUsage(r.rssDir); err != nil { // start the phase with no leftovers
		return PhaseResult{}, err
	}
	r.emu.ResetRequests()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, r.opts.Terraform, args...) //nolint:gosec // the caller names the Terraform CLI
	cmd.Env = r.env
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	end := time.Now()
	if err != nil {
		return PhaseResult{}, fmt.Errorf("terraform %s: %w\n%s", p, err, tail(out.String(), 40))
	}
	reqs := r.emu.Requests()
	usage, err := CollectUsage(r.rssDir)
	if err != nil {
		return PhaseResult{}, err
	}
	if usage.Processes == 0 {
		return PhaseResult{}, errors.New("terraform " + string(p) + " started no provider through the wrapper; is dev_overrides in effect?")
	}
	for _, rec := range reqs {
		// A read answering "does not exist" is how a deletion's wait ends.
		if rec.Status >= 400 && rec.ErrorCode != "DLI.0002" {
			return PhaseResult{}, fmt.Errorf("terraform %s: the provider got HTTP %d %s on %s %s; the benchmark expects no failed request",
				p, rec.Status, rec.ErrorCode, rec.Method, rec.Path)
		}
	}
	return PhaseResult{
		Phase: p, Wall: end.Sub(start), Requests: len(reqs), Resources: s.Resources(), ByOp: CountOperations(reqs),
		PeakRSSKiB: usage.PeakRSSKiB, Providers: usage.Processes, ProviderCPU: usage.CPU,
		// Terraform's rusage includes the wrapper and provider processes it waited for.
		TerraformCPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime() - usage.CPU,
		Timeline:     Timeline(p, reqs, r.opts.Delays, start, end),
	}, nil
}

// loadAverage is the machine's 1-minute load average (Linux), or "".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(string(data), " ")
	return first
}

func writeConfig(dir, hcl string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o600)
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o755) //nolint:gosec // an executable for Terraform to start
}

func tail(s string, lines int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(ls) > lines {
		ls = ls[len(ls)-lines:]
	}
	return strings.Join(ls, "\n")
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}
