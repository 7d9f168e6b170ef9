package pool

import (
	"context"
	"fmt"
	"time"

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

// cuTarget judges each pool read during a wait for AVAILABLE: the wait ends
// on a read that is AVAILABLE and that the target accepts. It sees every
// read, so that it can remember what came before.
type cuTarget func(*client.Pool) bool

// anyCU accepts any values: the wait is only for AVAILABLE.
func anyCU(*client.Pool) bool { return true }

// settled accepts the read that ends the wait after an update DLI accepted at
// the time accepted. The read must report every value of the update; and
// when the update changes the CU range (scales), DLI must have been seen
// SCALING since, or wait.Settle must have passed. DLI may still answer
// AVAILABLE, with the new range already stored, for a moment after accepting
// an update, before it switches the pool to SCALING, and the length of that
// moment is undocumented: ending on such a read would hand the next
// operation a pool DLI is about to make busy. Requiring SCALING alone would
// hang when a scaling passes between two polls, so the settle time is the
// fallback. An update that keeps the range has nothing to scale.
func settled(in client.UpdatePoolInput, scales bool, accepted time.Time) cuTarget {
	sawScaling := false
	return func(p *client.Pool) bool {
		if client.StatusIs(p.Status, client.PoolStatusScaling) {
			sawScaling = true
		}
		shows := (in.MaxCU == nil || p.MaxCU == *in.MaxCU) &&
			(in.MinCU == nil || p.MinCU == *in.MinCU) &&
			(in.Description == nil || p.Description == *in.Description)
		return shows && (!scales || sawScaling || time.Since(accepted) >= wait.Settle)
	}
}

// waitAvailable polls until the pool is AVAILABLE and the target accepts it;
// FAILED ends the wait with the pool's fail_reason. It returns the last pool
// read.
func waitAvailable(ctx context.Context, c *client.Client, name string, immediate bool, target cuTarget) (*client.Pool, error) {
	return wait.For(ctx, fmt.Sprintf("elastic resource pool %s to become %s", name, client.PoolStatusAvailable),
		wait.Slow, immediate, func(ctx context.Context) (*client.Pool, string, bool, error) {
			p, err := c.GetPool(ctx, name)
			if err != nil {
				return nil, "", false, err
			}
			accepted := target(p)
			switch {
			case client.StatusIs(p.Status, client.PoolStatusFailed):
				return p, p.Status, false, &failedError{name: name, reason: p.FailReason}
			case client.StatusIs(p.Status, client.PoolStatusAvailable) && accepted:
				return p, p.Status, true, nil
			}
			return p, p.Status, false, nil
		})
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
