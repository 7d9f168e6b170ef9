package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// The test binary plays two extra roles: the wrapper (as Terraform would start
// it) and a stand-in provider that uses a known amount of memory.
const envFakeProvider = "DLI_BENCH_TEST_FAKE_PROVIDER"

func TestMain(m *testing.M) {
	switch {
	case Wrapping():
		os.Exit(RunWrapper())
	case os.Getenv(envFakeProvider) != "":
		// Touch 64 MiB so that it is resident, then exit with a code the
		// wrapper must pass on.
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = byte(i)
		}
		runtime.KeepAlive(b)
		os.Exit(3)
	}
	os.Exit(m.Run())
}

func TestWrapperRecordsPeakMemoryAndPassesExitCode(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), EnvWrapProvider+"="+self, EnvRSSDir+"="+dir, envFakeProvider+"=1")
	err = cmd.Run()
	exit, isExit := err.(*exec.ExitError)
	if !isExit || exit.ExitCode() != 3 {
		t.Fatalf("wrapper ended with %v, want the provider's exit code 3", err)
	}
	u, err := CollectUsage(dir)
	if err != nil {
		t.Fatal(err)
	}
	if u.Processes != 1 || u.PeakRSSKiB < 64<<10 || u.PeakRSSKiB > 1<<20 {
		t.Fatalf("usage = %+v, want one process with a peak of at least 64 MiB", u)
	}
	if u.CPU <= 0 {
		t.Fatalf("usage = %+v, want CPU time recorded", u)
	}
	if again, _ := CollectUsage(dir); again.Processes != 0 {
		t.Fatalf("records were not removed: %+v", again)
	}
}

