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
	cmd.Env = append(os.Environ(), "DLI_EMULATOR_ACCESS_KEY=AKBIN", "DLI_EMULATOR_SECRET_KEY=SKBIN",
		"DLI_EMULATOR_SECURITY_TOKEN=STBIN")
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

	// The security token comes from the environment: signed requests need it.
	if got := signedStatus(t, url, "STBIN"); got != 200 {
		t.Fatalf("signed request with the security token: status %d", got)
	}
	if got := signedStatus(t, url, ""); got != 401 {
		t.Fatalf("signed request without the security token: status %d, want 401", got)
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

// signedStatus sends a signed queue list, with X-Security-Token when
// secToken is set, and returns the HTTP status.
func signedStatus(t *testing.T, url, secToken string) int {
	t.Helper()
	b := request.NewHttpRequestBuilder().WithEndpoint(url).WithPath("/v1.0/p123/queues").WithMethod("GET").
		AddQueryParam("queue_type", reflect.ValueOf("all"))
	if secToken != "" {
		b.AddHeaderParam("X-Security-Token", secToken)
	}
	req := b.Build()
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
	_ = resp.Body.Close()
	return resp.StatusCode
}

// TestParseConfigSecrets: secrets come from the environment unless a flag
// overrides them.
func TestParseConfigSecrets(t *testing.T) {
	env := map[string]string{
		"DLI_EMULATOR_ACCESS_KEY": "AKENV", "DLI_EMULATOR_SECRET_KEY": "SKENV",
		"DLI_EMULATOR_SECURITY_TOKEN": "STENV", "DLI_EMULATOR_TOKEN": "TOKENV",
	}
	_, cfg, err := parseConfig(nil, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.AccessKey != "AKENV" || cfg.SecretKey != "SKENV" || cfg.SecurityToken != "STENV" || cfg.Token != "TOKENV" {
		t.Fatalf("from the environment: %+v", cfg)
	}
	_, cfg, err = parseConfig([]string{"-security-token", "STFLAG"}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.SecurityToken != "STFLAG" {
		t.Fatalf("flag over environment: security token %q", cfg.SecurityToken)
	}
}

// TestParseConfigAdminAnyHost: the admin API is loopback-only unless the
// flag says otherwise.
func TestParseConfigAdminAnyHost(t *testing.T) {
	none := func(string) string { return "" }
	if _, cfg, err := parseConfig(nil, none); err != nil || cfg.AdminFromAnyHost {
		t.Fatalf("default: %v, any host %v", err, cfg.AdminFromAnyHost)
	}
	if _, cfg, err := parseConfig([]string{"-admin-any-host"}, none); err != nil || !cfg.AdminFromAnyHost {
		t.Fatalf("with the flag: %v, any host %v", err, cfg.AdminFromAnyHost)
	}
}
