package bench

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Peak memory of the provider is measured by a wrapper: Terraform finds the
// benchmark binary (under the provider's name) through dev_overrides and
// starts it; the wrapper starts the real provider as its child with the same
// arguments, standard streams and environment, so the plugin handshake and
// the gRPC traffic go straight between Terraform and the provider. When the
// provider exits, the wrapper records the child's ru_maxrss from wait4 — the
// kernel's exact high-water mark of its resident memory, with no sampling —
// in one file per provider process.
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
		name := filepath.Join(dir, strconv.Itoa(cmd.ProcessState.Pid())+".maxrss")
		if werr := os.WriteFile(name, []byte(strconv.FormatInt(ru.Maxrss, 10)), 0o600); werr != nil {
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

// PeakRSS returns the largest peak resident memory (KiB) the wrapper recorded
// in dir, and how many provider processes it saw, then empties dir for the
// next phase.
func PeakRSS(dir string) (maxKiB int64, processes int, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".maxrss") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		raw, err := os.ReadFile(p)
		if err != nil {
			return 0, 0, err
		}
		v, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", p, err)
		}
		maxKiB = max(maxKiB, v)
		processes++
		if err := os.Remove(p); err != nil {
			return 0, 0, err
		}
	}
	return maxKiB, processes, nil
}
