package pool

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/opendli/terraform-provider-dli/internal/client"
)

// warnMinBelowQueues warns when the plan lowers min_cu below the sum of the
// CUs of the queues the pool holds: DLI keeps a pool's min_cu at least that
// sum ("Creating an Elastic Resource Pool": min_cu at least the sum of its
// queues' minimum CUs) and refuses the update. The queues are read from DLI,
// one list call made only when min_cu changes; queues this same plan
// creates, deletes or resizes are not counted, which the warning says.
func (r *poolResource) warnMinBelowQueues(ctx context.Context, prior, plan poolModel, diags *diag.Diagnostics) {
	if r.Client == nil || plan.MinCU.IsUnknown() || plan.MinCU.IsNull() || plan.MinCU.Equal(prior.MinCU) {
		return
	}
	name := prior.Name.ValueString()
	held, total, err := queueCUs(ctx, r.Client, name)
	if err != nil || plan.MinCU.ValueInt64() >= total {
		// A warning must not fail the plan: the update's own checks stand.
		return
	}
	diags.AddAttributeWarning(path.Root("min_cu"),
		fmt.Sprintf("DLI Elastic Resource Pool %s: min_cu Below Its Queues' CUs", name),
		fmt.Sprintf("min_cu = %d is below the %d CUs of the queues elastic resource pool %s holds (%s, as DLI "+
			"lists them now; queues this plan creates, deletes or resizes are not counted). DLI keeps a pool's "+
			"min_cu at least the sum of its queues' CUs and refuses the update: scale those queues in or delete "+
			"some first, or keep min_cu at %d or more.",
			plan.MinCU.ValueInt64(), total, name, strings.Join(held, ", "), total))
}

// queueCUs lists the queues of the pool called pool with their CUs
// ("name: N CU", sorted) and their sum, from one call: the queue list of
// every type, which names each queue's pool.
func queueCUs(ctx context.Context, c *client.Client, pool string) ([]string, int64, error) {
	qs, err := c.ListQueues(ctx, client.QueueFilter{Type: "all"})
	if err != nil {
		return nil, 0, err
	}
	var held []string
	var total int64
	for _, q := range qs {
		if strings.EqualFold(q.PoolName, pool) {
			held = append(held, fmt.Sprintf("%s: %d CU", q.Name, q.CUCount))
			total += q.CUCount
		}
	}
	sort.Strings(held)
	return held, total, nil
}
