package pool

import (
	"context"
	"fmt"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// Status functions: one read of the pool for a wait, with the status the
// wait logs and judges.

// statusPool reads the pool by name (one list request filtered by name).
func statusPool(ctx context.Context, c *client.Client, name string) (*client.Pool, string, error) {
	p, err := c.GetPool(ctx, name)
	if err != nil {
		return nil, "", err
	}
	return p, p.Status, nil
}

// failedError says DLI gave up on the pool, with its reason.
type failedError struct {
	name, reason string
}

func (e *failedError) Error() string {
	reason := e.reason
	if reason == "" {
		reason = "DLI gave no reason"
	}
	return fmt.Sprintf("elastic resource pool %s is FAILED: %s. Delete it (terraform apply replaces a tainted pool) "+
		"and check the CU quota and the cidr_in_vpc block before trying again", e.name, reason)
}
