package pool

import (
	"context"
	"fmt"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// Polling helpers, one per thing a pool is waited for. They all read the pool
// through GetPool (one list request filtered by name) and use the shared waiter.

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

// waitListed polls until a just-created pool shows up in the list; DLI may
// take a moment to list it after accepting the creation.
func waitListed(ctx context.Context, c *client.Client, name string) (*client.Pool, error) {
	return wait.For(ctx, fmt.Sprintf("elastic resource pool %s to be listed", name), wait.Fast, true,
		func(ctx context.Context) (*client.Pool, string, bool, error) {
			p, err := c.GetPool(ctx, name)
			if client.IsNotFound(err) {
				return nil, "not listed yet", false, nil
			}
			if err != nil {
				return nil, "", false, err
			}
			return p, p.Status, true, nil
		})
}

// cuTarget says whether a pool read back shows the values an update asked for.
type cuTarget func(*client.Pool) bool

// anyCU accepts any values: the wait is only for AVAILABLE.
func anyCU(*client.Pool) bool { return true }

// reached accepts a pool that reports every value of the update. Waiting for
// the values as well as for AVAILABLE keeps a stale AVAILABLE, read before
// DLI has switched the pool to SCALING, from ending the wait early.
func reached(in client.UpdatePoolInput) cuTarget {
	return func(p *client.Pool) bool {
		return (in.MaxCU == nil || p.MaxCU == *in.MaxCU) &&
			(in.MinCU == nil || p.MinCU == *in.MinCU) &&
			(in.Description == nil || p.Description == *in.Description)
	}
}

// waitAvailable polls until the pool is AVAILABLE and shows target; FAILED
// ends the wait with the pool's fail_reason. It returns the last pool read.
func waitAvailable(ctx context.Context, c *client.Client, name string, immediate bool, target cuTarget) (*client.Pool, error) {
	return wait.For(ctx, fmt.Sprintf("elastic resource pool %s to become %s", name, client.PoolStatusAvailable),
		wait.Slow, immediate, func(ctx context.Context) (*client.Pool, string, bool, error) {
			p, err := c.GetPool(ctx, name)
			if err != nil {
				return nil, "", false, err
			}
			switch {
			case p.Status == client.PoolStatusFailed:
				return p, p.Status, false, &failedError{name: name, reason: p.FailReason}
			case p.Status == client.PoolStatusAvailable && target(p):
				return p, p.Status, true, nil
			}
			return p, p.Status, false, nil
		})
}

// waitNotScaling polls until the pool may be deleted: DLI refuses to delete a
// pool while it scales. A pool that is gone is reported as NotFound.
func waitNotScaling(ctx context.Context, c *client.Client, name string) error {
	_, err := wait.For(ctx, fmt.Sprintf("elastic resource pool %s to finish scaling", name), wait.Slow, true,
		func(ctx context.Context) (*client.Pool, string, bool, error) {
			p, err := c.GetPool(ctx, name)
			if err != nil {
				return nil, "", false, err
			}
			return p, p.Status, p.Status != client.PoolStatusScaling, nil
		})
	return err
}

// waitGone polls until DLI no longer lists the pool.
func waitGone(ctx context.Context, c *client.Client, name string) error {
	_, err := wait.For(ctx, fmt.Sprintf("elastic resource pool %s to be deleted", name), wait.Fast, false,
		func(ctx context.Context) (*client.Pool, string, bool, error) {
			p, err := c.GetPool(ctx, name)
			if client.IsNotFound(err) {
				return nil, "deleted", true, nil
			}
			if err != nil {
				return nil, "", false, err
			}
			return p, p.Status, false, nil
		})
	return err
}
