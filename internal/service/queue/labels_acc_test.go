package queue_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/opendli/terraform-provider-dli/internal/acctest"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestAccQueue_labelsImportedFromEveryShape: the queue list writes labels as
// text in the API reference and as JSON object text in the SDK's example (the
// emulator answers either); an import reads the same labels the
// configuration set, and the data source lists them the same way.
func TestAccQueue_labelsImportedFromEveryShape(t *testing.T) {
	for name, shape := range map[string]emulator.LabelShape{
		"objectText": emulator.LabelsObjectText,
		"object":     emulator.LabelsObject,
	} {
		t.Run(name, func(t *testing.T) {
			env := acctest.New(t)
			env.RequireEmulator(t)
			env.Emulator.SetQueueLabelShape(shape)
			pool, queue := acctest.Name("tfacc_pool"), acctest.Name("tfacc_labels")
			cfg := env.Config(poolConfig(pool), queueConfig(queue, 16, `  labels = ["multi_az=2"]`), `
data "dli_queue" "one" {
  name = dli_queue.test.name
}
`)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             env.CheckQueuesDestroyed(t, queue),
				Steps: []resource.TestStep{
					{
						Config: cfg,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("data.dli_queue.one", tfjsonpath.New("labels"), acctest.StringsExact("multi_az=2")),
						},
					},
					acctest.ImportStep(addr, queue, importIgnore...),
				},
			})
		})
	}
}
