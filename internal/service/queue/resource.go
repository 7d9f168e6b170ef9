// Package queue implements the dli_queue resource: a DLI queue, normally inside
// an elastic resource pool, scaled in place and replaced for every other change.
package queue

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/bindings"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

var (
	_ resource.Resource                     = (*queueResource)(nil)
	_ resource.ResourceWithConfigure        = (*queueResource)(nil)
	_ resource.ResourceWithConfigValidators = (*queueResource)(nil)
	_ resource.ResourceWithImportState      = (*queueResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*queueResource)(nil)
)

// Error summaries, one per action.
const (
	errCreate = "Error Creating DLI Queue"
	errRead   = "Error Reading DLI Queue"
	errUpdate = "Error Scaling DLI Queue"
	errExtras = "Error Updating DLI Queue"
	errDelete = "Error Deleting DLI Queue"
	errImport = "Error Importing DLI Queue"
)

// queueResource manages one dli_queue.
type queueResource struct {
	framework.ResourceBase
}

// NewResource returns the dli_queue resource.
func NewResource() resource.Resource {
	return &queueResource{}
}

func (r *queueResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_queue"
}

func (r *queueResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan queueModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, framework.QueueTimeouts.Create)
	resp.Diagnostics.Append(diags...)
	in := plan.createInput(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	tflog.Debug(ctx, "creating DLI queue", map[string]any{"name": in.Name, "pool": in.PoolName, "cu_count": in.CUCount})
	if err := r.createQueue(ctx, in); err != nil {
		framework.AddError(&resp.Diagnostics, errCreate, err)
		return
	}

	// Track the queue before anything else can fail: an error or an interrupt
	// from here on leaves a tainted resource, never an untracked queue. What
	// the API has not reported yet is null until the next read fills it.
	// The extras are not applied yet: the state says so until they are.
	state := plan
	state.ScalingPolicies, state.SparkDriver = nullPolicies(), nullSparkDriver()
	resp.Diagnostics.Append(framework.SaveKnown(ctx, &resp.State, &state)...)
	framework.SetNameIdentity(ctx, resp.Identity, in.Name, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	saved := false
	q, err := waitQueueCreated(ctx, r.Client, plan.Name.ValueString(), plan.CUCount.ValueInt64(), func(q *client.Queue) {
		// The first answer carries the resource id: save it at once.
		if saved {
			return
		}
		saved = true
		state.applyGet(q)
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	})
	if err != nil {
		r.recordFailedCreate(ctx, &state, q)
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		framework.AddError(&resp.Diagnostics, errCreate, err)
		return
	}
	state.applyGet(q)

	if state.needsListItem() {
		item, err := r.Client.FindQueueListItem(ctx, plan.Name.ValueString())
		if err != nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
			framework.AddError(&resp.Diagnostics, errCreate, err)
			return
		}
		state.applyListItem(item)
	}
	err = r.updatePoliciesAndDriver(ctx, &state, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	if err != nil {
		framework.AddError(&resp.Diagnostics, errCreate, err)
		return
	}
	// A queue replaced under the same name goes back to the connections it
	// was unbound from before its delete.
	if warning := bindings.RebindRecreated(ctx, r.Client, client.BindQueue, plan.Name.ValueString()); warning != "" {
		resp.Diagnostics.AddWarning("DLI Queue Not Bound Back To Its Connections", warning)
	}
}

func (r *queueResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state queueModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	imported := state.needsListItem()
	// Set first: the framework wants an identity even when the queue is gone
	// and leaves the state.
	framework.SetNameIdentity(ctx, resp.Identity, name, &resp.Diagnostics)

	// One request per refresh: GET one queue has everything but the
	// list-only attributes, which cannot change and stay as in the state.
	q, err := r.Client.ReadQueue(ctx, name)
	if client.IsNotFound(err) {
		framework.RemoveVanished(ctx, resp, "queue", name)
		return
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errRead, err)
		return
	}
	state.applyGet(q)

	// After an import the list-only attributes are unknown to the state:
	// the queue list (of every type, so general queues are found) has them.
	if state.needsListItem() {
		item, err := r.Client.FindQueueListItem(ctx, name)
		if err != nil {
			framework.AddError(&resp.Diagnostics, errRead, err)
			return
		}
		state.applyListItem(item)
		if state.Labels.IsNull() {
			state.Labels = labelsValue(item.Labels)
		}
	}
	if err := r.readPoliciesAndDriver(ctx, &state, imported, &resp.Diagnostics); err != nil {
		framework.AddError(&resp.Diagnostics, errRead, err)
		return
	}
	if state.Tags, err = tags.Refresh(ctx, r.Client, client.TagQueue, tagID(state), state.Tags, &resp.Diagnostics); err != nil {
		framework.AddError(&resp.Diagnostics, errRead, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// tagID is the queue's id in the tag API: its queue_id.
func tagID(m queueModel) string {
	return strconv.FormatInt(m.QueueID.ValueInt64(), 10)
}

func (r *queueResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior queueModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, framework.QueueTimeouts.Update)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// Every argument but cu_count, the extras (scaling_policies,
	// spark_driver), tags and timeouts replaces the queue.
	// state holds what has been applied so far; kept is what to save when a
	// step fails: the prior size (the next refresh reads what DLI reached, so
	// a later apply resizes again) with the extras applied until then.
	framework.SetNameIdentity(ctx, resp.Identity, prior.Name.ValueString(), &resp.Diagnostics)
	state := plan
	state.ScalingPolicies, state.SparkDriver = prior.ScalingPolicies, prior.SparkDriver
	kept := func() queueModel {
		m := prior
		m.ScalingPolicies, m.SparkDriver, m.Tags = state.ScalingPolicies, state.SparkDriver, state.Tags
		return m
	}
	state.Tags = prior.Tags
	if !plan.Tags.Equal(prior.Tags) {
		err := r.Client.UpdateTags(ctx, client.TagQueue, tagID(prior),
			tags.FromMap(ctx, prior.Tags, &resp.Diagnostics), tags.FromMap(ctx, plan.Tags, &resp.Diagnostics))
		if err != nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, prior)...)
			framework.AddError(&resp.Diagnostics, errUpdate, err)
			return
		}
		state.Tags = plan.Tags
	}
	name := prior.Name.ValueString()
	target := plan.CUCount.ValueInt64()
	resize := target != prior.CUCount.ValueInt64()
	pooled := isPooled(prior)

	if resize && !pooled {
		// A standalone queue is scaled with the queue action, by the difference.
		tflog.Debug(ctx, "scaling DLI queue", map[string]any{"name": name, "from": prior.CUCount.ValueInt64(), "to": target})
		if err := r.Client.ScaleQueue(ctx, name, target-prior.CUCount.ValueInt64()); err != nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, prior)...)
			framework.AddError(&resp.Diagnostics, errUpdate, err)
			return
		}
	}
	if resize && pooled && planmod.IsNone(plan.ScalingPolicies) && planmod.IsNone(prior.ScalingPolicies) {
		// The action API cannot scale a queue in a pool: its default policy
		// sizes it. Configured policies carry the size themselves (see
		// policyCUValidator) and are sent by updatePolicies.
		if err := r.resizeDefaultPolicy(ctx, prior.PoolName.ValueString(), name, target); err != nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, prior)...)
			framework.AddError(&resp.Diagnostics, errUpdate, err)
			return
		}
	}
	if err := r.updatePolicies(ctx, &state, plan); err != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, kept())...)
		framework.AddError(&resp.Diagnostics, errExtras, err)
		return
	}
	if resize {
		q, err := waitQueueScaled(ctx, r.Client, name, prior.CUCount.ValueInt64(), target)
		if err != nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, kept())...)
			framework.AddError(&resp.Diagnostics, errUpdate, err)
			return
		}
		state.applyGet(q)
	}
	err := r.updateSparkDriver(ctx, &state, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	if err != nil {
		framework.AddError(&resp.Diagnostics, errExtras, err)
	}
}

