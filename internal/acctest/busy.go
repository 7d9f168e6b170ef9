package acctest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// ScalePoolOutOfBand changes a pool's CU range behind Terraform's back, as a
// person or another workspace would. The pool stays SCALING for the
// emulator's PoolScale delay.
func (e *Env) ScalePoolOutOfBand(t *testing.T, name string, minCU, maxCU int64) {
	t.Helper()
	if err := e.Client(t).UpdatePool(context.Background(), name, client.UpdatePoolInput{MinCU: &minCU, MaxCU: &maxCU}); err != nil {
		t.Fatalf("scaling pool %s out of band: %v", name, err)
	}
}

// RefusedThenAccepted checks the emulator's request log: a request whose
// method and path end match was refused with code, and a later one was
// accepted. It proves that a test exercised a wait for DLI to accept a call.
func (e *Env) RefusedThenAccepted(method, pathSuffix, code string) error {
	refused := false
	var seen []string
	for _, r := range e.Emulator.Requests() {
		seen = append(seen, fmt.Sprintf("%s %s %d %s", r.Method, r.Path, r.Status, r.ErrorCode))
		if r.Method != method || !strings.HasSuffix(r.Path, pathSuffix) {
			continue
		}
		switch {
		case r.ErrorCode == code:
			refused = true
		case refused && r.Status < 300:
			return nil
		}
	}
	return fmt.Errorf("no %s ...%s refused with %s and then accepted: the test did not exercise the wait\n%s",
		method, pathSuffix, code, strings.Join(seen, "\n"))
}
