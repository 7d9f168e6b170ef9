// Package pool implements dli_elastic_resource_pool: a DLI elastic resource
// pool, created pay-per-use, scaled in place, and waited on until DLI reports
// it usable or gone.
package pool

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/bindings"
	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/refusal"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

var (
	_ resource.Resource                     = (*poolResource)(nil)
	_ resource.ResourceWithConfigure        = (*poolResource)(nil)
	_ resource.ResourceWithImportState      = (*poolResource)(nil)
	_ resource.ResourceWithConfigValidators = (*poolResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*poolResource)(nil)
)

// Error summaries, one per action.
const (
	errCreating  = "Error Creating DLI Elastic Resource Pool"
	errReading   = "Error Reading DLI Elastic Resource Pool"
	errUpdating  = "Error Updating DLI Elastic Resource Pool"
	errDeleting  = "Error Deleting DLI Elastic Resource Pool"
	errImporting = "Error Importing DLI Elastic Resource Pool"
)

// resourceType is the type name after the provider's "dli" prefix.
const resourceType = "_elastic_resource_pool"

// NewResource returns the dli_elastic_resource_pool resource.
func NewResource() resource.Resource { return &poolResource{} }

type poolResource struct {
	framework.ResourceBase
}

// Metadata names the resource type.
func (r *poolResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + resourceType
}

