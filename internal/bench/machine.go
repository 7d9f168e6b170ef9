package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// Machine describes where a benchmark ran.
type Machine struct {
	CPUs      int
	CPUModel  string
	MemoryGiB float64
	GoVersion string
	Terraform string
	Platform  string
}

// DescribeMachine reads the processor and memory from /proc (Linux; left
// empty elsewhere) and asks the Terraform CLI for its version.
func DescribeMachine(ctx context.Context, terraform string) (Machine, error) {
	m := Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	m.CPUModel = procField("/proc/cpuinfo", "model name")
	if kb := procField("/proc/meminfo", "MemTotal"); kb != "" {
		if v, err := strconv.ParseFloat(strings.Fields(kb)[0], 64); err == nil {
			m.MemoryGiB = v / (1024 * 1024)
		}
	}
	out, err := exec.CommandContext(ctx, terraform, "version").Output() //nolint:gosec // the caller names the Terraform CLI
	if err != nil {
		return m, fmt.Errorf("running %s version: %w", terraform, err)
	}
	m.Terraform, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	return m, nil
}

// procField returns the value of the first "key : value" line of a /proc file.
func procField(file, key string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, found := strings.Cut(sc.Text(), ":")
		if found && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