func TestParseSizes(t *testing.T) {
	got, err := ParseSizes(" 1, 10,100 ,7:3,5:0")
	if err != nil {
		t.Fatal(err)
	}
	want := []Size{{1, 1}, {10, 2}, {100, 10}, {7, 3}, {5, 0}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	for _, bad := range []string{"", "0", "x", "3:-1", "3:y"} {
		if _, err := ParseSizes(bad); err == nil {
			t.Errorf("ParseSizes(%q) accepted", bad)
		}
	}
}

func TestConfigSizesThePoolForItsQueues(t *testing.T) {
	c := Size{Queues: 100, Connections: 10}.Config()
	for _, want := range []string{"min_cu      = 1600", "max_cu      = 1600", "count                      = 100",
		"count                  = 10", "cu_count                   = 16", "depends_on = [dli_queue.q]"} {
		if !strings.Contains(c, want) {
			t.Errorf("config lacks %q:\n%s", want, c)
		}
	}
	if c := (Size{Queues: 1}).Config(); !strings.Contains(c, "min_cu      = 64") || strings.Contains(c, "dli_enhanced_connection") {
		t.Errorf("1 queue, no connection: got\n%s", c)
	}
}

func TestCriticalPath(t *testing.T) {
	d, l := IssueDelays(), 20*time.Millisecond
	s := Size{Queues: 10, Connections: 2}
	if got, want := CriticalPath(Apply, d, l, s), 12*time.Second+3*l; got != want {
		t.Errorf("apply = %s, want %s", got, want)
	}
	if got, want := CriticalPath(Apply, d, l, Size{Queues: 10}), 8*time.Second+2*l; got != want {
		t.Errorf("apply without connections = %s, want %s", got, want)
	}
	if got := CriticalPath(Refresh, d, l, s); got != l {
		t.Errorf("refresh = %s, want one latency", got)
	}
	if got, want := CriticalPath(Destroy, d, l, s), 10*time.Second+3*l; got != want {
		t.Errorf("destroy = %s, want %s", got, want)
	}
}

func TestOperationHidesNamesAndValues(t *testing.T) {
	for _, c := range []struct {
		r    emulator.RequestRecord
		want string
	}{
		{emulator.RequestRecord{Method: "GET", Path: "/v3/p1/elastic-resource-pools", Query: "limit=100&name=bench_pool&offset=0"},
			"GET /v3/{project}/elastic-resource-pools?name"},
		{emulator.RequestRecord{Method: "GET", Path: "/v1.0/p1/queues/bench_q_7"}, "GET /v1.0/{project}/queues/*"},
		{emulator.RequestRecord{Method: "DELETE", Path: "/v2.0/p1/datasource/enhanced-connections/abc"},
			"DELETE /v2.0/{project}/datasource/enhanced-connections/*"},
		{emulator.RequestRecord{Method: "GET", Path: "/v1.0/p1/queues", Query: "queue_type=all"}, "GET /v1.0/{project}/queues?queue_type"},
		{emulator.RequestRecord{Method: "GET", Path: "/v3/p1/dli_enhanced_datasource/e334-27/tags"},
			"GET /v3/{project}/dli_enhanced_datasource/*/tags"},
		{emulator.RequestRecord{Method: "POST", Path: "/v3/p1/dli_queue/17/tags/create"}, "POST /v3/{project}/dli_queue/*/tags/create"},
		{emulator.RequestRecord{Method: "POST", Path: "/v3/p1/dli_elastic_resource_pool/resource-instances/filter"},
			"POST /v3/{project}/dli_elastic_resource_pool/resource-instances/filter"},
	} {
		if got := Operation(c.r); got != c.want {
			t.Errorf("Operation(%s %s?%s) = %q, want %q", c.r.Method, c.r.Path, c.r.Query, got, c.want)
		}
	}
}

// A synthetic apply: pool create at 1 s, seen 0.5 s after it was ready;
// queue create right after, seen 0.2 s late.
func TestTimelineSplitsApply(t *testing.T) {
	t0 := time.Unix(1000, 0)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	l := 10 * time.Millisecond
	d := emulator.Delays{PoolCreate: 5 * time.Second, QueueCreate: 3 * time.Second}
	rs := []emulator.RequestRecord{
		{Method: "POST", Path: "/v3/p/elastic-resource-pools", Status: 200, Time: at(1), Duration: l},
		{Method: "GET", Path: "/v3/p/elastic-resource-pools", Status: 200, Time: at(6.5), Duration: l},
		{Method: "POST", Path: "/v1.0/p/queues", Status: 200, Time: at(6.7), Duration: l},
		{Method: "GET", Path: "/v1.0/p/queues/q", Status: 200, Time: at(9.9), Duration: l},
	}
	segs := Timeline(Apply, rs, d, t0, at(10.2))
	want := []time.Duration{time.Second, 5*time.Second + l, 500 * time.Millisecond, 190 * time.Millisecond,
		3*time.Second + l, 200 * time.Millisecond, 290 * time.Millisecond}
	if len(segs) != len(want) {
		t.Fatalf("segments = %v, want %d", segs, len(want))
	}
	var sum time.Duration
	for i, s := range segs {
		if diff := s.Duration - want[i]; diff > time.Millisecond || diff < -time.Millisecond {
			t.Errorf("segment %d (%s) = %s, want %s", i, s.What, s.Duration, want[i])
		}
		sum += s.Duration
	}
	if sum != 10200*time.Millisecond {
		t.Errorf("segments add up to %s, want the wall time 10.2s", sum)
	}
	if !strings.Contains(segs[2].What, "overshoot") {
		t.Errorf("segment 2 is %q, want the pool's overshoot", segs[2].What)
	}
}

func TestWriteSectionKeepsTextAroundTheMarkers(t *testing.T) {
	p := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := WriteSection(p, "first"); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(p)
	text := strings.Replace(string(raw), "# Benchmarks\n", "# Benchmarks\n\nintro\n", 1) + "\nfindings\n"
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteSection(p, "second"); err != nil {
		t.Fatal(err)
	}
	raw, _ = os.ReadFile(p)
	got := string(raw)
	for _, want := range []string{"intro", "findings", "second", BeginMarker, EndMarker} {
		if !strings.Contains(got, want) {
			t.Errorf("file lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "first") || strings.Count(got, BeginMarker) != 1 {
		t.Errorf("old section kept or duplicated:\n%s", got)
	}
}
