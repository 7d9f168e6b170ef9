package acctest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

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

// outOfBandTimeout bounds each out-of-band create: long enough for the real
// cloud, which takes minutes; the emulator needs a second.
const outOfBandTimeout = 30 * time.Minute

// CreatePoolOutOfBand creates a pool through the API, as someone would before
// adopting Terraform, and waits until DLI reports it in status (AVAILABLE, or
// FAILED after Emulator.FailNext).
func (e *Env) CreatePoolOutOfBand(t *testing.T, in client.CreatePoolInput, status string) {
	t.Helper()
	c := e.Client(t)
	if err := c.CreatePool(context.Background(), in); err != nil {
		t.Fatalf("creating elastic resource pool %s out of band: %v", in.Name, err)
	}
	Eventually(t, outOfBandTimeout, "elastic resource pool "+in.Name+" to become "+status, func() (bool, error) {
		p, err := c.GetPool(context.Background(), in.Name)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil && p.Status == status, err
	})
}

// CreateQueueOutOfBand creates a queue through the API and waits until DLI
// reports it with its CUs.
func (e *Env) CreateQueueOutOfBand(t *testing.T, in client.CreateQueueInput) {
	t.Helper()
	c := e.Client(t)
	if err := c.CreateQueue(context.Background(), in); err != nil {
		t.Fatalf("creating queue %s out of band: %v", in.Name, err)
	}
	Eventually(t, outOfBandTimeout, "queue "+in.Name+" to appear", func() (bool, error) {
		q, err := c.GetQueue(context.Background(), in.Name)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil && q.CUCount == in.CUCount, err
	})
}

// CreateConnectionOutOfBand creates an enhanced connection through the API
// and waits until it and its pool bindings are ACTIVE. It returns its id.
func (e *Env) CreateConnectionOutOfBand(t *testing.T, in client.CreateConnectionInput) string {
	t.Helper()
	c := e.Client(t)
	id, err := c.CreateConnection(context.Background(), in)
	if err != nil {
		t.Fatalf("creating enhanced connection %s out of band: %v", in.Name, err)
	}
	Eventually(t, outOfBandTimeout, "enhanced connection "+in.Name+" to become ACTIVE", func() (bool, error) {
		conn, err := c.GetConnection(context.Background(), id)
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil && conn.Status == client.ConnectionStatusActive && allActive(conn.Pools, len(in.Pools)), err
	})
	return id
}

// allActive reports whether want bindings exist and all are ACTIVE.
func allActive(bs []client.Binding, want int) bool {
	if len(bs) != want {
		return false
	}
	for _, b := range bs {
		if b.Status != client.BindingStatusActive {
			return false
		}
	}
	return true
}
