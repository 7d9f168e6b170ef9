package bench

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Peak memory of the provider is measured by a wrapper: Terraform finds the
// benchmark binary (under the provider's name) through dev_overrides and
// starts it; the wrapper starts the real provider as its child with the same
// arguments, standard streams and environment, so the plugin handshake and
// the gRPC traffic go straight between Terraform and the provider. When the
// provider exits, the wrapper records the child's ru_maxrss from wait4 — the
// kernel's exact high-water mark of its resident memory, with no sampling —
// in one file per provider process, with its CPU time.
const (
	// EnvWrapProvider, when set, makes the benchmark binary act as the wrapper
	// of the provider binary it names. Terraform passes its environment on to
	// the providers it starts, which is how the setting reaches the wrapper.
	EnvWrapProvider = "DLI_BENCH_WRAP_PROVIDER"
	// EnvRSSDir is the directory the wrapper writes its measurements to.
	EnvRSSDir = "DLI_BENCH_RSS_DIR"
)

// Wrapping reports whether this process was started as the provider wrapper.
func Wrapping() bool { return os.Getenv(EnvWrapProvider) != "" }

// RunWrapper runs the provider named by EnvWrapProvider with this process's
// arguments, records its peak resident memory in EnvRSSDir and returns the
// exit code to leave with.
func RunWrapper() int {
	real, dir := os.Getenv(EnvWrapProvider), os.Getenv(EnvRSSDir)
	cmd := exec.Command(real, os.Args[1:]...) //nolint:gosec // the benchmark names its own provider build
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// The provider gets Terraform's environment without the wrapper's settings.
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, EnvWrapProvider+"=") || strings.HasPrefix(kv, EnvRSSDir+"=")
	})
	// Terraform asks plugins to stop over gRPC; an interrupt of the process
	// group reaches the provider directly, so the wrapper ignores it, and
	// passes a termination on.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "dli-bench wrapper:", err)
		return 1
	}
	go func() {
		for s := range sigs {
			if s == syscall.SIGTERM {
				_ = cmd.Process.Signal(s)
			}
		}
	}()
	err := cmd.Wait()
	if ru, isRusage := cmd.ProcessState.SysUsage().(*syscall.Rusage); isRusage && dir != "" {
		// Linux reports ru_maxrss in KiB.
		name := filepath.Join(dir, strconv.Itoa(cmd.ProcessState.Pid())+".usage")
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		line := fmt.Sprintf("%d %d", ru.Maxrss, cpu.Microseconds())
		if werr := os.WriteFile(name, []byte(line), 0o600); werr != nil {
			fmt.Fprintln(os.Stderr, "dli-bench wrapper:", werr)
		}
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return 1
	}
	return 0
}

// Usage is what the wrapper recorded about the provider processes of a phase.
type Usage struct {
	PeakRSSKiB int64         // the largest peak resident memory of one process
	CPU        time.Duration // user and system time of all of them
	Processes  int
}

// CollectUsage sums up the wrapper's records in dir and removes them, so
// that the next phase starts afresh.
func CollectUsage(dir string) (Usage, error) {
	var u Usage
	entries, err := os.ReadDir(dir)
	if err != nil {
		return u, err
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".usage") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		raw, err := os.ReadFile(p)
		if err != nil {
			return u, err
		}
		var rss, cpuMicros int64
		if _, err := fmt.Sscanf(string(raw), "%d %d", &rss, &cpuMicros); err != nil {
			return u, fmt.Errorf("%s: %w", p, err)
		}
		u.PeakRSSKiB = max(u.PeakRSSKiB, rss)
		u.CPU += time.Duration(cpuMicros) * time.Microsecond
		u.Processes++
		if err := os.Remove(p); err != nil {
			return u, err
		}
	}
	return u, nil
}
