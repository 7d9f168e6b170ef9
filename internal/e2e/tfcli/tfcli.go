// Package tfcli is the one driver of the real Terraform or OpenTofu command line against
// the provider built from this checkout, the way a user runs it: a provider
// binary found through a CLI configuration with development overrides, and no
// registry involved. Acceptance tests that need whole CLI workflows (validate
// every example, import blocks, -generate-config-out) use it where
// terraform-plugin-testing's steps cannot express the workflow; tests that
// do use those steps ask it which CLI and version they run on (Detect).
package tfcli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Version is the provider version the test build carries (main.version), so
// that tests can recognise it, e.g. in the User-Agent the API sees.
const Version = "tfcli"

// sourceAddresses are the provider addresses the overrides cover: the
// project's own, and the implied hashicorp/dli that configurations without a
// required_providers block (such as the per-resource examples) resolve to,
// each under Terraform's and OpenTofu's default registry host.
var sourceAddresses = []string{
	"registry.terraform.io/opendli/dli",
	"registry.terraform.io/hashicorp/dli",
	"registry.opentofu.org/opendli/dli",
	"registry.opentofu.org/hashicorp/dli",
}

// CLI is a Terraform or OpenTofu binary set up to use the local provider build.
type CLI struct {
	// Path is the terraform or tofu binary (TF_ACC_TERRAFORM_PATH).
	Path string
	// ConfigFile is the CLI configuration with the development overrides.
	ConfigFile string
	// PluginDir holds the provider binary built for this test.
	PluginDir string
	// Env is added to every command's environment, after the process's own.
	Env []string
}

// New skips the test unless TF_ACC is set, then builds the provider and writes
// a CLI configuration that points every dli source address at it. The binary
// comes from TF_ACC_TERRAFORM_PATH: the test never downloads one.
func New(t *testing.T) *CLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc)")
	}
	bin := Binary()
	if bin == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH must name the terraform or tofu binary to run (make testacc sets it)")
	}
	dir := t.TempDir()
	c := &CLI{Path: bin, PluginDir: filepath.Join(dir, "plugins"), ConfigFile: filepath.Join(dir, "cli.tfrc")}
	buildProvider(t, c.PluginDir)

	var b strings.Builder
	b.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, a := range sourceAddresses {
		fmt.Fprintf(&b, "    %q = %q\n", a, c.PluginDir)
	}
	b.WriteString("  }\n  direct {}\n}\n")
	if err := os.WriteFile(c.ConfigFile, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return c
}

// buildProvider compiles the provider of this module into dir.
func buildProvider(t *testing.T, dir string) {
	t.Helper()
	root := ModuleRoot(t)
	out := filepath.Join(dir, "terraform-provider-dli")
	start := time.Now()
	cmd := exec.Command("go", "build", "-ldflags", "-X main.version="+Version, "-o", out, ".")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, b)
	}
	t.Logf("built the provider in %s", time.Since(start).Round(time.Millisecond))
}

// ModuleRoot is the directory of this module's go.mod.
func ModuleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("the tests do not run inside the provider's module")
	}
	return filepath.Dir(gomod)
}

// Result is what one command printed and how it ended.
type Result struct {
	Stdout, Stderr string
	// ExitCode is the process's exit status; -1 when it did not start.
	ExitCode int
}

// Run runs the CLI with args in dir and returns its output whatever the exit
// status; callers decide what a status means (plan -detailed-exitcode uses 2).
func (c *CLI) Run(t *testing.T, dir string, args ...string) Result {
	t.Helper()
	return c.Start(t, dir, args...).Wait(t)
}

// Process is a CLI command running in the background, for tests that act on
// it while it runs (interrupt it at a chosen point of an apply).
type Process struct {
	cmd            *exec.Cmd
	name           string
	stdout, stderr bytes.Buffer
}

// Start starts the CLI with args in dir without waiting for it.
func (c *CLI) Start(t *testing.T, dir string, args ...string) *Process {
	t.Helper()
	cmd := exec.Command(c.Path, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+c.ConfigFile, "CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1", "TF_INPUT=0")
	cmd.Env = append(cmd.Env, c.Env...)
	p := &Process{cmd: cmd, name: filepath.Base(c.Path) + " " + strings.Join(args, " ")}
	cmd.Stdout, cmd.Stderr = &p.stdout, &p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", p.name, err)
	}
	return p
}

// Interrupt sends SIGINT to the CLI process, as Ctrl-C in its terminal does.
func (p *Process) Interrupt() error { return p.cmd.Process.Signal(os.Interrupt) }

// Wait waits for the command to end and returns its output and exit status.
func (p *Process) Wait(t *testing.T) Result {
	t.Helper()
	err := p.cmd.Wait()
	res := Result{Stdout: p.stdout.String(), Stderr: p.stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		res.ExitCode = exit.ExitCode()
	default:
		t.Fatalf("running %s: %v", p.name, err)
	}
	return res
}

// MustRun is Run that fails the test unless the command exits 0.
func (c *CLI) MustRun(t *testing.T, dir string, args ...string) Result {
	t.Helper()
	res := c.Run(t, dir, args...)
	if res.ExitCode != 0 {
		t.Fatalf("%s %s exited %d\nstdout:\n%s\nstderr:\n%s", filepath.Base(c.Path), strings.Join(args, " "),
			res.ExitCode, res.Stdout, res.Stderr)
	}
	return res
}

// CopyTF copies the .tf files of src (not its subdirectories) into dst, so
// that a command never writes into the repository.
func CopyTF(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".tf" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
