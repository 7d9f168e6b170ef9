package tfkit

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// TagsValidators check tags at plan time against the lengths the API
// reference gives ("Creating an Elastic Resource Pool", tags: a key of up to
// 128 characters, a value of up to 255). They count characters, as DLI does,
// not UTF-8 bytes. The character set is left to DLI to judge.
func TagsValidators() []validator.Map {
	return []validator.Map{
		mapvalidator.KeysAre(stringvalidator.UTF8LengthBetween(1, 128)),
		mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(255)),
	}
}

// Tags turns a Terraform map of strings into the API's tag list, sorted by key so
// that requests are deterministic.
func Tags(ctx context.Context, m types.Map, diags *diag.Diagnostics) []client.Tag {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	var kv map[string]string
	diags.Append(m.ElementsAs(ctx, &kv, false)...)
	tags := make([]client.Tag, 0, len(kv))
	for k, v := range kv {
		tags = append(tags, client.Tag{Key: k, Value: v})
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
	return tags
}

// Strings reads a set or list of strings; null and unknown give nil.
func Strings(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// Timestamp renders the API's millisecond epoch times as RFC 3339 in UTC; zero
// (unknown to the API) is the empty string.
func Timestamp(ms int64) types.String {
	if ms == 0 {
		return types.StringValue("")
	}
	return types.StringValue(time.UnixMilli(ms).UTC().Format(time.RFC3339))
}

// SameName keeps the configured spelling of a name when DLI reports it in
// another case (the API lower-cases names), so that no perpetual diff appears.
func SameName(prior types.String, fromAPI string) types.String {
	if !prior.IsNull() && !prior.IsUnknown() && strings.EqualFold(prior.ValueString(), fromAPI) {
		return prior
	}
	return types.StringValue(fromAPI)
}