// isPooled reports whether the model is of a queue inside an elastic resource pool.
func isPooled(m queueModel) bool {
	return known(m.PoolName) && m.PoolName.ValueString() != ""
}

func (r *queueResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state queueModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, framework.QueueTimeouts.Delete)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := state.Name.ValueString()
	// A pool deleted in the same run waits for queues marked here.
	forget := r.Client.MarkQueueDeleting(name)
	// DLI refuses to delete a queue that a connection binds, and a deleted
	// queue cannot stay bound: unbind it first.
	if err := bindings.UnbindFromConnections(ctx, r.Client, client.BindQueue, name); err != nil {
		forget()
		framework.AddError(&resp.Diagnostics, errDelete, err)
		return
	}
	tflog.Debug(ctx, "deleting DLI queue", map[string]any{"name": name})
	err := r.Client.DeleteQueue(ctx, name)
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		forget()
		framework.AddError(&resp.Diagnostics, errDelete, deleteError{err})
		return
	}
	err = waitQueueDeleted(ctx, r.Client, name)

	if err != nil {
		framework.AddError(&resp.Diagnostics, errDelete, err)
	}
}

// deleteError explains a refused deletion. DLI's message names the blocker
// (a connection the queue is bound to, running jobs); the hint says what to do.
type deleteError struct{ err error }

