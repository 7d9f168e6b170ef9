package tags

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Validators check tags at plan time against the lengths the API
// reference gives ("Creating an Elastic Resource Pool", tags: a key of up to
// 128 characters, a value of up to 255). They count characters, as DLI does,
// not UTF-8 bytes. The character set is left to DLI to judge.
func Validators() []validator.Map {
	return []validator.Map{
		mapvalidator.KeysAre(stringvalidator.UTF8LengthBetween(1, 128)),
		mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(255)),
	}
}

// FromMap turns a Terraform map of strings into the API's tag list, sorted by key so
// that requests are deterministic.
func FromMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) []client.Tag {
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
