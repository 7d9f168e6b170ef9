package client

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestNewReportsMissingSettings(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
		want []string
	}{
		{"nothing", Config{}, []string{"region", "access_key", "secret_key"}},
		{"no secret", Config{Region: "r", AccessKey: "a"}, []string{"secret_key"}},
		{"no region", Config{AccessKey: "a", SecretKey: "s"}, []string{"region"}},
		{"bad endpoint", Config{Region: "r", AccessKey: "a", SecretKey: "s", Endpoint: "dli.example"}, []string{"endpoint"}},
		{"bad iam endpoint", Config{Region: "r", AccessKey: "a", SecretKey: "s", IAMEndpoint: "iam"}, []string{"iam_endpoint"}},
		{"negative retries", Config{Region: "r", AccessKey: "a", SecretKey: "s", MaxRetries: -1}, []string{"max_retries"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(context.Background(), tc.cfg)
			if err == nil {
				t.Fatal("New accepted an incomplete configuration")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

func TestNewResolvesProjectIDThroughIAM(t *testing.T) {
	iam := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"projects":[{"id":"resolved-pid","name":"cn-north-4"}],"links":{}}`)
	})
	dli := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		reply(w, 200, `{"is_success":true,"queues":[]}`)
	})
	c, err := New(context.Background(), Config{
		Region: "cn-north-4", AccessKey: testAK, SecretKey: testSK, Endpoint: dli.URL, IAMEndpoint: iam.URL,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if c.ProjectID() != "resolved-pid" || c.Region() != "cn-north-4" {
		t.Fatalf("ProjectID/Region = %q/%q", c.ProjectID(), c.Region())
	}
	r := iam.last(t)
	if r.Method != http.MethodGet || r.Path != "/v3/projects" || r.Query["name"] != "cn-north-4" {
		t.Errorf("IAM request = %s %s %v", r.Method, r.Path, r.Query)
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "SDK-HMAC-SHA256 ") {
		t.Errorf("IAM request not signed: %q", r.Header.Get("Authorization"))
	}
	if _, err := c.ListQueues(context.Background(), QueueFilter{}); err != nil {
		t.Fatal(err)
	}
	if got := dli.last(t).Path; got != "/v1.0/resolved-pid/queues" {
		t.Errorf("DLI path = %s", got)
	}
}

func TestNewProjectIDResolutionFailures(t *testing.T) {
	t.Run("no project", func(t *testing.T) {
		iam := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 200, `{"projects":[]}`) })
		_, err := New(context.Background(), Config{Region: "eu-west-101", AccessKey: testAK, SecretKey: testSK, IAMEndpoint: iam.URL, Endpoint: iam.URL})
		if err == nil || !strings.Contains(err.Error(), "project_id") || !strings.Contains(err.Error(), "eu-west-101") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("auth", func(t *testing.T) {
		iam := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			reply(w, 401, `{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}`)
		})
		_, err := New(context.Background(), Config{Region: "r1", AccessKey: testAK, SecretKey: testSK, IAMEndpoint: iam.URL, Endpoint: iam.URL})
		if !IsAuth(err) {
			t.Fatalf("err = %v, want auth error", err)
		}
		if strings.Contains(err.Error(), testSK) {
			t.Fatal("secret key leaked")
		}
	})
}

func TestRequestsAreSignedBySDK(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 200, `{"is_success":true}`) })
	c := newTestClient(t, f, 0)
	if err := c.DeleteQueue(context.Background(), "q1"); err != nil {
		t.Fatal(err)
	}
	h := f.last(t).Header
	auth := h.Get("Authorization")
	if !regexp.MustCompile(`^SDK-HMAC-SHA256 Access=` + testAK + `, SignedHeaders=[a-z0-9;_-]+, Signature=[0-9a-f]{64}$`).MatchString(auth) {
		t.Errorf("Authorization = %q", auth)
	}
	if !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(h.Get("X-Sdk-Date")) {
		t.Errorf("X-Sdk-Date = %q", h.Get("X-Sdk-Date"))
	}
	if h.Get("X-Project-Id") != testPID || h.Get("X-Security-Token") != testToken {
		t.Errorf("X-Project-Id/X-Security-Token = %q/%q", h.Get("X-Project-Id"), h.Get("X-Security-Token"))
	}
	if !strings.Contains(h.Get("User-Agent"), "terraform-provider-dli/test") {
		t.Errorf("User-Agent = %q", h.Get("User-Agent"))
	}
	if h.Get(callHeader) != "" || strings.Contains(strings.ToLower(auth), strings.ToLower(callHeader)) {
		t.Error("internal call header left the process or was signed")
	}
}