func (e deleteError) Error() string {
	if !client.IsInvalid(e.err) {
		return e.err.Error()
	}
	return e.err.Error() + "\n\nDLI refused to delete the queue. If jobs are running on it, wait for them to finish " +
		"or cancel them; if a connection was bound to it meanwhile (the provider unbinds it from every " +
		"connection just before the delete), unbind it; then run apply again."
}

func (e deleteError) Unwrap() error { return e.err }

// updatePoliciesAndDriver applies the planned scaling policies and Spark driver settings
// where they differ from state (what DLI has now), and records each one in
// state as soon as DLI accepted it, so a failure leaves a state that says
// exactly what was applied.
func (r *queueResource) updatePoliciesAndDriver(ctx context.Context, state *queueModel, plan queueModel) error {
	if err := r.updatePolicies(ctx, state, plan); err != nil {
		return err
	}
	return r.updateSparkDriver(ctx, state, plan)
}

// readPoliciesAndDriver refreshes the scaling policies and Spark driver settings, each
// only when the state has it or right after an import: a queue without them
// is refreshed with GET one queue alone. Where the region does not offer the
// properties API the state's values are kept, with a warning, so the plans of
// every other attribute still work. Warnings go to warnings.
func (r *queueResource) readPoliciesAndDriver(ctx context.Context, state *queueModel, imported bool, warnings *diag.Diagnostics) error {
	name := state.Name.ValueString()
	inPool := isPooled(*state)
	if inPool && (!planmod.IsNone(state.ScalingPolicies) || imported) {
		pq, err := r.Client.FindPoolQueue(ctx, state.PoolName.ValueString(), name)
		if err != nil {
			return err
		}
		if imported && isDefaultPolicy(pq.ScalingPolicies, state.CUCount.ValueInt64()) {
			// The policy nobody configured: an unset attribute, or [], means
			// it. Recorded as [], which both plan as (planmod.NoneIsEmpty).
			state.ScalingPolicies = policiesValue(nil)
		} else {
			state.ScalingPolicies = policiesValue(pq.ScalingPolicies)
		}
	}
	if !state.SparkDriver.IsNull() || imported {
		v, err := r.readSparkDriver(ctx, name, state.SparkDriver, imported)
		switch {
		case client.IsUnavailable(err):
			tflog.Warn(ctx, "DLI queue properties cannot be read in this region; keeping spark_driver as it was",
				map[string]any{"name": name, "error": err.Error()})
		case err != nil && imported && state.SparkDriver.IsNull() && !client.IsNotFound(err):
			// Reading the settings is only a courtesy to an import that
			// does not track them yet: failing it would fail the import
			// of a queue that is there. A configured spark_driver shows
			// up in the next plan as an in-place change, which sets it.
			warnings.AddWarning("Spark driver settings not read",
				fmt.Sprintf("The settings of DLI queue %q could not be read, so spark_driver stays unset in the "+
					"state; if the configuration sets it, the next apply sets it on the queue. Cause: %s",
					name, framework.Explain(err)))
		case err != nil:
			return err
		default:
			state.SparkDriver = v
		}
	}
	return nil
}
