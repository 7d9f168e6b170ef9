// Package migrate is what the three resources share to take over state that
// the huaweicloud provider wrote: recognising that provider's address in a
// cross-type move, decoding its raw state (the framework knows neither its
// schema nor its SDK's JSON layout), and turning decoded JSON values into
// attribute values. Each resource keeps its own attribute mapping next to its
// schema (move_state.go in its package).
package migrate

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The huaweicloud provider's resource types that can be moved to ours.
const (
	PoolType       = "huaweicloud_dli_elastic_resource_pool"
	QueueType      = "huaweicloud_dli_queue"
	ConnectionType = "huaweicloud_dli_datasource_connection"
)

// SourceProvider is the huaweicloud provider's namespace and type. The host in
// front of it differs by CLI: Terraform names the public registry it uses,
// OpenTofu its own, and a private registry or mirror yet another one.
const SourceProvider = "huaweicloud/huaweicloud"

// FromHuaweiCloud reports whether a move request carries state of typeName
// written by the huaweicloud provider. The address's host is ignored (as the
// framework recommends) so that Terraform's and OpenTofu's spellings both match.
func FromHuaweiCloud(req resource.MoveStateRequest, typeName string) bool {
	if req.SourceTypeName != typeName || req.SourceRawState == nil {
		return false
	}
	addr := strings.ToLower(strings.TrimSuffix(req.SourceProviderAddress, "/"))
	parts := strings.Split(addr, "/")
	// HOST/NAMESPACE/TYPE, or NAMESPACE/TYPE if a CLI ever leaves the host out.
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	return strings.Join(parts[len(parts)-2:], "/") == SourceProvider
}

// Decode unmarshals the source's raw state, whose JSON keys are the source
// schema's attribute names, into v. Keys v does not name are ignored, so older
// and newer versions of the source schema decode alike.
func Decode(req resource.MoveStateRequest, v any, diags *diag.Diagnostics) bool {
	if req.SourceRawState == nil || len(req.SourceRawState.JSON) == 0 {
		diags.AddError("Unable to Move Resource State",
			fmt.Sprintf("The %s state holds no JSON data to move. Refresh it with the huaweicloud provider, "+
				"then move it again, or use a removed block and an import block instead.", req.SourceTypeName))
		return false
	}
	if err := json.Unmarshal(req.SourceRawState.JSON, v); err != nil {
		diags.AddError("Unable to Move Resource State",
			fmt.Sprintf("The %s state could not be read: %v. Use a removed block and an import block instead.",
				req.SourceTypeName, err))
		return false
	}
	return true
}

// Take is how every mover starts: when the request carries huaweicloud state
// of typeName, it decodes it into src and checks that key, the attribute the
// object is found by, is set (keyOf returns it). It returns false when the
// request is for another mover or the state cannot be moved; the
// diagnostics then say why.
func Take[T any](req resource.MoveStateRequest, resp *resource.MoveStateResponse, typeName string, src *T,
	key string, keyOf func(*T) *string) bool {
	if !FromHuaweiCloud(req, typeName) || !Decode(req, src, &resp.Diagnostics) {
		return false
	}
	if v := keyOf(src); v == nil || *v == "" {
		Missing(&resp.Diagnostics, req.SourceTypeName, key)
		return false
	}
	return true
}

