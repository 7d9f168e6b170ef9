package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// MultipleOf accepts CU figures that are multiples of step (zero included:
// a scaling policy may give a queue no CUs); why says where the step comes
// from and is quoted in the error.
func MultipleOf(step int64, why string) validator.Int64 {
	return multipleOf{step: step, why: why}
}

// PositiveMultipleOf is MultipleOf for figures that must also be above zero,
// such as the CUs of an elastic resource pool.
func PositiveMultipleOf(step int64, why string) validator.Int64 {
	return multipleOf{step: step, why: why, positive: true}
}

type multipleOf struct {
	step     int64
	why      string
	positive bool
}

func (v multipleOf) kind() string {
	if v.positive {
		return "a positive multiple"
	}
	return "a multiple"
}

func (v multipleOf) Description(context.Context) string {
	return fmt.Sprintf("value must be %s of %d", v.kind(), v.step)
}

func (v multipleOf) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v multipleOf) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := req.ConfigValue.ValueInt64()
	if n%v.step == 0 && (!v.positive || n > 0) {
		return
	}
	// The advice comes first, where Terraform's line wrapping leaves it whole.
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid CU Value",
		fmt.Sprintf("%s is %d; use %s of %d (%s).", req.Path, n, v.kind(), v.step, v.why))
}
