package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestErrorKinds(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		kind   Kind
		is     func(error) bool
	}{
		{"404", 404, `{"error_code":"DLI.0023","error_msg":"no related resource"}`, KindNotFound, IsNotFound},
		{"DLI.0002", 400, `{"error_code":"DLI.0002","error_msg":"queue does not exist"}`, KindNotFound, IsNotFound},
		{"DLI.0001 not exist", 400, `{"error_code":"DLI.0001","error_msg":"Connection c-1 is not exist"}`, KindNotFound, IsNotFound},
		{"DLI.0001 invalid", 400, `{"error_code":"DLI.0001","error_msg":"cu_count must be a multiple of 16"}`, KindInvalid, IsInvalid},
		{"DLI.0001 connection does not exist", 400, `{"error_code":"DLI.0001","error_msg":"The enhanced connection 5e1f does not exist."}`, KindNotFound, IsNotFound},
		// DLI.0001 naming some other missing object is an invalid parameter:
		// the object of the call exists.
		{"DLI.0001 other object not exist", 400, `{"error_code":"DLI.0001","error_msg":"Queue q1 is not exist"}`, KindInvalid, IsInvalid},
		{"DLI.0001 parameter not found", 400, `{"error_code":"DLI.0001","error_msg":"Invalid parameter queues: q1 not found"}`, KindInvalid, IsInvalid},
		{"DLI.0001 connection in a parameter", 400, `{"error_code":"DLI.0001","error_msg":"Elastic resource pool p1 bound to connection c-1 does not exist"}`, KindInvalid, IsInvalid},
		{"DLI.0006", 400, `{"error_code":"DLI.0006","error_msg":"queue already exists"}`, KindAlreadyExists, IsAlreadyExists},
		{"429", 429, `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}`, KindThrottled, IsThrottled},
		{"401", 401, `{"error_code":"DLI.0013","error_msg":"user authentication failed"}`, KindAuth, IsAuth},
		{"403 no code", 403, `{"error_msg":"forbidden"}`, KindAuth, IsAuth},
		{"APIGW.0301", 401, `{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}`, KindAuth, IsAuth},
		{"APIGW.0101", 404, `{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published"}`, KindUnavailable, IsUnavailable},
		{"is_success false says not exist", 200, `{"is_success":false,"message":"Queue q1 does not exist"}`, KindInvalid, IsInvalid},
		{"404 html", 404, `<html><body>404 Not Found</body></html>`, KindUnavailable, IsUnavailable},
		{"404 json without code", 404, `{"message":"no route"}`, KindUnavailable, IsUnavailable},
		{"404 other DLI code", 404, `{"error_code":"DLI.0007","error_msg":"operation not supported"}`, KindInvalid, IsInvalid},
		{"400 no code says not found", 400, `{"error_msg":"queue not found"}`, KindInvalid, IsInvalid},
		{"DLI.0009 says not exist", 400, `{"error_code":"DLI.0009","error_msg":"the queue does not exist in this edition"}`, KindInvalid, IsInvalid},
		{"is_success false exists", 200, `{"is_success":false,"message":"Pool p1 already exists"}`, KindAlreadyExists, IsAlreadyExists},
		{"is_success false other", 200, `{"is_success":false,"message":"pool is SCALING"}`, KindInvalid, IsInvalid},
		{"DLI.1028 quota", 400, `{"error_code":"DLI.1028","error_msg":"quota insufficient"}`, KindInvalid, IsInvalid},
	}
	// Both ways of calling the API map failures alike: a typed method of the
	// SDK's DLI client (DeleteQueue) and one of our own request definitions
	// (ListQueues, see doc.go).
	paths := []struct {
		name, op string
		run      func(c *Client) error
	}{
		{"typed", "delete queue q1", func(c *Client) error { return c.DeleteQueue(context.Background(), "q1") }},
		{"own", "list queues", func(c *Client) error { _, err := c.ListQueues(context.Background(), QueueFilter{}); return err }},
	}
	for _, tc := range cases {
		for _, p := range paths {
			t.Run(p.name+"/"+tc.name, func(t *testing.T) {
				f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, tc.status, tc.body) })
				c := newTestClient(t, f, 0)
				err := p.run(c)
				var apiErr *APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("err = %v (%T), want *APIError", err, err)
				}
				if apiErr.Kind != tc.kind || !tc.is(err) {
					t.Errorf("kind = %v, want %v (err %v)", apiErr.Kind, tc.kind, err)
				}
				if apiErr.HTTPStatus != tc.status || apiErr.RequestID != "req-001" || apiErr.Op != p.op {
					t.Errorf("status/request id/op = %d/%q/%q", apiErr.HTTPStatus, apiErr.RequestID, apiErr.Op)
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, p.op+": ") || !strings.Contains(msg, "request id req-001") {
					t.Errorf("Error() = %q", msg)
				}
				if apiErr.Code != "" && !strings.Contains(msg, apiErr.Code) {
					t.Errorf("Error() %q lacks code %s", msg, apiErr.Code)
				}
				if tc.status == http.StatusNotFound && tc.kind == KindUnavailable && !strings.Contains(msg, "check the endpoint") {
					t.Errorf("a 404 that is not DLI's does not hint at a wrong endpoint: %q", msg)
				}
				if tc.kind == KindAuth && (!strings.Contains(msg, "authentication failed") || !strings.Contains(msg, "clock") || !strings.Contains(msg, "secret_key")) {
					t.Errorf("auth error does not say what to check: %q", msg)
				}
			})
		}
	}
}