// UUIDOrNull keeps a source id only when it is a UUID (DLI's resource id);
// anything else (such as a name some versions kept there) becomes null, and
// Read fills in the id DLI reports.
func UUIDOrNull(p *string) types.String {
	if p == nil || !IsUUID(*p) {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

// Missing reports a required source attribute that the state lacks.
func Missing(diags *diag.Diagnostics, typeName, attribute string) {
	diags.AddError("Unable to Move Resource State",
		fmt.Sprintf("The %s state has no %s, which the move needs. Refresh it with the huaweicloud provider, "+
			"then move it again, or use a removed block and an import block instead.", typeName, attribute))
}

// Target writes attribute by attribute into the moved state. Attributes it is
// not given stay null, and the resource's Read, which Terraform runs right
// after the move, fills in what DLI reports.
type Target struct {
	ctx   context.Context
	state *tfsdk.State
	diags *diag.Diagnostics
}

// NewTarget writes into resp.TargetState.
func NewTarget(ctx context.Context, resp *resource.MoveStateResponse) *Target {
	return &Target{ctx: ctx, state: &resp.TargetState, diags: &resp.Diagnostics}
}

// Set writes one top-level attribute.
func (t *Target) Set(name string, v attr.Value) {
	t.diags.Append(t.state.SetAttribute(t.ctx, path.Root(name), v)...)
}

// String is a source string; absent is null.
func String(p *string) types.String {
	if p == nil {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

// NonEmpty is a source string; absent or empty is null. The source keeps ""
// for optional values nobody set, where our schema has null.
func NonEmpty(p *string) types.String {
	if p == nil || *p == "" {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

// Int is a source number; absent is null.
func Int(p *int64) types.Int64 {
	if p == nil {
		return types.Int64Null()
	}
	return types.Int64Value(*p)
}

// StringMap is a source map of strings; absent or empty is null, which is
// what an unset map argument is in our schemas.
func StringMap(m map[string]string) types.Map {
	if len(m) == 0 {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// StringSet is a source list or set of strings; absent or empty is null.
func StringSet(s []string) types.Set {
	if len(s) == 0 {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(s))
	for _, v := range s {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// UTCTime renders a source timestamp (RFC 3339 with any offset) as our
// attributes do, RFC 3339 in UTC; anything else is null until Read sets it.
func UTCTime(p *string) types.String {
	if p == nil {
		return types.StringNull()
	}
	t, err := time.Parse(time.RFC3339, *p)
	if err != nil {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// MillisTime renders a source time in milliseconds since the epoch as RFC 3339
// in UTC; absent or zero is null.
func MillisTime(p *int64) types.String {
	if p == nil || *p == 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(*p).UTC().Format(time.RFC3339))
}

var uuidRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsUUID reports whether s is a DLI resource id (a hyphenated UUID). DLI names
// hold only letters, digits and underscores, so a UUID is never a name.
func IsUUID(s string) bool { return uuidRe.MatchString(s) }

// Labels reads a label attribute whose shape differs between versions of the
// source schema: a list of "key=value" strings, or a map. Either comes back
// as sorted "key=value" strings.
func Labels(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err == nil {
		return list
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil
	}
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the target schema has the top-level attribute name.
// Attributes that other parts of the provider add over time are mapped only
// once they exist.
func (t *Target) Has(name string) bool {
	_, ok := t.state.Schema.GetAttributes()[name]
	return ok
}

// Objects is a nested attribute's value taken from the source: one map per
// element, holding nil, string, int64 or bool by attribute name.
type Objects []map[string]any

// SetObjects writes a nested attribute of the target schema (a list or set of
// objects, or a single object, which takes the first element) from objs. Each
// value is converted to the type the schema declares (a string holding a
// number becomes a number); attributes objs lacks are null. No elements give
// null. Nothing happens if the schema lacks the attribute.
func (t *Target) SetObjects(name string, objs Objects) {
	if !t.Has(name) {
		return
	}
	typ, d := t.state.Schema.TypeAtPath(t.ctx, path.Root(name))
	t.diags.Append(d...)
	if d.HasError() {
		return
	}
	var v attr.Value
	switch typ := typ.(type) {
	case types.ListType:
		v = t.collection(name, typ.ElemType, objs, func(et attr.Type, elems []attr.Value) (attr.Value, diag.Diagnostics) {
			if elems == nil {
				return types.ListNull(et), nil
			}
			return types.ListValue(et, elems)
		})
	case types.SetType:
		v = t.collection(name, typ.ElemType, objs, func(et attr.Type, elems []attr.Value) (attr.Value, diag.Diagnostics) {
			if elems == nil {
				return types.SetNull(et), nil
			}
			return types.SetValue(et, elems)
		})
	case types.ObjectType:
		if len(objs) == 0 {
			v = types.ObjectNull(typ.AttrTypes)
		} else {
			v = t.object(name, typ, objs[0])
		}
	default:
		t.diags.AddError("Unable to Move Resource State",
			fmt.Sprintf("The provider cannot map %s: its type %s is not a nested object. This is a bug in the provider.", name, typ))
		return
	}
	if v != nil && !t.diags.HasError() {
		t.Set(name, v)
	}
}

func (t *Target) collection(name string, et attr.Type, objs Objects,
	build func(attr.Type, []attr.Value) (attr.Value, diag.Diagnostics)) attr.Value {
	ot, ok := et.(types.ObjectType)
	if !ok {
		t.diags.AddError("Unable to Move Resource State",
			fmt.Sprintf("The provider cannot map %s: its elements are not objects. This is a bug in the provider.", name))
		return nil
	}
	var elems []attr.Value
	for _, o := range objs {
		elems = append(elems, t.object(name, ot, o))
	}
	v, d := build(ot, elems)
	t.diags.Append(d...)
	return v
}

func (t *Target) object(name string, ot types.ObjectType, src map[string]any) attr.Value {
	vals := make(map[string]attr.Value, len(ot.AttrTypes))
	for k, at := range ot.AttrTypes {
		v, err := scalar(at, src[k])
		if err != nil {
			t.diags.AddError("Unable to Move Resource State", fmt.Sprintf("The source's %s.%s: %v.", name, k, err))
			return types.ObjectNull(ot.AttrTypes)
		}
		vals[k] = v
	}
	o, d := types.ObjectValue(ot.AttrTypes, vals)
	t.diags.Append(d...)
	return o
}

// scalar converts one decoded source value to a primitive attribute type.
func scalar(at attr.Type, v any) (attr.Value, error) {
	switch {
	case at.Equal(types.StringType):
		switch v := v.(type) {
		case nil:
			return types.StringNull(), nil
		case string:
			return types.StringValue(v), nil
		case int64:
			return types.StringValue(strconv.FormatInt(v, 10)), nil
		}
	case at.Equal(types.Int64Type):
		switch v := v.(type) {
		case nil:
			return types.Int64Null(), nil
		case int64:
			return types.Int64Value(v), nil
		case string:
			if v == "" {
				return types.Int64Null(), nil
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a whole number", v)
			}
			return types.Int64Value(n), nil
		}
	case at.Equal(types.BoolType):
		switch v := v.(type) {
		case nil:
			return types.BoolNull(), nil
		case bool:
			return types.BoolValue(v), nil
		}
	default:
		if v == nil {
			return nullOf(at)
		}
	}
	return nil, fmt.Errorf("cannot hold %v (%T)", v, v)
}

// nullOf is the null value of a type that has no source counterpart.
func nullOf(at attr.Type) (attr.Value, error) {
	v, err := at.ValueFromTerraform(context.Background(), tftypes.NewValue(at.TerraformType(context.Background()), nil))
	if err != nil {
		return nil, err
	}
	return v, nil
}
