package framework

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// AddError reports a failed operation: the summary names the action and the
// object in Title Case ("Error Creating DLI Queue"), the detail says what happened,
// what to do about it where we know, and the API's code, message and request id
// (all part of the client's error text).
func AddError(diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, Explain(err))
}

// AddErrorf is AddError for a failure the provider words itself (a lookup
// that found nothing, an id it cannot take): the detail is formatted, in the
// same summary style.
func AddErrorf(diags *diag.Diagnostics, summary, format string, args ...any) {
	diags.AddError(summary, fmt.Sprintf(format, args...))
}

// Explain turns an error from the client or the waiter into a detail text.
func Explain(err error) string {
	var te *wait.TimeoutError
	switch {
	case errors.As(err, &te):
		return fmt.Sprintf("%s.\n\nThe object was created or changed and is tracked in the state; it is "+
			"marked tainted if it was being created. Raise the matching timeouts value if DLI needs longer, "+
			"then run apply again.", err)
	case client.IsAuth(err):
		return fmt.Sprintf("Authentication failed: check access_key and secret_key (HW_ACCESS_KEY, HW_SECRET_KEY), "+
			"security_token for temporary keys, and that this machine's clock is correct.\n\n%s", err)
	case client.IsThrottled(err):
		return fmt.Sprintf("DLI kept throttling the requests after the provider's retries. Try again later or "+
			"raise max_retries.\n\n%s", err)
	default:
		return err.Error()
	}
}

// DiagsError turns conversion errors (a schema/model mismatch, a bug) into an
// error, for code that reports errors rather than diagnostics.
func DiagsError(diags diag.Diagnostics) error {
	if !diags.HasError() {
		return nil
	}
	var errs []error
	for _, d := range diags.Errors() {
		errs = append(errs, fmt.Errorf("%s: %s", d.Summary(), d.Detail()))
	}
	return errors.Join(errs...)
}