// Create starts the pool, records it in the state as soon as DLI lists it, and
// waits until it is AVAILABLE.
func (r *poolResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan poolModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, framework.PoolTimeouts.Create)
	resp.Diagnostics.Append(diags...)
	in := plan.createInput(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := plan.Name.ValueString()
	tflog.Debug(ctx, "creating DLI elastic resource pool", map[string]any{"name": name})
	if err := r.Client.CreatePool(ctx, in); err != nil {
		framework.AddError(&resp.Diagnostics, errCreating, err)
		return
	}

	// The create response carries no id: read the pool back and save it before
	// the long wait, so that a failure or an interrupt leaves it tracked.
	p, err := waitPoolListed(ctx, r.Client, name)
	if err != nil {
		// Track what the plan knows; the next refresh finds the pool by
		// name and fills the rest in.
		resp.Diagnostics.Append(framework.SaveKnown(ctx, &resp.State, &plan)...)
		framework.SetNameIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
		framework.AddError(&resp.Diagnostics, errCreating, err)
		return
	}
	state := plan
	state.setFrom(p, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	framework.SetNameIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Debug(ctx, "waiting for DLI elastic resource pool", map[string]any{"name": name, "id": p.ResourceID})

	p, err = waitPoolAvailable(ctx, r.Client, name, false, anyCU, "")
	if p != nil {
		state.setFrom(p, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errCreating, err)
		return
	}
	// A pool replaced under the same name goes back to the connections it
	// was unbound from before its delete.
	addRebindWarning(&resp.Diagnostics, bindings.RebindRecreated(ctx, r.Client, client.BindPool, name))
}

// Read refreshes the pool from the list API; a pool that is gone leaves the state.
func (r *poolResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state poolModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity even when the pool is gone
	// and leaves the state.
	framework.SetNameIdentity(ctx, resp.Identity, state.Name.ValueString(), &resp.Diagnostics)
	p, err := r.Client.ReadPool(ctx, state.Name.ValueString())
	if client.IsNotFound(err) {
		framework.RemoveVanished(ctx, resp, "elastic resource pool", state.Name.ValueString())
		return
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errReading, err)
		return
	}
	state.setFrom(p, &resp.Diagnostics)
	if state.Tags, err = tags.Refresh(ctx, r.Client, client.TagPool, state.ID.ValueString(), state.Tags, &resp.Diagnostics); err != nil {
		framework.AddError(&resp.Diagnostics, errReading, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update sends the changed description and, always, both CU values (as the
// incumbent provider does: DLI documents neither as depending on the other,
// and the pair is what it checks min <= max on), then waits until the pool
// has scaled to them.
func (r *poolResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state poolModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, framework.PoolTimeouts.Update)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := state.Name.ValueString()
	framework.SetNameIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
	if !plan.Tags.Equal(state.Tags) {
		// Tags go through the tag API, which works whatever the pool's status.
		err := r.Client.UpdateTags(ctx, client.TagPool, state.ID.ValueString(),
			tags.FromMap(ctx, state.Tags, &resp.Diagnostics), tags.FromMap(ctx, plan.Tags, &resp.Diagnostics))
		if err != nil {
			framework.AddError(&resp.Diagnostics, errUpdating, err)
			return
		}
		state.Tags = plan.Tags
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
	in, changed := updateInput(plan, state)
	var p *client.Pool
	var err error
	if changed {
		p, err = r.update(ctx, name, in)
	} else {
		// Only the name's case or the timeouts changed: nothing to send.
		p, err = r.Client.GetPool(ctx, name)
	}
	if p != nil {
		plan.setFrom(p, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errUpdating, err)
	}
}

// update waits until the pool accepts changes, sends them, and waits until
// DLI reports them applied. It returns the last pool read, if any.
func (r *poolResource) update(ctx context.Context, name string, in client.UpdatePoolInput) (*client.Pool, error) {
	// DLI refuses changes while a pool is creating or scaling.
	p, err := waitPoolAvailable(ctx, r.Client, name, true, anyCU, "")
	if err != nil {
		return p, err
	}
	scales := (in.MaxCU != nil && *in.MaxCU != p.MaxCU) || (in.MinCU != nil && *in.MinCU != p.MinCU)
	tflog.Debug(ctx, "updating DLI elastic resource pool", map[string]any{"name": name, "scales": scales})
	// The pool may turn busy between that read and the call (a queue of the
	// pool scaling makes the pool scale too): such refusals are waited out.
	err = refusal.RetryRefused(ctx, "update elastic resource pool "+name,
		"Nothing was changed; apply again once the pool is AVAILABLE.",
		func(ctx context.Context) error { return r.Client.UpdatePool(ctx, name, in) })
	if err != nil {
		return p, err
	}
	return waitPoolAvailable(ctx, r.Client, name, false, settled(in, scales, time.Now()), cuChange(p, in))
}

// deleteRefusedHint ends the error of a delete that DLI refused until the
// timeout. The incumbent provider's acceptance tests wait 15 minutes after
// creating a pool before deleting it, because DLI refuses earlier deletes.
const deleteRefusedHint = "DLI refuses to delete an elastic resource pool for a while after creating it " +
	"(15 minutes or more) and while it is scaling. The pool stays in the state (unbound from its enhanced " +
	"connections, which a later apply binds again): a later terraform destroy (or apply) will succeed once DLI " +
	"accepts the deletion; " +
	"a longer delete timeout (timeouts { delete = ... }) lets one run wait for it"

// Delete removes the pool and waits until DLI no longer lists it. A pool
// that still holds queues stops the delete at once (see queuesHeldError);
// otherwise the pool is unbound from its connections, and DLI's refusals (a
// pool too young to delete, scaling) are retried until the delete timeout.
func (r *poolResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state poolModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, framework.PoolTimeouts.Delete)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := state.Name.ValueString()
	tflog.Debug(ctx, "deleting DLI elastic resource pool", map[string]any{"name": name, "id": state.ID.ValueString()})
	// Queues block the delete for good: stop before changing anything,
	// bindings included. Then unbind the pool from its connections, which
	// DLI cannot keep bound to a deleted pool.
	err := r.deletable(ctx, name)
	if err == nil {
		err = refusal.RetryRefused(ctx, "delete elastic resource pool "+name, deleteRefusedHint,
			func(ctx context.Context) error { return r.deletePool(ctx, name) })
	}
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errDeleting, err)
		return
	}
	if err := waitPoolDeleted(ctx, r.Client, name); err != nil {
		framework.AddError(&resp.Diagnostics, errDeleting, err)
	}
}
