package queue

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/opendli/terraform-provider-dli/internal/framework"
	"github.com/opendli/terraform-provider-dli/internal/validate"
)

// Spark driver settings: the v3 queue properties API behind spark_driver.

// Property keys behind the spark_driver attributes. Some API versions spell
// the first one in the plural; reading accepts both.
const (
	propMaxInstance         = "computeEngine.maxInstance"
	propMaxInstancesAlt     = "computeEngine.maxInstances"
	propMaxConcurrent       = "job.maxConcurrent"
	propMaxPrefetchInstance = "computeEngine.maxPrefetchInstance"
)

// sparkDriverModel is the spark_driver object.
type sparkDriverModel struct {
	MaxInstance         types.Int64 `tfsdk:"max_instance"`
	MaxConcurrent       types.Int64 `tfsdk:"max_concurrent"`
	MaxPrefetchInstance types.Int64 `tfsdk:"max_prefetch_instance"`
}

// sparkDriverAttrTypes is the object type of spark_driver.
var sparkDriverAttrTypes = map[string]attr.Type{
	"max_instance":          types.Int64Type,
	"max_concurrent":        types.Int64Type,
	"max_prefetch_instance": types.Int64Type,
}

func nullSparkDriver() types.Object { return types.ObjectNull(sparkDriverAttrTypes) }

// fields pairs each spark_driver attribute with its property key.
func (s *sparkDriverModel) fields() []struct {
	key string
	v   *types.Int64
} {
	return []struct {
		key string
		v   *types.Int64
	}{
		{propMaxInstance, &s.MaxInstance},
		{propMaxConcurrent, &s.MaxConcurrent},
		{propMaxPrefetchInstance, &s.MaxPrefetchInstance},
	}
}

// sparkDriverFrom reads the spark_driver object; nil when it is null or unknown.
func sparkDriverFrom(ctx context.Context, obj types.Object, diags *diag.Diagnostics) *sparkDriverModel {
	if obj.IsNull() || obj.IsUnknown() {
		return nil
	}
	var s sparkDriverModel
	diags.Append(obj.As(ctx, &s, basetypes.ObjectAsOptions{})...)
	return &s
}

// propertyChanges compares the prior and planned spark_driver and returns the
// keys to set (new or changed values) and the keys to delete (attributes that
// were set and no longer are; DLI then uses its default again).
func propertyChanges(prior, planned *sparkDriverModel) (set map[string]string, del []string) {
	set = map[string]string{}
	if prior == nil {
		prior = &sparkDriverModel{}
	}
	if planned == nil {
		planned = &sparkDriverModel{}
	}
	pf, nf := prior.fields(), planned.fields()
	for i := range nf {
		was, now := *pf[i].v, *nf[i].v
		switch {
		case known(now) && !now.Equal(was):
			set[nf[i].key] = strconv.FormatInt(now.ValueInt64(), 10)
		case now.IsNull() && known(was):
			del = append(del, nf[i].key)
		}
	}
	return set, del
}

// sparkDriverValue builds spark_driver from the queue's properties. Only the
// attributes the prior value sets are read (all of them when all is true,
// after an import): properties nobody configured are DLI's business. The
// object is null when no attribute has a value.
func sparkDriverValue(props map[string]string, prior *sparkDriverModel, all bool) (types.Object, error) {
	if prior == nil {
		prior = &sparkDriverModel{}
	}
	if _, ok := props[propMaxInstance]; !ok {
		if v, ok := props[propMaxInstancesAlt]; ok {
			props[propMaxInstance] = v
		}
	}
	var out sparkDriverModel
	found := false
	pf, of := prior.fields(), out.fields()
	for i := range of {
		*of[i].v = types.Int64Null()
		raw, ok := props[of[i].key]
		if !ok || (!all && pf[i].v.IsNull()) {
			continue
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nullSparkDriver(), fmt.Errorf("queue property %s has the value %q, not an integer", of[i].key, raw)
		}
		*of[i].v = types.Int64Value(n)
		found = true
	}
	if !found {
		return nullSparkDriver(), nil
	}
	return types.ObjectValueMust(sparkDriverAttrTypes, map[string]attr.Value{
		"max_instance":          out.MaxInstance,
		"max_concurrent":        out.MaxConcurrent,
		"max_prefetch_instance": out.MaxPrefetchInstance,
	}), nil
}