func TestErrorFormat(t *testing.T) {
	e := &APIError{Op: "create elastic resource pool p1", HTTPStatus: 400, Code: "DLI.0001", Message: "bad cidr", RequestID: "abc", Kind: KindInvalid}
	if got, want := e.Error(), "create elastic resource pool p1: DLI.0001 bad cidr (HTTP 400, request id abc)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestSecretsNeverInErrors makes the server echo every header it received
// (as a careless gateway might) and checks no secret survives into the error.
func TestSecretsNeverInErrors(t *testing.T) {
	cases := []struct {
		name   string
		status int
	}{
		{"auth", 401}, {"invalid", 400}, {"server", 500}, {"is_success false", 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				var b strings.Builder
				for k, v := range r.Header {
					b.WriteString(k + ": " + strings.Join(v, ",") + "; ")
				}
				b.WriteString("sk=" + testSK)
				echo := strings.ReplaceAll(b.String(), `"`, `'`)
				if tc.status == 200 {
					reply(w, 200, `{"is_success":false,"message":"`+echo+`"}`)
					return
				}
				reply(w, tc.status, `{"error_code":"DLI.0001","error_msg":"`+echo+`"}`)
			})
			c := newTestClient(t, f, 0)
			_, err := c.GetQueue(context.Background(), "q1")
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			sig := f.last(t).Header.Get("Authorization")
			sig = sig[strings.LastIndex(sig, "=")+1:]
			for _, secret := range []string{testSK, testToken, sig} {
				if strings.Contains(msg, secret) {
					t.Errorf("error contains secret %q: %s", secret, msg)
				}
			}
			if !strings.Contains(msg, "[redacted]") {
				t.Errorf("nothing was redacted: %s", msg)
			}
		})
	}
}

