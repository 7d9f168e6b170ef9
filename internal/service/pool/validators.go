package pool

import (
	"context"
	"fmt"
	"net"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
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

// multipleOf checks that a CU value is a positive multiple of step.
type multipleOf struct{ step int64 }

var _ validator.Int64 = multipleOf{}

func (v multipleOf) Description(context.Context) string {
	return fmt.Sprintf("value must be a positive multiple of %d", v.step)
}

func (v multipleOf) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v multipleOf) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := req.ConfigValue.ValueInt64(); n <= 0 || n%v.step != 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CU Value",
			fmt.Sprintf("%s is %d; DLI allocates pool CUs in steps of %d, so use a positive multiple of %d.",
				req.Path, n, v.step, v.step))
	}
}

// cidrValidator accepts an IPv4 network in CIDR notation without host bits,
// which is what DLI takes for cidr_in_vpc.
type cidrValidator struct{}

var _ validator.String = cidrValidator{}

func (cidrValidator) Description(context.Context) string {
	return "value must be an IPv4 network in CIDR notation, such as 172.16.0.0/12"
}

func (v cidrValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (cidrValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := checkCIDR(req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CIDR Block", fmt.Sprintf("%s: %s", req.Path, msg))
	}
}

// checkCIDR returns why s is not an IPv4 network in CIDR notation, or "".
func checkCIDR(s string) string {
	ip, network, err := net.ParseCIDR(s)
	if err != nil {
		return fmt.Sprintf("%q is not in CIDR notation (address/prefix length, such as 172.16.0.0/12)", s)
	}
	if ip.To4() == nil {
		return fmt.Sprintf("%q is not an IPv4 network; DLI pools take IPv4 CIDR blocks only", s)
	}
	if !ip.Equal(network.IP) {
		return fmt.Sprintf("%q has host bits set; the network is %s", s, network)
	}
	return ""
}

// cuRangeValidator checks the rules that span attributes: min_cu <= max_cu and
// the CU range of the edition that label.spec selects.
type cuRangeValidator struct{}

var _ resource.ConfigValidator = cuRangeValidator{}

func (cuRangeValidator) Description(context.Context) string {
	return fmt.Sprintf("min_cu must not exceed max_cu; both must lie in %d-%d CUs for the standard edition and "+
		"%d-%d CUs for the basic edition (label spec = %q)",
		standardMinCU, standardMaxCU, basicMinCU, basicMaxCU, basicSpecLabel)
}

func (v cuRangeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (cuRangeValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var maxCU, minCU types.Int64
	var label types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("max_cu"), &maxCU)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("min_cu"), &minCU)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("label"), &label)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if known(minCU) && known(maxCU) && minCU.ValueInt64() > maxCU.ValueInt64() {
		resp.Diagnostics.AddAttributeError(path.Root("min_cu"), "Invalid CU Range",
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
			resp.Diagnostics.AddAttributeError(path.Root(a.name), "CU Value Out of Range",
				fmt.Sprintf("%s is %d; a %s-edition pool takes %d to %d CUs.%s",
					a.name, n, r.edition, r.lo, r.hi, editionHint(spec)))
		}
	}
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
