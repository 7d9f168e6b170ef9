package main

import (
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionFlag builds the provider as a release does (the version injected
// with -ldflags) and checks that -version reports exactly that version.
func TestVersionFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider binary")
	}
	bin := filepath.Join(t.TempDir(), "terraform-provider-dli")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-X main.version=1.2.3-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-version").CombinedOutput()
	if err != nil {
		t.Fatalf("-version: %v\n%s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), "terraform-provider-dli 1.2.3-test"; got != want {
		t.Fatalf("-version printed %q, want %q", got, want)
	}
}

// The provider limits its memory softly unless GOMEMLIMIT chose a limit,
// which the runtime then already applies.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	t.Setenv("GOMEMLIMIT", "1GiB")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Fatalf("with GOMEMLIMIT set the limit became %d, want it left at %d", got, before)
	}
	t.Setenv("GOMEMLIMIT", "")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Fatalf("limit %d, want %d", got, defaultMemoryLimit)
	}
}
