package client

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

func TestRefusedForNow(t *testing.T) {
	refusal := func(status int, code, msg string) error {
		return &APIError{Op: "delete elastic resource pool p", HTTPStatus: status, Code: code, Message: msg,
			Kind: classify(status, code, msg)}
	}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"system restriction (a young or scaling pool)", refusal(400, "DLI.0009", "cannot be deleted now"), true},
		{"resource unavailable", refusal(400, "DLI.0012", "Status of queue q is assigning, which is not available"), true},
		{"operation not supported", refusal(400, "DLI.0007", "not supported now"), true},
		{"no code", refusal(400, "", "refused"), true},
		{"wrapped", fmt.Errorf("deleting: %w", refusal(400, "DLI.0009", "busy")), true},
		{"parameter check", refusal(400, "DLI.0001", "parameter min_cu is wrong"), false},
		{"not found", refusal(400, "DLI.0002", "does not exist"), false},
		{"not exist in DLI.0001", refusal(400, "DLI.0001", "Connection x is not exist"), false},
		{"authentication", refusal(401, "APIGW.0301", "bad signature"), false},
		{"permission", refusal(403, "DLI.0003", "no permission"), false},
		{"throttled", refusal(429, "APIGW.0308", "slow down"), false},
		{"server error", refusal(500, "DLI.0999", "oops"), false},
		{"API not here", refusal(404, "APIGW.0101", "not published"), false},
		{"not an API error", context.DeadlineExceeded, false},
		{"nil", nil, false},
	} {
		if got := RefusedForNow(tc.err); got != tc.want {
			t.Errorf("%s: RefusedForNow = %v, want %v", tc.name, got, tc.want)
		}
	}
	if RefusedForNow(&APIError{HTTPStatus: http.StatusOK, Kind: KindNotFound}) {
		t.Error("a lookup's NotFound is no refusal")
	}
}

func TestStatusIsIgnoresCase(t *testing.T) {
	for _, got := range []string{"AVAILABLE", "Available", "available", " AVAILABLE "} {
		if !StatusIs(got, PoolStatusAvailable) {
			t.Errorf("StatusIs(%q, AVAILABLE) = false", got)
		}
	}
	if StatusIs("SCALING", PoolStatusAvailable) || StatusIs("", PoolStatusAvailable) {
		t.Error("other statuses must not match")
	}
	if !StatusIs("Active", ConnectionStatusActive) {
		t.Error(`"Active", as the API reference writes it, must match ACTIVE`)
	}
}
