package validate

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	nameChars     = regexp.MustCompile(`^[A-Za-z0-9_]*$`)
	notAllDigits  = regexp.MustCompile(`[^0-9]`)
	notUnderscore = regexp.MustCompile(`^[^_]`)
)

// NameValidators enforce DLI's rules for pool and queue names: letters, digits
// and underscores, not only digits, not starting with an underscore, 1 to
// maxLen characters.
func NameValidators(maxLen int) []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, maxLen),
		stringvalidator.RegexMatches(nameChars, "may contain only letters, digits and underscores"),
		stringvalidator.RegexMatches(notAllDigits, "must not consist of digits only"),
		stringvalidator.RegexMatches(notUnderscore, "must not start with an underscore"),
	}
}

// ConnectionNameValidators enforce DLI's rules for enhanced connection names,
// which are looser than those of pools and queues: letters, digits and
// underscores, 1 to maxLen characters; a leading underscore or a name of
// digits only (such as "_dwh" or "2024") is allowed.
func ConnectionNameValidators(maxLen int) []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, maxLen),
		stringvalidator.RegexMatches(nameChars, "may contain only letters, digits and underscores"),
	}
}
