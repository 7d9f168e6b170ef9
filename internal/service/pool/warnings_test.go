package pool_test

import (
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
	"github.com/opendli/terraform-provider-dli/internal/service/pool"
)

// seededPool adds a 64-CU pool holding two 16-CU queues to a fresh emulator
// and returns the environment, the pool's name and its queues' names.
func seededPool(t *testing.T) (*acctest.Env, string, []string) {
	t.Helper()
	env := acctest.Emulated(t, emulator.Delays{})
	pools, err := env.Emulator.SeedPools(emulator.Seed{Prefix: "warned", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	queues, err := env.Emulator.SeedQueues(emulator.Seed{Prefix: "held", Count: 2, Pool: pools[0]})
	if err != nil {
		t.Fatal(err)
	}
	return env, pools[0], queues
}

// priorPool is the state of the seeded pool as a refresh long ago left it:
// it lists no queues, so a warning that names them read them from DLI.
func priorPool(name string) acctest.Values {
	return acctest.Values{"name": name, "min_cu": int64(64), "max_cu": int64(64), "cidr_in_vpc": "172.16.0.0/12",
		"enterprise_project_id": "0", "queues": []string{}}
}

// with returns a copy of v with the given attributes changed.
func with(v acctest.Values, kv ...any) acctest.Values {
	out := acctest.Values{}
	for k, x := range v {
		out[k] = x
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// requireWarning fails unless exactly one warning was given and it holds every phrase.
func requireWarning(t *testing.T, warnings []string, phrases ...string) {
	t.Helper()
	if len(warnings) != 1 {
		t.Fatalf("want one warning, got %d: %q", len(warnings), warnings)
	}
	for _, p := range phrases {
		if !strings.Contains(warnings[0], p) {
			t.Errorf("the warning lacks %q:\n%s", p, warnings[0])
		}
	}
}

// TestModifyPlanWarnsOfReplacement: a plan that replaces a pool warns, naming
// the pool and the queues DLI lists in it now (the state's list is stale):
// a rename says they go with it, a new cidr_in_vpc that DLI will refuse
// unless they are replaced too. A plan that only updates asks DLI nothing.
func TestModifyPlanWarnsOfReplacement(t *testing.T) {
	env, name, queues := seededPool(t)
	c := env.Client(t)
	prior := priorPool(name)
	held := strings.Join(queues, ", ")

	renamed := acctest.Warnings(acctest.ModifyPlan(t, pool.NewResource(), c, prior, with(prior, "name", "other_pool")))
	requireWarning(t, renamed, "DLI Elastic Resource Pool "+name+" Will Be Replaced With Its Queues",
		"Changing name replaces elastic resource pool "+name, "Its queues go with it: "+held+" (as DLI lists them now)",
		"the jobs running on them stop")

	moved := acctest.Warnings(acctest.ModifyPlan(t, pool.NewResource(), c, prior, with(prior, "cidr_in_vpc", "172.16.0.0/18")))
	requireWarning(t, moved, "DLI Will Refuse To Replace This Pool Unless Its Queues Are Replaced Too",
		"Changing cidr_in_vpc replaces elastic resource pool "+name+", which holds the queues "+held)

	env.Emulator.ResetRequests()
	kept := acctest.ModifyPlan(t, pool.NewResource(), c, prior, with(prior, "description", "in place"))
	if w := acctest.Warnings(kept); len(w) != 0 {
		t.Errorf("an in-place update warns: %q", w)
	}
	if n := len(env.Emulator.Requests()); n != 0 {
		t.Errorf("an in-place update made %d DLI calls at plan time", n)
	}
}

// TestModifyPlanWarnsOfReplacementWithoutQueues: the replacement of a pool
// without queues still warns that the jobs on the pool stop, and does not
// speak of queues.
func TestModifyPlanWarnsOfReplacementWithoutQueues(t *testing.T) {
	env := acctest.Emulated(t, emulator.Delays{})
	pools, err := env.Emulator.SeedPools(emulator.Seed{Prefix: "empty", Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	prior := priorPool(pools[0])
	w := acctest.Warnings(acctest.ModifyPlan(t, pool.NewResource(), env.Client(t), prior, with(prior, "enterprise_project_id", "ep1")))
	requireWarning(t, w, "DLI Elastic Resource Pool "+pools[0]+" Will Be Replaced: Changing enterprise_project_id replaces")
	if strings.Contains(w[0], "queue") {
		t.Errorf("the warning speaks of queues the pool does not hold:\n%s", w[0])
	}
}

// TestModifyPlanWarnsOfMinCUBelowQueues: lowering min_cu below the sum of the
// CUs of the queues DLI lists in the pool warns on min_cu, naming each queue
// and the sum; down to the sum it does not, and a plan that keeps min_cu
// asks DLI nothing.
func TestModifyPlanWarnsOfMinCUBelowQueues(t *testing.T) {
	env, name, queues := seededPool(t)
	c := env.Client(t)
	prior := priorPool(name)

	below := acctest.ModifyPlan(t, pool.NewResource(), c, prior, with(prior, "min_cu", int64(16)))
	requireWarning(t, acctest.Warnings(below), "DLI Elastic Resource Pool "+name+": min_cu Below Its Queues' CUs",
		"min_cu = 16 is below the 32 CUs of the queues elastic resource pool "+name+" holds ("+
			queues[0]+": 16 CU, "+queues[1]+": 16 CU, as DLI lists them now", "keep min_cu at 32 or more")

	if w := acctest.Warnings(acctest.ModifyPlan(t, pool.NewResource(), c, prior, with(prior, "min_cu", int64(32)))); len(w) != 0 {
		t.Errorf("min_cu equal to the queues' CUs warns: %q", w)
	}
	env.Emulator.ResetRequests()
	acctest.ModifyPlan(t, pool.NewResource(), c, prior, with(prior, "max_cu", int64(128)))
	if n := len(env.Emulator.Requests()); n != 0 {
		t.Errorf("a plan that keeps min_cu made %d DLI calls", n)
	}
}
