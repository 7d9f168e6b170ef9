package pluginlog

import (
	"context"
	"io"
	"maps"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

func run(t *testing.T, env map[string]string) map[string]string {
	t.Helper()
	out := maps.Clone(env)
	err := QuietWhenUncollected(func(k string) (string, bool) { v, ok := out[k]; return v, ok },
		func(k, v string) error { out[k] = v; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLoggersOffWhenTerraformCollectsNoLogs(t *testing.T) {
	got := run(t, map[string]string{"TF_LOG_CORE": "TRACE", "TF_LOG": ""})
	for _, k := range levelVars {
		if got[k] != "OFF" {
			t.Errorf("%s = %q, want OFF", k, got[k])
		}
	}
}

func TestNothingChangesWhenLogsAreCollected(t *testing.T) {
	for _, k := range collectorVars {
		env := map[string]string{k: "DEBUG"}
		if got := run(t, env); !maps.Equal(got, env) {
			t.Errorf("with %s set: environment became %v", k, got)
		}
	}
}

func TestExplicitLevelsAreKept(t *testing.T) {
	got := run(t, map[string]string{"TF_LOG_SDK_PROTO": "TRACE"})
	if got["TF_LOG_SDK_PROTO"] != "TRACE" || got["TF_LOG_SDK"] != "OFF" {
		t.Fatalf("environment = %v, want TF_LOG_SDK_PROTO kept and the rest OFF", got)
	}
}

// The variables really silence the loggers the provider server creates from
// them: with them set, a trace line from the SDK and a debug line from the
// provider write nothing; without them, both write. The loggers write to
// stderr, so the test points os.Stderr at a pipe while they are made and used.
func TestOffLevelsSilenceTheLoggers(t *testing.T) {
	logged := func(off bool) string {
		for _, k := range levelVars {
			level := "" // the loggers' default: TRACE
			if off {
				level = "OFF"
			}
			t.Setenv(k, level)
		}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		stderr := os.Stderr
		os.Stderr = w
		ctx := tfsdklog.NewRootSDKLogger(context.Background(), tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
		ctx = tfsdklog.NewRootProviderLogger(ctx, tfsdklog.WithLogName("DLI"),
			tflog.WithLevelFromEnv("TF_LOG_PROVIDER", "DLI"))
		tfsdklog.Trace(ctx, "sdk trace line")
		tflog.Debug(ctx, "provider debug line")
		os.Stderr = stderr
		_ = w.Close()
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if out := logged(false); !strings.Contains(out, "sdk trace line") || !strings.Contains(out, "provider debug line") {
		t.Fatalf("without levels the loggers wrote %q, want both lines", out)
	}
	if out := logged(true); out != "" {
		t.Fatalf("with levels OFF the loggers wrote %q, want nothing", out)
	}
}
