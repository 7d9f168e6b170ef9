package queue

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestPropertyChanges(t *testing.T) {
	i := types.Int64Value
	n := types.Int64Null()
	prior := &sparkDriverModel{MaxInstance: i(2), MaxConcurrent: i(4), MaxPrefetchInstance: i(1)}
	planned := &sparkDriverModel{MaxInstance: i(3), MaxConcurrent: i(4), MaxPrefetchInstance: n}
	set, del := propertyChanges(prior, planned)
	if !reflect.DeepEqual(set, map[string]string{propMaxInstance: "3"}) || !reflect.DeepEqual(del, []string{propMaxPrefetchInstance}) {
		t.Errorf("change: set %v, delete %v", set, del)
	}
	set, del = propertyChanges(prior, nil)
	if len(set) != 0 || len(del) != 3 {
		t.Errorf("removal: set %v, delete %v", set, del)
	}
	set, del = propertyChanges(nil, &sparkDriverModel{MaxInstance: n, MaxConcurrent: i(8), MaxPrefetchInstance: n})
	if !reflect.DeepEqual(set, map[string]string{propMaxConcurrent: "8"}) || len(del) != 0 {
		t.Errorf("creation: set %v, delete %v", set, del)
	}
}

func TestSparkDriverValue(t *testing.T) {
	i := types.Int64Value
	n := types.Int64Null()
	props := func() map[string]string {
		return map[string]string{propMaxInstancesAlt: "5", propMaxConcurrent: "7", propMaxPrefetchInstance: "2"}
	}
	// Only what the prior value manages is read...
	v, err := sparkDriverValue(props(), &sparkDriverModel{MaxInstance: n, MaxConcurrent: i(1), MaxPrefetchInstance: n}, false)
	if err != nil || v.String() != `{"max_concurrent":7,"max_instance":<null>,"max_prefetch_instance":<null>}` {
		t.Errorf("managed: %s, %v", v, err)
	}
	// ...everything after an import, with the plural key accepted.
	v, err = sparkDriverValue(props(), nil, true)
	if err != nil || v.String() != `{"max_concurrent":7,"max_instance":5,"max_prefetch_instance":2}` {
		t.Errorf("imported: %s, %v", v, err)
	}
	// Nothing there: null, so an unset attribute stays unset.
	if v, err := sparkDriverValue(map[string]string{}, nil, true); err != nil || !v.IsNull() {
		t.Errorf("empty: %s, %v", v, err)
	}
	if _, err := sparkDriverValue(map[string]string{propMaxConcurrent: "many"}, nil, true); err == nil {
		t.Error("a non-integer value must be an error")
	}
}
