package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Creates whose answer is lost.
//
// invoke never re-sends a create after a failure that may have been applied (a
// 5xx, a connection lost mid-request): sending it again blindly could create a
// second object or fail with "already exists" for the caller's own object.
// Instead, createSafely looks the object up by its name and decides from what
// it finds:
//
//   - it exists with the settings of the request and was created after the
//     first attempt was sent: the lost attempt created it, so it is adopted
//     (the create succeeded);
//   - it exists with the settings of the request but is older than the first
//     attempt (or does not say when it was made): it was there before, made
//     outside this create, so the create fails and suggests importing it.
//     Adopting it would put someone else's object under Terraform, which
//     would destroy it later;
//   - it exists with other settings: it is not the caller's, so the create
//     fails, naming the differences;
//   - it does not exist: the attempt cannot have taken effect, so the create is
//     sent again (within Config.MaxRetries, with the usual backoff).
//
// A re-sent create that meets "already exists" is decided the same way, which
// covers a service that lists an object only a moment after accepting it.

// found is what a lookup after an uncertain create saw.
type found struct {
	exists bool
	id     string // the object's id, when the create answer carries one
	// createTime is when the service made the object, in ms since the
	// epoch; 0 when it does not say.
	createTime int64
	// mismatch lists the requested settings the object does not have; empty
	// when it matches the request.
	mismatch []string
}

// lookupFunc finds the object a create was about.
type lookupFunc func(ctx context.Context) (found, error)

// createSafely sends a create call with send (one invoke of the create, under
// the usual retry policy) and settles an uncertain outcome with lookup. It
// returns the id of an adopted object, or "" when the create answer itself
// succeeded (its id, if any, is where send put it).
func (c *Client) createSafely(ctx context.Context, cl call, send func(ctx context.Context) error, what string, lookup lookupFunc) (string, error) {
	sent := time.Now() // before the first attempt: nothing older can be ours
	uncertain := false
	for attempt := 0; ; attempt++ {
		err := send(ctx)
		if err == nil {
			return "", nil
		}
		if ctx.Err() != nil {
			// Interrupted (Ctrl-C) or out of time while the request may
			// already have reached DLI: find out with a context of our own,
			// so that an object this create made is adopted (and tracked by
			// the caller) rather than orphaned.
			if id, found := c.adoptInterrupted(ctx, cl, what, lookup, sent); found {
				return id, nil
			}
			return "", err
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			return "", err
		}
		switch {
		case apiErr.Kind == KindServer:
			uncertain = true
		case apiErr.Kind == KindAlreadyExists && (uncertain || errors.Is(err, ErrCreateMayHaveSucceeded)):
		default:
			return "", err
		}

		f, lerr := lookup(ctx)
		if lerr != nil {
			return "", fmt.Errorf("%w; looking %s up to learn whether the create took effect failed too: %v", err, what, lerr)
		}
		if f.exists {
			if len(f.mismatch) == 0 && !madeSince(f.createTime, sent) {
				return "", preexisting(cl.op, apiErr, what, f.createTime)
			}
			if len(f.mismatch) == 0 {
				tflog.Debug(ctx, "DLI create answer was lost but the object exists as requested; adopting it", map[string]any{
					"op": cl.op, "reason": apiErr.Error(), "id": f.id,
				})
				return f.id, nil
			}
			return "", fmt.Errorf("%w; %s exists but not as requested (%s): it is not the one this create made. "+
				"Import it, delete it, or choose another name", err, what, strings.Join(f.mismatch, ", "))
		}
		if apiErr.Kind == KindAlreadyExists || attempt >= c.maxRetries {
			return "", err
		}
		wait := c.backoff.delay(attempt)
		tflog.Debug(ctx, "DLI create failed without a usable answer and the object does not exist; sending it again", map[string]any{
			"op": cl.op, "reason": apiErr.Error(), "attempt": attempt + 1, "wait_ms": wait.Milliseconds(),
		})
		if err := sleepCtx(ctx, wait); err != nil {
			return "", fmt.Errorf("%s: %w (last error: %s)", cl.op, err, apiErr.Error())
		}
	}
}

// interruptedLookupTimeout bounds the lookup after an interrupted create:
// Terraform waits for the provider to return after Ctrl-C, so it must be short.
const interruptedLookupTimeout = 15 * time.Second

