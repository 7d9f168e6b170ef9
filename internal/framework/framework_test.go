package framework

import (
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

func TestTimestamp(t *testing.T) {
	if got := Timestamp(1566888011125).ValueString(); got != "2019-08-27T06:40:11Z" {
		t.Errorf("Timestamp = %q", got)
	}
	if got := Timestamp(0); got.ValueString() != "" || got.IsNull() {
		t.Errorf("Timestamp(0) = %v, want the empty string", got)
	}
}

func TestExplainAuthSaysWhatToCheck(t *testing.T) {
	err := &client.APIError{Op: "list pools", HTTPStatus: 401, Code: "APIGW.0301", Message: "bad signature", Kind: client.KindAuth}
	got := Explain(err)
	for _, want := range []string{"Authentication failed", "HW_SECRET_KEY", "clock", "APIGW.0301"} {
		if !strings.Contains(got, want) {
			t.Errorf("Explain = %q lacks %q", got, want)
		}
	}
}
