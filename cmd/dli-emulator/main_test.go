package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"net/http"
)

// TestBinary builds the command, starts it on port 0, sends a signed request,
// and stops it with SIGTERM.
func TestBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "dli-emulator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-project-id", "p123")
	cmd.Env = append(os.Environ(), "DLI_EMULATOR_ACCESS_KEY=AKBIN", "DLI_EMULATOR_SECRET_KEY=SKBIN")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url, found := strings.CutPrefix(strings.TrimSpace(line), "dli-emulator listening on ")
	if !found || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("first line %q", line)
	}

	req := request.NewHttpRequestBuilder().WithEndpoint(url).WithPath("/v1.0/p123/queues").WithMethod("GET").
		AddQueryParam("queue_type", reflect.ValueOf("all")).Build()
	extra, err := signer.Sign(req, "AKBIN", "SKBIN")
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range extra {
		req.AddHeaderParam(k, v)
	}
	hr, err := req.ConvertRequest()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("signed request: status %d", resp.StatusCode)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit after SIGTERM")
	}
}

// TestRunRequiresKeys checks that missing credentials fail at start.
func TestRunRequiresKeys(t *testing.T) {
	err := run([]string{"-listen", "127.0.0.1:0"}, os.Stdout, func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "access key") {
		t.Fatalf("got %v", err)
	}
}
