package acctest

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// PollInterval is how often PollUntil asks: often enough that tests spend
// their time in Terraform, rarely enough not to crowd the emulator's log.
const PollInterval = 100 * time.Millisecond

// PollUntil calls check every PollInterval until it reports done, returns an
// error, or ctx ends (the error then says what was awaited).
func PollUntil(ctx context.Context, what string, check func() (bool, error)) error {
	for {
		done, err := check()
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", what, ctx.Err())
		case <-time.After(PollInterval):
		}
	}
}

// Eventually is PollUntil for test set-up: it fails the test when check
// fails or does not report done within timeout.
func Eventually(t *testing.T, timeout time.Duration, what string, check func() (bool, error)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := PollUntil(ctx, what, check); err != nil {
		t.Fatal(err)
	}
}
