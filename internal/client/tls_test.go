package client

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TLS verification is on unless Config.Insecure asks otherwise: a server with
// a certificate no CA vouches for is refused, and accepted only when asked.
func TestTLSVerifiedUnlessInsecure(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"is_success":true,"queueName":"q1","cuCount":16}`)
	}))
	// The server would log the refused handshake; that is the expected outcome.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)

	for _, insecure := range []bool{false, true} {
		c, err := New(context.Background(), Config{
			Region: "cn-north-4", AccessKey: testAK, SecretKey: testSK, ProjectID: testPID,
			Endpoint: srv.URL, Insecure: insecure, MaxRetries: 0,
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetQueue(context.Background(), "q1")
		switch {
		case !insecure && err == nil:
			t.Fatal("a self-signed certificate was accepted without insecure")
		case !insecure && !strings.Contains(err.Error(), "certificate"):
			t.Fatalf("the refusal does not say why: %v", err)
		case insecure && err != nil:
			t.Fatalf("insecure = true, still refused: %v", err)
		}
	}
}
