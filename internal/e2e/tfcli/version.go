package tfcli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// CLI versions that move state between resource types (`moved` blocks whose
// from and to differ in type call the provider's MoveResourceState).
var (
	TerraformMovesAcrossTypes = version.Must(version.NewVersion("1.8.0"))
	OpenTofuMovesAcrossTypes  = version.Must(version.NewVersion("1.11.0"))
	// RemovedBlocks is the first version of either CLI with `removed` blocks.
	RemovedBlocks = version.Must(version.NewVersion("1.7.0"))
)

// Binary is the terraform or tofu binary the acceptance tests run: the one
// place that reads TF_ACC_TERRAFORM_PATH, as terraform-plugin-testing does;
// empty when it is unset.
func Binary() string { return os.Getenv("TF_ACC_TERRAFORM_PATH") }

// Flavour is which CLI the acceptance tests run and its version: OpenTofu
// numbers its versions apart from Terraform, so the version alone does not
// tell what a CLI can do.
type Flavour struct {
	Name    string // "Terraform" or "OpenTofu"
	Version *version.Version
}

var (
	detectOnce sync.Once
	detected   Flavour
	detectErr  error
)

// Detect runs `version` once on Binary (or terraform on the PATH when
// TF_ACC_TERRAFORM_PATH is unset, as terraform-plugin-testing falls back to).
func Detect() (Flavour, error) {
	detectOnce.Do(func() {
		bin := Binary()
		if bin == "" {
			bin = "terraform"
		}
		out, err := exec.Command(bin, "version").Output()
		if err != nil {
			detectErr = fmt.Errorf("running %s version: %w", bin, err)
			return
		}
		// "Terraform v1.5.7" or "OpenTofu v1.12.6" on the first line.
		first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		fields := strings.Fields(first)
		if len(fields) < 2 {
			detectErr = fmt.Errorf("unexpected version output %q", first)
			return
		}
		detected.Name = fields[0]
		detected.Version, detectErr = version.NewVersion(strings.TrimPrefix(fields[1], "v"))
	})
	return detected, detectErr
}

// OpenTofu reports whether the CLI is OpenTofu.
func (f Flavour) OpenTofu() bool { return f.Name == "OpenTofu" }

// MovesAcrossTypes reports whether the CLI can move state from a huaweicloud
// resource to one of ours: Terraform 1.8 or OpenTofu 1.11 and later.
func (f Flavour) MovesAcrossTypes() bool {
	min := TerraformMovesAcrossTypes
	if f.OpenTofu() {
		min = OpenTofuMovesAcrossTypes
	}
	return f.Version != nil && !f.Version.LessThan(min)
}

// HasRemovedBlocks reports whether the CLI takes `removed` blocks.
func (f Flavour) HasRemovedBlocks() bool {
	return f.Version != nil && !f.Version.LessThan(RemovedBlocks)
}

// SkipUnlessMovesAcrossTypes is a version check that skips a test on CLIs
// that cannot move state across resource types, saying why.
func SkipUnlessMovesAcrossTypes() tfversion.TerraformVersionCheck { return movesAcrossTypes{} }

type movesAcrossTypes struct{}

func (movesAcrossTypes) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest,
	resp *tfversion.CheckTerraformVersionResponse) {
	f, err := Detect()
	if err != nil {
		resp.Error = err
		return
	}
	if !f.MovesAcrossTypes() {
		resp.Skip = fmt.Sprintf("moved blocks across resource types need Terraform %s or OpenTofu %s or later; "+
			"this is %s %s", TerraformMovesAcrossTypes, OpenTofuMovesAcrossTypes, f.Name, f.Version)
	}
}
