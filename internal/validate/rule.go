package validate

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// Rule is a plan-time check that spans several attributes of one resource's
// configuration. The framework asks a config validator for three methods;
// a rule only has to say what it requires (Summary) and judge (Check), so
// each resource writes its cross-attribute rules as plain functions.
type Rule struct {
	// Summary says what the rule requires, for the framework's descriptions.
	Summary string
	// Check adds an error, naming the attribute, when config breaks the rule.
	// Unknown values are not judged: they are decided at apply.
	Check func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics)
}

var _ resource.ConfigValidator = Rule{}

// Description is the rule's summary.
func (r Rule) Description(context.Context) string { return r.Summary }

// MarkdownDescription is the rule's summary.
func (r Rule) MarkdownDescription(context.Context) string { return r.Summary }

// ValidateResource runs the check on the resource's configuration.
func (r Rule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	r.Check(ctx, req.Config, &resp.Diagnostics)
}