// adoptInterrupted looks the object up after a create whose context ended
// while the request was under way, on a context that outlives the caller's
// by at most interruptedLookupTimeout. It adopts only an object made as
// requested since the create was sent.
func (c *Client) adoptInterrupted(ctx context.Context, cl call, what string, lookup lookupFunc, sent time.Time) (string, bool) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), interruptedLookupTimeout)
	defer cancel()
	f, err := lookup(lctx)
	if err != nil || !f.exists || len(f.mismatch) > 0 || !madeSince(f.createTime, sent) {
		return "", false
	}
	tflog.Info(ctx, "the create was interrupted after DLI made the object; adopting it so that it is tracked", map[string]any{
		"op": cl.op, "what": what, "id": f.id,
	})
	return f.id, true
}

// createClockSkew is how far the service's clock (which stamps create_time)
// may run behind ours before an object made by our create looks older than it.
const createClockSkew = 2 * time.Minute

// madeSince reports whether an object created at createTime (ms since the
// epoch, 0 when unknown) may have been made by a request sent at sent.
func madeSince(createTime int64, sent time.Time) bool {
	return createTime > 0 && !time.UnixMilli(createTime).Before(sent.Add(-createClockSkew))
}

// preexisting is the error of a create whose answer was lost while an object
// of that name and with those settings already existed before it was sent.
// It is an AlreadyExists error that keeps the lost answer's status and
// request id.
func preexisting(op string, lost *APIError, what string, createTime int64) *APIError {
	when := "DLI does not say when it was created"
	if createTime > 0 {
		when = "it was created at " + time.UnixMilli(createTime).UTC().Format(time.RFC3339) + ", before this create was sent"
	}
	return &APIError{
		Op: op, HTTPStatus: lost.HTTPStatus, RequestID: lost.RequestID, Kind: KindAlreadyExists,
		Message: fmt.Sprintf("%s already exists (%s), so it is not taken for the object of this create, whose answer was lost (%s). "+
			"To manage the existing one with Terraform, import it with terraform import; otherwise choose another name",
			what, when, lost.Kind.String()+": "+strings.TrimSpace(lost.Code+" "+lost.Message)),
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// differ appends "name: have X, want Y" when want is set and differs.
func differ(list []string, name string, have, want any) []string {
	if fmt.Sprint(have) == fmt.Sprint(want) {
		return list
	}
	return append(list, fmt.Sprintf("%s is %v, not %v", name, have, want))
}

// lookupPool compares an existing pool with a create request.
func (c *Client) lookupPool(in CreatePoolInput) lookupFunc {
	return func(ctx context.Context) (found, error) {
		p, err := c.GetPool(ctx, in.Name)
		if IsNotFound(err) {
			return found{}, nil
		}
		if err != nil {
			return found{}, err
		}
		var m []string
		m = differ(m, "max_cu", p.MaxCU, in.MaxCU)
		m = differ(m, "min_cu", p.MinCU, in.MinCU)
		m = differ(m, "description", p.Description, in.Description)
		if in.CIDRInVPC != "" {
			m = differ(m, "cidr_in_vpc", p.CIDRInVPC, in.CIDRInVPC)
		}
		return found{exists: true, id: p.ResourceID, mismatch: m, createTime: p.CreateTime}, nil
	}
}

// lookupQueue compares an existing queue with a create request. The size is
// not compared: a queue being created reports 0 CUs.
func (c *Client) lookupQueue(in CreateQueueInput) lookupFunc {
	return func(ctx context.Context) (found, error) {
		q, err := c.GetQueue(ctx, in.Name)
		if IsNotFound(err) {
			return found{}, nil
		}
		if err != nil {
			return found{}, err
		}
		var m []string
		m = differ(m, "elastic_resource_pool_name", strings.ToLower(q.PoolName), strings.ToLower(in.PoolName))
		typ := in.Type
		if typ == "" {
			typ = "sql"
		}
		m = differ(m, "queue_type", q.Type, typ)
		m = differ(m, "description", q.Description, in.Description)
		return found{exists: true, id: q.ResourceID, mismatch: m, createTime: q.CreateTime}, nil
	}
}

// lookupConnection finds a live connection by exact name and compares it
// with a create request.
func (c *Client) lookupConnection(in CreateConnectionInput) lookupFunc {
	return func(ctx context.Context) (found, error) {
		list, err := c.ListConnections(ctx, ConnectionFilter{Name: in.Name})
		if err != nil {
			return found{}, err
		}
		for _, conn := range list {
			if conn.Name != in.Name || StatusIs(conn.Status, ConnectionStatusDeleted) {
				continue
			}
			var m []string
			m = differ(m, "vpc_id", conn.VPCID, in.VPCID)
			m = differ(m, "subnet_id", conn.SubnetID, in.SubnetID)
			return found{exists: true, id: conn.ID, mismatch: m, createTime: conn.CreateTime}, nil
		}
		return found{}, nil
	}
}
