package pool

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/validate"
)

// CU rules of DLI's two pool editions.
const (
	cuStep         = 16
	standardMinCU  = 64
	standardMaxCU  = 32000
	basicMinCU     = 16
	basicMaxCU     = 64
	basicSpecLabel = "basic"
)

// cuRange is the CU range an edition allows.
type cuRange struct {
	edition string
	lo, hi  int64
}

// editionRange returns the range for a pool with this spec label.
func editionRange(spec string) cuRange {
	if spec == basicSpecLabel {
		return cuRange{edition: "basic", lo: basicMinCU, hi: basicMaxCU}
	}
	return cuRange{edition: "standard", lo: standardMinCU, hi: standardMaxCU}
}

// cuRangeRule checks the rules that span attributes: min_cu <= max_cu and
// the CU range of the edition that label.spec selects.
var cuRangeRule = validate.Rule{
	Summary: fmt.Sprintf("min_cu must not exceed max_cu; both must lie in %d-%d CUs for the standard edition and "+
		"%d-%d CUs for the basic edition (label spec = %q)",
		standardMinCU, standardMaxCU, basicMinCU, basicMaxCU, basicSpecLabel),
	Check: func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
		var maxCU, minCU types.Int64
		var label types.Map
		diags.Append(config.GetAttribute(ctx, path.Root("max_cu"), &maxCU)...)
		diags.Append(config.GetAttribute(ctx, path.Root("min_cu"), &minCU)...)
		diags.Append(config.GetAttribute(ctx, path.Root("label"), &label)...)
		if diags.HasError() {
			return
		}

		if known(minCU) && known(maxCU) && minCU.ValueInt64() > maxCU.ValueInt64() {
			diags.AddAttributeError(path.Root("min_cu"), "Invalid CU Range",
				fmt.Sprintf("min_cu (%d) must not be greater than max_cu (%d).", minCU.ValueInt64(), maxCU.ValueInt64()))
		}

		spec, ok := specOf(label)
		if !ok {
			return // the edition is not known yet; checked again at apply time
		}
		r := editionRange(spec)
		for _, a := range []struct {
			name string
			v    types.Int64
		}{{"min_cu", minCU}, {"max_cu", maxCU}} {
			if !known(a.v) {
				continue
			}
			if n := a.v.ValueInt64(); n < r.lo || n > r.hi {
				diags.AddAttributeError(path.Root(a.name), "CU Value Out of Range",
					fmt.Sprintf("%s is %d; a %s-edition pool takes %d to %d CUs.%s",
						a.name, n, r.edition, r.lo, r.hi, editionHint(spec)))
			}
		}
	},
}

// editionHint tells the user how the other edition is chosen.
func editionHint(spec string) string {
	if spec == basicSpecLabel {
		return " Remove label spec = \"basic\" for a standard-edition pool."
	}
	return " Set label = { spec = \"basic\" } for a basic-edition pool of 16 to 64 CUs."
}

// specOf returns label.spec ("" when absent) and whether it is known.
func specOf(label types.Map) (string, bool) {
	if label.IsUnknown() {
		return "", false
	}
	if label.IsNull() {
		return "", true
	}
	v, found := label.Elements()["spec"]
	if !found {
		return "", true
	}
	s, isString := v.(types.String)
	if !isString || s.IsUnknown() {
		return "", false
	}
	return s.ValueString(), true
}

func known(v types.Int64) bool { return !v.IsNull() && !v.IsUnknown() }

// ConfigValidators adds the rules that span attributes (CU range, edition).
func (r *poolResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{cuRangeRule}
}
