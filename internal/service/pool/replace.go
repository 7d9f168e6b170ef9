package pool

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/opendli/terraform-provider-dli/internal/bindings"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
)

// Replacing a pool that holds queues. DLI refuses to delete a pool that
// still holds queues, and Terraform replaces a pool whose cidr_in_vpc,
// enterprise_project_id or label change by deleting it first (tags change
// in place through the tag API): the
// queues refer to the pool by its name, which does not change, so nothing
// tells Terraform to replace them too. The plan warns (ModifyPlan), and the
// delete stops at once, before anything is deleted, unless the queues are
// replaced with the pool through replace_triggered_by.

// replaceFix is the configuration that replaces the queues with the pool.
const replaceFix = "  lifecycle {\n    replace_triggered_by = [dli_elastic_resource_pool.<name>]\n  }"

// fixAdvice names the queues and says how to replace them with the pool.
func fixAdvice(queues []string) string {
	return fmt.Sprintf("add\n\n%s\n\nto the dli_queue resource of each of: %s (<name> being this pool's resource "+
		"name in your configuration). Terraform then deletes those queues before the pool and creates them again "+
		"after it, in the same apply; connections that bind the pool or the queues are unbound before the "+
		"deletes and bound again after the creates.", replaceFix, strings.Join(queues, ", "))
}

// replacingAttributes returns the arguments whose change, from prior to
// plan, replaces the pool while keeping its name. A rename is left out: the
// queues that take the pool's name from it are replaced with it anyway.
func replacingAttributes(prior, plan poolModel) []string {
	var out []string
	if !plan.CIDRInVPC.Equal(prior.CIDRInVPC) {
		out = append(out, "cidr_in_vpc")
	}
	if !plan.EnterpriseProjectID.Equal(prior.EnterpriseProjectID) {
		out = append(out, "enterprise_project_id")
	}
	if !plan.Label.Equal(prior.Label) {
		out = append(out, "label")
	}
	return out
}

// replacedWith are the arguments whose change replaces the pool: those with
// a RequiresReplace plan modifier in the schema.
var replacedWith = []string{"name", "cidr_in_vpc", "enterprise_project_id", "label"}

// warnReplacement warns, naming the pool and its queues, when the plan
// replaces the pool. Its queues go with it: a rename replaces the queues
// that take the pool's name from it, and any other replacement is refused
// unless its queues are replaced in the same plan (warnReplacementRefused).
// The queues are DLI's (one list call, made only when a replacement is
// planned): the state's list is as old as the last refresh, and queues
// created outside Terraform block the delete as well.
func (r *poolResource) warnReplacement(ctx context.Context, req resource.ModifyPlanRequest, prior, plan poolModel, diags *diag.Diagnostics) {
	replacing := framework.PlannedChanges(req, replacedWith...)
	if len(replacing) == 0 {
		return
	}
	name := prior.Name.ValueString()
	queues, source := r.currentQueues(ctx, prior, diags)
	if changed := replacingAttributes(prior, plan); len(changed) > 0 && len(queues) > 0 {
		warnReplacementRefused(name, changed, queues, diags)
		return
	}
	detail := fmt.Sprintf("Changing %s replaces elastic resource pool %s: Terraform deletes it and creates "+
		"it again, and the jobs running on it stop.", strings.Join(replacing, ", "), name)
	summary := fmt.Sprintf("DLI Elastic Resource Pool %s Will Be Replaced", name)
	if len(queues) > 0 {
		summary += " With Its Queues"
		detail += fmt.Sprintf(" Its queues go with it: %s (%s) are deleted and created again in the new pool "+
			"(each must show as replaced in the plan, or DLI refuses to delete the pool), and the jobs running "+
			"on them stop too.", strings.Join(queues, ", "), source)
	}
	diags.AddWarning(summary, detail)
}

// currentQueues returns the pool's queues as DLI lists them, or as the state
// recorded them when DLI cannot be asked (the provider is not configured, or
// the call fails: a warning must not fail the plan), and says which.
func (r *poolResource) currentQueues(ctx context.Context, prior poolModel, diags *diag.Diagnostics) ([]string, string) {
	if r.Client != nil {
		p, err := r.Client.GetPool(ctx, prior.Name.ValueString())
		if err == nil {
			return p.Queues, "as DLI lists them now"
		}
		if client.IsNotFound(err) {
			return nil, ""
		}
	}
	return framework.Strings(ctx, prior.Queues, diags), "as the state recorded them at the last refresh"
}

