package validate

import (
	"context"
	"fmt"
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// IPv4Address accepts a dotted-quad IPv4 address; DLI takes no IPv6 and no
// host names where it asks for an address (the hosts of an enhanced
// connection).
func IPv4Address() validator.String { return ipv4Address{} }

type ipv4Address struct{}

func (ipv4Address) Description(context.Context) string { return "value must be an IPv4 address" }

func (v ipv4Address) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (ipv4Address) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := checkIPv4(req.ConfigValue.ValueString()); msg != "" {
		// The path leads the message: Terraform cannot point at an element
		// of a nested list in the source, so the text must say which one.
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid IPv4 Address", req.Path.String()+": "+msg)
	}
}

func checkIPv4(s string) string {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return fmt.Sprintf("%q is not an IPv4 address (four decimal numbers 0-255 separated by dots).", s)
	}
	return ""
}

// IPv4CIDR accepts an IPv4 network in CIDR notation whose host bits are zero,
// which is what DLI takes for a pool's cidr_in_vpc and a connection's routes.
// Rejecting 10.0.0.1/16 at plan time matters: the service would refuse it (or
// store the masked network, and the state would then differ from the config).
func IPv4CIDR() validator.String { return ipv4CIDR{} }

type ipv4CIDR struct{}

func (ipv4CIDR) Description(context.Context) string {
	return "value must be an IPv4 network in CIDR notation with no host bits set, such as 172.16.0.0/12"
}

func (v ipv4CIDR) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (ipv4CIDR) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := checkCIDR(req.ConfigValue.ValueString()); msg != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid CIDR Block", req.Path.String()+": "+msg)
	}
}

// checkCIDR returns why s is not an IPv4 network in CIDR notation, or "".
func checkCIDR(s string) string {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return fmt.Sprintf("%q is not an IPv4 CIDR block: it is not in CIDR notation (address/prefix length, "+
			"such as 10.0.0.0/16).", s)
	}
	if !p.Addr().Is4() {
		return fmt.Sprintf("%q is not an IPv4 CIDR block: it is not an IPv4 network, and DLI takes IPv4 "+
			"networks only.", s)
	}
	if p.Masked() != p {
		return fmt.Sprintf("%q has host bits set; use the network address %s.", s, p.Masked())
	}
	return ""
}
