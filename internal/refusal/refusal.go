package refusal

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// RefusedError says DLI kept refusing a call until the caller's timeout. It
// quotes DLI's last answer, which says why.
type RefusedError struct {
	What   string        // e.g. "delete elastic resource pool etl"
	Last   error         // DLI's last refusal
	Waited time.Duration // from the first attempt to the timeout
	Hint   string        // what the user can do, e.g. that a later run will succeed
}

func (e *RefusedError) Error() string {
	msg := fmt.Sprintf("DLI still refused to %s after %s of retrying; its last answer: %v",
		e.What, e.Waited.Round(time.Second), e.Last)
	if e.Hint != "" {
		msg += ". " + e.Hint
	}
	return msg
}

// Unwrap exposes DLI's last refusal, so that callers can still classify it.
func (e *RefusedError) Unwrap() error { return e.Last }

// RetryRefused calls do until DLI accepts it, answers a final error, or ctx
// ends (its deadline is the resource's timeout). Refusals that waiting may
// lift (client.RefusedForNow: a pool too young to delete, an object that is
// busy) are retried on the wait.Slow curve, each one logged at INFO with
// DLI's message so that a long apply or destroy shows why it waits.
// Temporary failures (throttling, server errors) are retried the same way.
// When ctx ends while DLI still refuses, the result is a *RefusedError
// carrying hint; any other error is returned as it is.
func RetryRefused(ctx context.Context, what, hint string, do func(context.Context) error) error {
	return RetryRefusedWatching(ctx, what, hint, nil, do)
}

// Watch reads the object whose state decides whether DLI accepts a call (the
// pool a queue is created in, a pool or queue being bound), for the progress
// log: which object, and the status it is in. It returns an empty object when
// none of them is busy or it cannot tell; its failures must not end the wait.
type Watch func(ctx context.Context) (object, status string)

// RetryRefusedWatching is RetryRefused whose INFO progress also names the
// object the call waits for and that object's status, as watch reads them
// after each refusal. DLI's refusals do not always say which object is busy
// or in which state ("pool is not available"), and a user watching a long
// apply needs both to know whether to wait or to act.
func RetryRefusedWatching(ctx context.Context, what, hint string, watch Watch, do func(context.Context) error) error {
	start := time.Now()
	var last error
	_, err := wait.For(ctx, "DLI to accept the call to "+what, wait.Slow, true,
		func(ctx context.Context) (struct{}, string, bool, error) {
			err := do(ctx)
			switch {
			case err == nil:
				return struct{}{}, "accepted", true, nil
			case ctx.Err() != nil || !client.RefusedForNow(err):
				return struct{}{}, "", false, err
			}
			last = err
			fields := map[string]any{"call": what, "waited": time.Since(start).Round(time.Second).String()}
			var apiErr *client.APIError
			if errors.As(err, &apiErr) {
				fields["code"], fields["message"] = apiErr.Code, apiErr.Message
			} else {
				fields["message"] = err.Error()
			}
			if watch != nil {
				if object, status := watch(ctx); object != "" {
					fields["object"], fields["status"] = object, status
				}
			}
			tflog.Info(ctx, "DLI refused the call for now; retrying until the timeout", fields)
			return struct{}{}, "refused", false, nil
		})
	var timeout *wait.TimeoutError
	if errors.As(err, &timeout) && last != nil {
		return &RefusedError{What: what, Last: last, Waited: time.Since(start), Hint: hint}
	}
	return err
}
