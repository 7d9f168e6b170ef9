package migrationtest

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

// CLI is the command-line tool the acceptance tests run.
type CLI struct {
	Name    string // "Terraform" or "OpenTofu"
	Version *version.Version
}

var (
	cliOnce sync.Once
	cliInfo CLI
	cliErr  error
)

// DetectCLI runs `version` on the CLI the acceptance tests use
// (TF_ACC_TERRAFORM_PATH, or terraform on the PATH): OpenTofu numbers its
// versions apart from Terraform, so the version alone does not tell what a
// CLI can do.
func DetectCLI() (CLI, error) {
	cliOnce.Do(func() {
		bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if bin == "" {
			bin = "terraform"
		}
		out, err := exec.Command(bin, "version").Output()
		if err != nil {
			cliErr = fmt.Errorf("running %s version: %w", bin, err)
			return
		}
		// "Terraform v1.5.7" or "OpenTofu v1.12.6" on the first line.
		first, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		fields := strings.Fields(first)
		if len(fields) < 2 {
			cliErr = fmt.Errorf("unexpected version output %q", first)
			return
		}
		cliInfo.Name = fields[0]
		cliInfo.Version, cliErr = version.NewVersion(strings.TrimPrefix(fields[1], "v"))
	})
	return cliInfo, cliErr
}

// OpenTofu reports whether the CLI is OpenTofu.
func (c CLI) OpenTofu() bool { return c.Name == "OpenTofu" }

// MovesAcrossTypes reports whether the CLI can move state from a huaweicloud
// resource to one of ours: Terraform 1.8 or OpenTofu 1.11 and later.
func (c CLI) MovesAcrossTypes() bool {
	min := TerraformMovesAcrossTypes
	if c.OpenTofu() {
		min = OpenTofuMovesAcrossTypes
	}
	return c.Version != nil && !c.Version.LessThan(min)
}

// HasRemovedBlocks reports whether the CLI takes `removed` blocks.
func (c CLI) HasRemovedBlocks() bool {
	return c.Version != nil && !c.Version.LessThan(RemovedBlocks)
}

// SkipUnlessMovesAcrossTypes is a version check that skips a test on CLIs
// that cannot move state across resource types, saying why.
func SkipUnlessMovesAcrossTypes() tfversion.TerraformVersionCheck { return movesAcrossTypes{} }

type movesAcrossTypes struct{}

func (movesAcrossTypes) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest,
	resp *tfversion.CheckTerraformVersionResponse) {
	cli, err := DetectCLI()
	if err != nil {
		resp.Error = err
		return
	}
	if !cli.MovesAcrossTypes() {
		resp.Skip = fmt.Sprintf("moved blocks across resource types need Terraform %s or OpenTofu %s or later; "+
			"this is %s %s", TerraformMovesAcrossTypes, OpenTofuMovesAcrossTypes, cli.Name, cli.Version)
	}
}
