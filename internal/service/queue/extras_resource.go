package queue

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/planmod"
)

// updateExtras applies the planned scaling policies and Spark driver settings
// where they differ from state (what DLI has now), and records each one in
// state as soon as DLI accepted it, so a failure leaves a state that says
// exactly what was applied.
func (r *queueResource) updateExtras(ctx context.Context, state *queueModel, plan queueModel) error {
	if err := r.updatePolicies(ctx, state, plan); err != nil {
		return err
	}
	return r.updateSparkDriver(ctx, state, plan)
}

// updatePolicies is the scaling policies' part of updateExtras.
func (r *queueResource) updatePolicies(ctx context.Context, state *queueModel, plan queueModel) error {
	name := state.Name.ValueString()
	if planmod.IsNone(plan.ScalingPolicies) && planmod.IsNone(state.ScalingPolicies) {
		// Unset and [] both leave DLI's policies alone.
		state.ScalingPolicies = plan.ScalingPolicies
		return nil
	}
	if !plan.ScalingPolicies.Equal(state.ScalingPolicies) {
		var diags diag.Diagnostics
		policies := defaultPolicies(plan.CUCount.ValueInt64())
		if !planmod.IsNone(plan.ScalingPolicies) {
			policies = policyInputs(policiesFrom(ctx, plan.ScalingPolicies, &diags))
		}
		if err := diagsError(diags); err != nil {
			return err
		}
		pool := state.PoolName.ValueString()
		tflog.Debug(ctx, "updating scaling policies of DLI queue", map[string]any{"name": name, "pool": pool, "policies": len(policies)})
		if err := r.client.UpdateQueueScalingPolicies(ctx, pool, name, policies); err != nil {
			return err
		}
		state.ScalingPolicies = plan.ScalingPolicies
	}
	return nil
}

// updateSparkDriver is the Spark driver settings' part of updateExtras.
func (r *queueResource) updateSparkDriver(ctx context.Context, state *queueModel, plan queueModel) error {
	name := state.Name.ValueString()
	if !plan.SparkDriver.Equal(state.SparkDriver) {
		var diags diag.Diagnostics
		set, del := propertyChanges(sparkDriverFrom(ctx, state.SparkDriver, &diags), sparkDriverFrom(ctx, plan.SparkDriver, &diags))
		if err := diagsError(diags); err != nil {
			return err
		}
		// Deletions first: lowering max_instance while dropping
		// max_prefetch_instance must not meet the old prefetch value.
		tflog.Debug(ctx, "updating properties of DLI queue", map[string]any{"name": name, "set": len(set), "delete": del})
		if err := r.client.DeleteQueueProperties(ctx, name, del); err != nil {
			return err
		}
		if err := r.client.SetQueueProperties(ctx, name, set); err != nil {
			return err
		}
		state.SparkDriver = plan.SparkDriver
	}
	return nil
}

// readExtras refreshes the scaling policies and Spark driver settings, each
// only when the state has it or right after an import: a queue without them
// is refreshed with GET one queue alone. Where the region does not offer the
// properties API the state's values are kept, with a warning, so the plans of
// every other attribute still work. Warnings go to warnings.
func (r *queueResource) readExtras(ctx context.Context, state *queueModel, imported bool, warnings *diag.Diagnostics) error {
	name := state.Name.ValueString()
	inPool := isPooled(*state)
	if inPool && (!planmod.IsNone(state.ScalingPolicies) || imported) {
		pq, err := r.client.FindPoolQueue(ctx, state.PoolName.ValueString(), name)
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

// readSparkDriver reads the queue's properties as a spark_driver value; prior
// is the value in the state.
func (r *queueResource) readSparkDriver(ctx context.Context, name string, prior types.Object, imported bool) (types.Object, error) {
	props, err := r.client.GetQueueProperties(ctx, name)
	if err != nil {
		return prior, err
	}
	var diags diag.Diagnostics
	priorDriver := sparkDriverFrom(ctx, prior, &diags)
	if err := diagsError(diags); err != nil {
		return prior, err
	}
	return sparkDriverValue(props, priorDriver, imported)
}

// diagsError turns conversion errors (a schema/model mismatch, a bug) into an error.
func diagsError(diags diag.Diagnostics) error {
	if !diags.HasError() {
		return nil
	}
	var errs []error
	for _, d := range diags.Errors() {
		errs = append(errs, fmt.Errorf("%s: %s", d.Summary(), d.Detail()))
	}
	return errors.Join(errs...)
}
