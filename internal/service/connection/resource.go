// Package connection implements the dli_enhanced_connection resource: a DLI
// enhanced datasource connection, the pools and queues bound to it, its host
// mapping and its custom routes.
package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/refusal"
	"github.com/opendli/terraform-provider-dli/internal/tags"
)

var (
	_ resource.Resource                = (*connectionResource)(nil)
	_ resource.ResourceWithConfigure   = (*connectionResource)(nil)
	_ resource.ResourceWithImportState = (*connectionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*connectionResource)(nil)
)

// Error summaries, one per action.
const (
	errCreating  = "Error Creating DLI Enhanced Connection"
	errReading   = "Error Reading DLI Enhanced Connection"
	errUpdating  = "Error Updating DLI Enhanced Connection"
	errDeleting  = "Error Deleting DLI Enhanced Connection"
	errImporting = "Error Importing DLI Enhanced Connection"
)

// NewResource returns the dli_enhanced_connection resource.
func NewResource() resource.Resource {
	return &connectionResource{}
}

type connectionResource struct {
	framework.ResourceBase
}

// Metadata names the resource type.
func (r *connectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_enhanced_connection"
}

// Create creates the connection, records its id at once, adds the routes and
// waits until the connection and every binding is ACTIVE.
func (r *connectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan connectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, framework.ConnectionTimeouts.Create)
	resp.Diagnostics.Append(d...)
	in := plan.createInput(ctx, &resp.Diagnostics)
	routes := routesOf(ctx, plan.Routes, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id, err := r.createConnection(ctx, in)
	if err != nil {
		framework.AddError(&resp.Diagnostics, errCreating, err)
		return
	}
	tflog.Debug(ctx, "created enhanced connection", map[string]any{"name": in.Name, "id": id})

	// From here on the connection exists: keep it in state whatever happens next,
	// so that a failure leaves a tainted resource rather than an orphan.
	plan.ID = types.StringValue(id)
	resp.Diagnostics.Append(framework.SaveKnown(ctx, &resp.State, &plan)...)
	setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	for _, rt := range routes {
		if err := r.Client.AddConnectionRoute(ctx, id, rt); err != nil {
			framework.AddError(&resp.Diagnostics, errCreating, err)
			return
		}
	}

	conn, err := waitConnectionActive(ctx, r.Client, id, in.Name, in.Pools, in.Queues)
	if err != nil {
		// Record what DLI last reported (a FAILED peering, statuses), not
		// the nulls set before the wait: the state then already holds what
		// the next refresh would read.
		if conn != nil {
			plan.fill(ctx, conn, &resp.Diagnostics)
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		}
		framework.AddError(&resp.Diagnostics, errCreating, err)
		return
	}
	plan.fill(ctx, conn, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read refreshes the state with one GET. A missing or DELETED connection is
// removed from the state so that the next plan creates it again.
func (r *connectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state connectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity even when the connection
	// is gone and leaves the state.
	setIdentity(ctx, resp.Identity, state.ID.ValueString(), &resp.Diagnostics)
	conn, err := r.Client.ReadConnection(ctx, state.ID.ValueString())
	if client.IsNotFound(err) {
		framework.RemoveVanished(ctx, resp, "enhanced connection", state.Name.ValueString())
		return
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errReading, err)
		return
	}
	state.fill(ctx, conn, &resp.Diagnostics)
	if state.Tags, err = tags.Refresh(ctx, r.Client, client.TagConnection, state.ID.ValueString(), state.Tags, &resp.Diagnostics); err != nil {
		framework.AddError(&resp.Diagnostics, errReading, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update unbinds removed pools and queues (and FAILED ones no longer wanted),
// binds added ones (and FAILED ones still wanted: DLI then retries the
// peering), replaces the host mapping when it changed, applies the route
// difference, and waits until every binding is ACTIVE and every unbound one is
// gone.
func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state connectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, state.ID.ValueString(), &resp.Diagnostics)
	timeout, d := plan.Timeouts.Update(ctx, framework.ConnectionTimeouts.Update)
	resp.Diagnostics.Append(d...)
	wantPools := framework.Strings(ctx, plan.ElasticResourcePools, &resp.Diagnostics)
	wantQueues := framework.Strings(ctx, plan.Queues, &resp.Diagnostics)
	addPools, delPools := diffNames(framework.Strings(ctx, state.ElasticResourcePools, &resp.Diagnostics), wantPools)
	addQueues, delQueues := diffNames(framework.Strings(ctx, state.Queues, &resp.Diagnostics), wantQueues)
	failedPools, failedQueues := failedNames(ctx, state.Bindings, &resp.Diagnostics)
	delPools = append(delPools, minus(failedPools, wantPools)...)
	delQueues = append(delQueues, minus(failedQueues, wantQueues)...)
	delRoutes, addRoutes := diffRoutes(routesOf(ctx, state.Routes, &resp.Diagnostics), routesOf(ctx, plan.Routes, &resp.Diagnostics))
	hosts := hostsOf(ctx, plan.Hosts, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	if !plan.Tags.Equal(state.Tags) {
		err := r.Client.UpdateTags(ctx, client.TagConnection, id,
			tags.FromMap(ctx, state.Tags, &resp.Diagnostics), tags.FromMap(ctx, plan.Tags, &resp.Diagnostics))
		if err != nil {
			framework.AddError(&resp.Diagnostics, errUpdating, err)
			return
		}
		state.Tags = plan.Tags
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
	// The state may be behind: an earlier step of this run may have deleted
	// (and so unbound) or recreated a bound pool or queue. Objects unbound
	// for a delete are no longer to be bound back by their recreation once
	// this update unbinds them.
	r.Client.ForgetUnbound(id, client.BindPool, delPools)
	r.Client.ForgetUnbound(id, client.BindQueue, delQueues)
	current, err := r.Client.GetConnection(ctx, id)
	if err != nil {
		framework.AddError(&resp.Diagnostics, errUpdating, err)
		return
	}
	delPools, addPools = againstCurrent(delPools, addPools, wantPools, current.Pools)
	delQueues, addQueues = againstCurrent(delQueues, addQueues, wantQueues, current.Queues)
	if err := r.Client.DisassociateConnection(ctx, id, delPools, delQueues); err != nil {
		framework.AddError(&resp.Diagnostics, errUpdating, err)
		return
	}
	if err := r.associate(ctx, id, addPools, addQueues); err != nil {
		framework.AddError(&resp.Diagnostics, errUpdating, err)
		return
	}
	if !plan.Hosts.Equal(state.Hosts) {
		tflog.Debug(ctx, "replacing the host mapping", map[string]any{"id": id, "hosts": len(hosts)})
		if err := r.Client.UpdateConnectionHosts(ctx, id, hosts); err != nil {
			framework.AddError(&resp.Diagnostics, errUpdating, err)
			return
		}
	}
	for _, name := range delRoutes {
		if err := r.Client.DeleteConnectionRoute(ctx, id, name); err != nil && !client.IsNotFound(err) {
			framework.AddError(&resp.Diagnostics, errUpdating, err)
			return
		}
	}
	for _, rt := range addRoutes {
		if err := r.Client.AddConnectionRoute(ctx, id, rt); err != nil {
			framework.AddError(&resp.Diagnostics, errUpdating, err)
			return
		}
	}

	conn, err := waitConnectionActive(ctx, r.Client, id, state.Name.ValueString(), wantPools, wantQueues)
	if err != nil {
		framework.AddError(&resp.Diagnostics, errUpdating, err)
		return
	}
	plan.fill(ctx, conn, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete deletes the connection and waits until DLI no longer reports it (a
// DELETED connection counts as gone). A connection already gone is success.
func (r *connectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state connectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, framework.ConnectionTimeouts.Delete)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	// DLI refuses to delete a connection that is still being created (its
	// peerings CREATING: API ref "Deleting an Enhanced Datasource
	// Connection"), e.g. after an apply interrupted while it waited for
	// them; such refusals are waited out within the delete timeout.
	err := refusal.RetryRefused(ctx, "delete enhanced connection "+id,
		"A later terraform destroy will delete it once DLI accepts the deletion.",
		func(ctx context.Context) error { return r.Client.DeleteConnection(ctx, id) })
	if client.IsNotFound(err) {
		return
	}
	if err != nil {
		framework.AddError(&resp.Diagnostics, errDeleting, err)
		return
	}
	err = waitConnectionDeleted(ctx, r.Client, id, state.Name.ValueString())

	if err != nil {
		framework.AddError(&resp.Diagnostics, errDeleting, err)
	}
}
