package refusal

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

func quickWaits(t *testing.T) {
	t.Helper()
	old := wait.Slow
	wait.Slow = wait.Backoff{First: 5 * time.Millisecond, Factor: 1, Max: 5 * time.Millisecond}
	t.Cleanup(func() { wait.Slow = old })
}

func young() error {
	return &client.APIError{Op: "delete elastic resource pool p", HTTPStatus: 400, Code: "DLI.0009",
		Message: "Elastic resource pool p was created less than 15m0s ago and cannot be deleted yet", Kind: client.KindInvalid}
}

func TestRetryRefusedRetriesUntilAccepted(t *testing.T) {
	quickWaits(t)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	calls := 0
	err := RetryRefused(ctx, "delete elastic resource pool p", "hint", func(context.Context) error {
		calls++
		if calls < 3 {
			return young()
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("err = %v after %d calls; want success on the third", err, calls)
	}
	entries, derr := tflogtest.MultilineJSONDecode(&logs)
	if derr != nil {
		t.Fatal(derr)
	}
	infos := 0
	for _, e := range entries {
		if e["@level"] == "info" {
			infos++
			if e["code"] != "DLI.0009" || !strings.Contains(e["message"].(string), "cannot be deleted yet") {
				t.Errorf("INFO entry does not carry DLI's code and message: %v", e)
			}
		}
	}
	if infos != 2 {
		t.Errorf("%d INFO entries, want one per refusal (2): %s", infos, logs.String())
	}
}

func TestRetryRefusedStopsOnFinalErrors(t *testing.T) {
	quickWaits(t)
	for _, final := range []error{
		&client.APIError{HTTPStatus: 400, Code: "DLI.0002", Message: "does not exist", Kind: client.KindNotFound},
		&client.APIError{HTTPStatus: 400, Code: "DLI.0001", Message: "parameter is wrong", Kind: client.KindInvalid},
		&client.APIError{HTTPStatus: 401, Code: "APIGW.0301", Message: "bad signature", Kind: client.KindAuth},
	} {
		calls := 0
		err := RetryRefused(context.Background(), "x", "", func(context.Context) error { calls++; return final })
		if !errors.Is(err, final) || calls != 1 {
			t.Errorf("%v: got %v after %d calls, want it returned at once", final, err, calls)
		}
	}
}

func TestRetryRefusedTimeoutQuotesDLIAndHint(t *testing.T) {
	quickWaits(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := RetryRefused(ctx, "delete elastic resource pool p", "A later terraform destroy will succeed.",
		func(context.Context) error { return young() })
	var refused *RefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("err = %v (%T), want a *RefusedError", err, err)
	}
	for _, want := range []string{"DLI still refused to delete elastic resource pool p", "DLI.0009",
		"cannot be deleted yet", "A later terraform destroy will succeed."} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if !client.RefusedForNow(err) {
		t.Error("the timeout error must still unwrap to DLI's refusal")
	}
}

// TestRetryRefusedWatchingNamesObjectAndStatus: each INFO progress entry
// names the object the call waits for and its status, as the watch reads
// them, besides the call, DLI's answer and the time waited.
func TestRetryRefusedWatchingNamesObjectAndStatus(t *testing.T) {
	quickWaits(t)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	calls := 0
	watch := func(context.Context) (string, string) { return "elastic resource pool p", "SCALING" }
	err := RetryRefusedWatching(ctx, "create queue q in elastic resource pool p", "hint", watch, func(context.Context) error {
		calls++
		if calls < 2 {
			return &client.APIError{Op: "create queue q", HTTPStatus: 400, Code: "DLI.0012",
				Message: "pool is not available", Kind: client.KindInvalid}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	entries, derr := tflogtest.MultilineJSONDecode(&logs)
	if derr != nil {
		t.Fatal(derr)
	}
	infos := 0
	for _, e := range entries {
		if e["@level"] != "info" {
			continue
		}
		infos++
		if e["object"] != "elastic resource pool p" || e["status"] != "SCALING" || e["waited"] == nil ||
			e["call"] != "create queue q in elastic resource pool p" {
			t.Errorf("INFO entry does not name the call, object, status and time waited: %v", e)
		}
	}
	if infos != 1 {
		t.Errorf("%d INFO entries, want 1: %s", infos, logs.String())
	}
}
