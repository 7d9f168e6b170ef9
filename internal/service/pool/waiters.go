package pool

import (
	"context"
	"fmt"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/wait"
)

// Waits, one per transition of a pool. They read it with statusPool and
// log their progress at INFO as "pool <name>: <status>, <goal>, <elapsed>".

// desc describes a wait on the pool name for errors (what) and logs (goal).
func desc(name, what, goal string) wait.Desc {
	return wait.Desc{What: fmt.Sprintf("elastic resource pool %s %s", name, what), Object: "pool " + name, Goal: goal}
}

// waitPoolListed polls until a just-created pool shows up in the list; DLI
// may take a moment to list it after accepting the creation.
func waitPoolListed(ctx context.Context, c *client.Client, name string) (*client.Pool, error) {
	return wait.Until(ctx, desc(name, "to be listed", "waiting to be listed"), wait.Fast, true,
		func(ctx context.Context) (*client.Pool, string, bool, error) {
			p, status, err := statusPool(ctx, c, name)
			if client.IsNotFound(err) {
				return nil, "not listed yet", false, nil
			}
			return p, status, err == nil, err
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

// waitPoolAvailable polls until the pool is AVAILABLE and the target accepts
// it; FAILED ends the wait with the pool's fail_reason. It returns the last
// pool read. change, if any, says what the pool is changing to for the log
// ("64→128 CU").
func waitPoolAvailable(ctx context.Context, c *client.Client, name string, immediate bool, target cuTarget, change string) (*client.Pool, error) {
	goal := "waiting for " + client.PoolStatusAvailable
	if change != "" {
		goal = change + ", " + goal
	}
	return wait.Until(ctx, desc(name, "to become "+client.PoolStatusAvailable, goal),
		wait.Slow, immediate, func(ctx context.Context) (*client.Pool, string, bool, error) {
			p, _, err := statusPool(ctx, c, name)
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

// waitPoolDeleted polls until DLI no longer lists the pool.
func waitPoolDeleted(ctx context.Context, c *client.Client, name string) error {
	return wait.UntilGone(ctx, desc(name, "to be deleted", "waiting until it is gone"), wait.Fast,
		func(ctx context.Context) (string, error) {
			_, status, err := statusPool(ctx, c, name)
			return status, err
		}, client.IsNotFound)
}

// cuChange says how an update changes the CU range, for the progress log:
// "64→128 CU" when max_cu changes, "min 16→64 CU" when only min_cu does.
func cuChange(p *client.Pool, in client.UpdatePoolInput) string {
	switch {
	case in.MaxCU != nil && *in.MaxCU != p.MaxCU:
		return fmt.Sprintf("%d→%d CU", p.MaxCU, *in.MaxCU)
	case in.MinCU != nil && *in.MinCU != p.MinCU:
		return fmt.Sprintf("min %d→%d CU", p.MinCU, *in.MinCU)
	}
	return ""
}