// updateSparkDriver is the Spark driver settings' part of updatePoliciesAndDriver.
func (r *queueResource) updateSparkDriver(ctx context.Context, state *queueModel, plan queueModel) error {
	name := state.Name.ValueString()
	if !plan.SparkDriver.Equal(state.SparkDriver) {
		var diags diag.Diagnostics
		set, del := propertyChanges(sparkDriverFrom(ctx, state.SparkDriver, &diags), sparkDriverFrom(ctx, plan.SparkDriver, &diags))
		if err := framework.DiagsError(diags); err != nil {
			return err
		}
		// Deletions first: lowering max_instance while dropping
		// max_prefetch_instance must not meet the old prefetch value.
		tflog.Debug(ctx, "updating properties of DLI queue", map[string]any{"name": name, "set": len(set), "delete": del})
		if err := r.Client.DeleteQueueProperties(ctx, name, del); err != nil {
			return err
		}
		if err := r.Client.SetQueueProperties(ctx, name, set); err != nil {
			return err
		}
		state.SparkDriver = plan.SparkDriver
	}
	return nil
}

// readSparkDriver reads the queue's properties as a spark_driver value; prior
// is the value in the state.
func (r *queueResource) readSparkDriver(ctx context.Context, name string, prior types.Object, imported bool) (types.Object, error) {
	props, err := r.Client.GetQueueProperties(ctx, name)
	if err != nil {
		return prior, err
	}
	var diags diag.Diagnostics
	priorDriver := sparkDriverFrom(ctx, prior, &diags)
	if err := framework.DiagsError(diags); err != nil {
		return prior, err
	}
	return sparkDriverValue(props, priorDriver, imported)
}

// sparkDriverValidator requires at least one attribute in spark_driver (an
// empty block would manage nothing) and max_prefetch_instance <= max_instance.
type sparkDriverValidator struct{}

func (sparkDriverValidator) Description(context.Context) string {
	return "at least one attribute is set, and max_prefetch_instance is at most max_instance"
}

func (v sparkDriverValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (sparkDriverValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var s sparkDriverModel
	resp.Diagnostics.Append(req.ConfigValue.As(ctx, &s, basetypes.ObjectAsOptions{})...)
	if resp.Diagnostics.HasError() {
		return
	}
	if s.MaxInstance.IsNull() && s.MaxConcurrent.IsNull() && s.MaxPrefetchInstance.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty Spark Driver Settings",
			"spark_driver sets none of max_instance, max_concurrent and max_prefetch_instance; set one or remove the attribute.")
	}
	if known(s.MaxInstance) && known(s.MaxPrefetchInstance) && s.MaxPrefetchInstance.ValueInt64() > s.MaxInstance.ValueInt64() {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("max_prefetch_instance"), "Too Many Prefetched Spark Drivers",
			fmt.Sprintf("max_prefetch_instance (%d) cannot exceed max_instance (%d): DLI cannot start more drivers ahead "+
				"of demand than the queue may run.", s.MaxPrefetchInstance.ValueInt64(), s.MaxInstance.ValueInt64()))
	}
}

// sparkDriverPlaceRule refuses spark_driver where DLI does not take queue
// properties: the user guide "Setting Queue Properties" allows them only for
// SQL queues of the Spark engine in an elastic resource pool (of the standard
// edition, which the pool's own resource knows; DLI judges that part).
var sparkDriverPlaceRule = validate.Rule{
	Summary: "spark_driver needs a SQL queue of the Spark engine in an elastic resource pool",
	Check: func(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
		var driver types.Object
		var pool, queueType, engine types.String
		diags.Append(config.GetAttribute(ctx, path.Root("spark_driver"), &driver)...)
		diags.Append(config.GetAttribute(ctx, path.Root("elastic_resource_pool_name"), &pool)...)
		diags.Append(config.GetAttribute(ctx, path.Root("queue_type"), &queueType)...)
		diags.Append(config.GetAttribute(ctx, path.Root("engine"), &engine)...)
		if diags.HasError() || driver.IsNull() || driver.IsUnknown() {
			return
		}
		var why string
		switch {
		case pool.IsNull():
			why = "this queue is not in an elastic resource pool; set elastic_resource_pool_name or remove spark_driver"
		case known(queueType) && !strings.EqualFold(queueType.ValueString(), "sql"):
			why = fmt.Sprintf("queue_type is %q; only sql queues take Spark driver settings", queueType.ValueString())
		case known(engine) && !strings.EqualFold(engine.ValueString(), "spark"):
			why = fmt.Sprintf("engine is %q; only Spark queues take Spark driver settings", engine.ValueString())
		default:
			return
		}
		diags.AddAttributeError(path.Root("spark_driver"), "Spark Driver Settings Not Allowed Here",
			"DLI sets queue properties only on SQL queues of the Spark engine in a standard elastic resource pool: "+why+".")
	},
}
