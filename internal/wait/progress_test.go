package wait

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// infoMessages runs f with a provider logger writing JSON to a buffer and
// returns the messages logged at INFO.
func infoMessages(t *testing.T, f func(ctx context.Context)) []string {
	t.Helper()
	var buf bytes.Buffer
	f(tflogtest.RootLogger(context.Background(), &buf))
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e["@level"] == "info" {
			out = append(out, e["@message"].(string))
		}
	}
	return out
}

// progressLines runs a wait whose polls report AVAILABLE, SCALING three
// times (each poll taking pollTime) and AVAILABLE again, which ends it.
func progressLines(t *testing.T, heartbeat, pollTime time.Duration) []string {
	t.Helper()
	defer func(h time.Duration) { Heartbeat = h }(Heartbeat)
	Heartbeat = heartbeat
	statuses := []string{"AVAILABLE", "SCALING", "SCALING", "SCALING", "AVAILABLE"}
	d := Desc{What: "pool etl to become AVAILABLE", Object: "pool etl", Goal: "64→128 CU, waiting for AVAILABLE"}
	return infoMessages(t, func(ctx context.Context) {
		polls := 0
		_, err := Until(ctx, d, quick, true, func(context.Context) (int, string, bool, error) {
			status := statuses[polls]
			polls++
			if status == "SCALING" {
				time.Sleep(pollTime)
			}
			return 0, status, polls == len(statuses), nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestUntilLogsEachStatusChangeOnce(t *testing.T) {
	got := progressLines(t, time.Hour, 0)
	want := []string{
		"pool etl: AVAILABLE, 64→128 CU, waiting for AVAILABLE, 0s",
		"pool etl: SCALING, 64→128 CU, waiting for AVAILABLE, 0s",
		"pool etl: AVAILABLE, done after 0s",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("lines =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUntilRepeatsAnUnchangedStatusEveryHeartbeat(t *testing.T) {
	got := progressLines(t, 10*time.Millisecond, 15*time.Millisecond)
	scaling := 0
	for _, l := range got {
		if strings.HasPrefix(l, "pool etl: SCALING, 64→128 CU, waiting for AVAILABLE, ") {
			scaling++
		}
	}
	// Every SCALING poll comes a heartbeat after the last line.
	if scaling != 3 || len(got) != 5 {
		t.Fatalf("lines = %q, want SCALING logged at each of its 3 polls", got)
	}
}

func TestForLogsNoProgress(t *testing.T) {
	got := infoMessages(t, func(ctx context.Context) {
		_, _ = For(ctx, "thing", quick, true, func(context.Context) (int, string, bool, error) {
			return 0, "DONE", true, nil
		})
	})
	if len(got) != 0 {
		t.Fatalf("For logged %q; its callers log their own progress", got)
	}
}

var errNotFound = errors.New("not found")

func TestUntilGoneEndsWhenReadSaysGone(t *testing.T) {
	reads := 0
	err := UntilGone(context.Background(), Desc{What: "queue q1 to be deleted"}, quick,
		func(context.Context) (string, error) {
			reads++
			if reads < 3 {
				return "DELETING", nil
			}
			return "", errNotFound
		}, func(err error) bool { return errors.Is(err, errNotFound) })
	if err != nil || reads != 3 {
		t.Fatalf("err = %v after %d reads, want success on the third", err, reads)
	}
}

func TestUntilGoneStopsOnOtherErrors(t *testing.T) {
	boom := errors.New("HTTP 400: bad request")
	err := UntilGone(context.Background(), Desc{What: "queue q1 to be deleted"}, quick,
		func(context.Context) (string, error) { return "", boom },
		func(err error) bool { return errors.Is(err, errNotFound) })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the read's error", err)
	}
}