// warnReplacementRefused warns when the plan replaces a pool that holds
// queues while keeping its name: the replacement is refused unless those
// queues are replaced in the same plan, which the provider cannot see from
// here.
func warnReplacementRefused(name string, changed, queues []string, diags *diag.Diagnostics) {
	diags.AddWarning("DLI Will Refuse To Replace This Pool Unless Its Queues Are Replaced Too",
		fmt.Sprintf("Changing %s replaces elastic resource pool %s, which holds the queues %s. DLI refuses to "+
			"delete a pool that holds queues, so the apply will stop before deleting anything unless those "+
			"queues are replaced in the same plan (check the plan: each must show as replaced; the jobs running "+
			"on them stop). To replace them with the pool, %s", strings.Join(changed, ", "), name,
			strings.Join(queues, ", "), fixAdvice(queues)))
}

// queuesHeldError stops the delete of a pool that still holds queues which
// this run is not deleting.
type queuesHeldError struct {
	pool   string
	queues []string
}

func (e *queuesHeldError) Error() string {
	return fmt.Sprintf("elastic resource pool %s still holds the queues %s, and DLI refuses to delete a pool "+
		"that holds queues. Nothing was deleted. Terraform deletes a pool's queues before the pool only when "+
		"they are deleted or replaced in the same plan: to delete the pool, delete those queues first; to "+
		"replace it, %s", e.pool, strings.Join(e.queues, ", "), fixAdvice(e.queues))
}

// heldQueues returns the queues the pool still holds: those its list names
// and that DLI still reports. The pool list may name a queue for a moment
// after it was deleted; the queue's own read is the authority.
func heldQueues(ctx context.Context, c *client.Client, name string) ([]string, error) {
	p, err := c.GetPool(ctx, name)
	if err != nil {
		return nil, err
	}
	var held []string
	for _, q := range p.Queues {
		_, err := c.GetQueue(ctx, strings.ToLower(q))
		if client.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		held = append(held, q)
	}
	return held, nil
}

// heldGrace is how long, in all, the delete looks again at queues that hold
// the pool before calling them held for good: a queue deleted side by side
// with the pool in the same run (Terraform does so when it recorded no
// dependency between them, e.g. after an import) may not have started its
// delete when the pool's begins.
const heldGrace = 4 * time.Second

// heldForGood returns the queues that hold the pool and that this run is not
// deleting. Queues this run is deleting are left out: DLI refuses the pool's
// delete until they are gone, and RetryRefused waits for that.
func (r *poolResource) heldForGood(ctx context.Context, name string) ([]string, error) {
	deadline := time.Now().Add(heldGrace)
	for {
		held, err := heldQueues(ctx, r.Client, name)
		if err != nil {
			return nil, err
		}
		var forGood []string
		for _, q := range held {
			if !r.Client.QueueDeleting(q) {
				forGood = append(forGood, q)
			}
		}
		if len(forGood) == 0 || time.Now().After(deadline) {
			return forGood, nil
		}
		select {
		case <-ctx.Done():
			return forGood, nil
		case <-time.After(heldGrace / 4):
		}
	}
}

// deletePool is one attempt at deleting the pool: it stops with a
// queuesHeldError, which RetryRefused does not retry, while queues that
// nobody deletes remain.
func (r *poolResource) deletePool(ctx context.Context, name string) error {
	held, err := r.heldForGood(ctx, name)
	if err != nil {
		return err
	}
	if len(held) > 0 {
		return &queuesHeldError{pool: name, queues: held}
	}
	return r.Client.DeletePool(ctx, name)
}

// deletable prepares the delete: it fails with a queuesHeldError while the
// pool holds queues that nobody deletes, and otherwise unbinds the pool from
// every connection.
func (r *poolResource) deletable(ctx context.Context, name string) error {
	held, err := r.heldForGood(ctx, name)
	if err != nil {
		return err
	}
	if len(held) > 0 {
		return &queuesHeldError{pool: name, queues: held}
	}
	return bindings.UnbindFromConnections(ctx, r.Client, client.BindPool, name)
}

// addRebindWarning adds the warning of a failed rebinding, if any.
func addRebindWarning(diags *diag.Diagnostics, warning string) {
	if warning != "" {
		diags.AddWarning("DLI Elastic Resource Pool Not Bound Back To Its Connections", warning)
	}
}