func TestNetworkErrors(t *testing.T) {
	f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {})
	url := f.URL
	f.Close() // nothing listens any more: connection refused
	c, err := New(context.Background(), Config{Region: "r", AccessKey: testAK, SecretKey: testSK, ProjectID: testPID, Endpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetQueue(context.Background(), "q1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Kind != KindUnavailable || apiErr.HTTPStatus != 0 {
		t.Fatalf("err = %v", err)
	}
	if !strings.HasPrefix(err.Error(), "read queue q1: ") || !strings.Contains(err.Error(), "no response") {
		t.Errorf("Error() = %q", err)
	}
}

// TestNotDLI404NeverLooksLikeGone checks the callers that act on NotFound: a
// delete retried after a 5xx must not "succeed" on a 404 without a DLI body,
// and the list lookups must not report NotFound when the list itself failed.
func TestNotDLI404NeverLooksLikeGone(t *testing.T) {
	const html = `<html><head><title>404 Not Found</title></head><body>` + "nginx" + `</body></html>`
	t.Run("delete retried after 5xx", func(t *testing.T) {
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				reply(w, 503, `{"error_code":"DLI.0999","error_msg":"busy"}`)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(404)
			_, _ = w.Write([]byte(html))
		})
		c := newTestClient(t, f, 3)
		err := c.DeleteQueue(context.Background(), "q1")
		if err == nil || IsNotFound(err) || !IsUnavailable(err) {
			t.Fatalf("err = %v, want an Unavailable error, not success", err)
		}
	})
	lookups := []struct {
		name string
		run  func(c *Client) error
	}{
		{"GetPool", func(c *Client) error { _, err := c.GetPool(context.Background(), "p1"); return err }},
		{"FindPoolQueue", func(c *Client) error { _, err := c.FindPoolQueue(context.Background(), "p1", "q1"); return err }},
		{"FindQueueListItem", func(c *Client) error { _, err := c.FindQueueListItem(context.Background(), "q1"); return err }},
		{"GetQueue", func(c *Client) error { _, err := c.GetQueue(context.Background(), "q1"); return err }},
		{"GetConnection", func(c *Client) error { _, err := c.GetConnection(context.Background(), "c1"); return err }},
	}
	failures := []struct {
		name   string
		status int
		body   string
	}{
		{"404 html", 404, html},
		{"gateway 404", 404, `{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published"}`},
		{"is_success false", 200, `{"is_success":false,"message":"queue list does not exist"}`},
		{"500", 500, `{"error_code":"DLI.0999","error_msg":"internal error"}`},
	}
	for _, l := range lookups {
		for _, fl := range failures {
			t.Run(l.name+"/"+fl.name, func(t *testing.T) {
				f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, fl.status, fl.body) })
				err := l.run(newTestClient(t, f, 0))
				if err == nil || IsNotFound(err) {
					t.Fatalf("err = %v, want an error that is not NotFound", err)
				}
			})
		}
	}
	t.Run("long html is cut", func(t *testing.T) {
		page := "<html>" + strings.Repeat("x", 5000) + "</html>"
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, 404, page) })
		_, err := newTestClient(t, f, 0).GetQueue(context.Background(), "q1")
		if err == nil || len(err.Error()) > 1000 || !strings.Contains(err.Error(), "...") {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestTemporary checks which failures a waiter may poll through, each from a
// real answer (or missing answer) of a local server.
func TestTemporary(t *testing.T) {
	answers := []struct {
		name   string
		status int
		body   string
		kind   Kind
		want   bool
	}{
		{"throttled", 429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`, KindThrottled, true},
		{"server", 500, `{"error_code":"DLI.0999","error_msg":"internal error"}`, KindServer, true},
		{"bad gateway", 502, `bad gateway`, KindServer, true},
		{"not found", 400, `{"error_code":"DLI.0002","error_msg":"queue q1 does not exist"}`, KindNotFound, false},
		{"already exists", 400, `{"error_code":"DLI.0006","error_msg":"exists"}`, KindAlreadyExists, false},
		{"auth", 401, `{"error_code":"APIGW.0301","error_msg":"bad signature"}`, KindAuth, false},
		{"invalid", 400, `{"error_code":"DLI.0001","error_msg":"cu_count must be a multiple of 16"}`, KindInvalid, false},
		{"unavailable", 404, `{"error_code":"APIGW.0101","error_msg":"not published"}`, KindUnavailable, false},
		{"unreadable answer", 200, `{"queueName": 7}`, KindUnknown, false},
	}
	type temporary interface{ Temporary() bool }
	check := func(t *testing.T, err error, kind Kind, want bool) {
		t.Helper()
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Kind != kind {
			t.Fatalf("err = %v, want kind %v", err, kind)
		}
		// The waiter's way of asking, through a wrapping error.
		var tmp temporary
		if !errors.As(fmt.Errorf("wait: %w", err), &tmp) || tmp.Temporary() != want {
			t.Errorf("Temporary() of %v = %v, want %v", err, !want, want)
		}
	}
	for _, a := range answers {
		t.Run(a.name, func(t *testing.T) {
			f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { reply(w, a.status, a.body) })
			_, err := newTestClient(t, f, 0).GetQueue(context.Background(), "q1")
			check(t, err, a.kind, a.want)
		})
	}
	t.Run("lookup found nothing", func(t *testing.T) {
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) { poolListing(w, "") })
		_, err := newTestClient(t, f, 0).GetPool(context.Background(), "p1")
		check(t, err, KindNotFound, false)
	})
	t.Run("connection refused", func(t *testing.T) {
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {})
		c := newTestClient(t, f, 0)
		f.Close()
		_, err := c.GetQueue(context.Background(), "q1")
		check(t, err, KindUnavailable, true)
	})
	t.Run("connection lost mid-request", func(t *testing.T) {
		f := newFakeDLI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		})
		_, err := newTestClient(t, f, 0).GetQueue(context.Background(), "q1")
		check(t, err, KindServer, true)
	})
}
