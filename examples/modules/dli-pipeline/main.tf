# A small module a platform team might publish: one elastic resource pool and
# the queues of a data pipeline inside it. tests/ checks it with `tofu test`
# (or `terraform test` from Terraform 1.6) against the DLI emulator, offline:
# see the guide "Testing modules offline".

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    dli = {
      source  = "opendli/dli"
      version = "~> 0.1"
    }
  }
}

resource "dli_elastic_resource_pool" "this" {
  name        = "${var.name}_pool"
  description = "Pipeline ${var.name}"
  min_cu      = 64
  max_cu      = var.max_cu
  tags        = var.tags

  lifecycle {
    # Queues draw their CUs from the pool: refuse a plan whose queues cannot fit.
    precondition {
      condition     = sum(concat([0], values(var.queues))) <= var.max_cu
      error_message = "The queues need ${sum(concat([0], values(var.queues)))} CUs, more than max_cu = ${var.max_cu}."
    }
  }
}

resource "dli_queue" "this" {
  for_each = var.queues

  name                       = "${var.name}_${each.key}"
  elastic_resource_pool_name = dli_elastic_resource_pool.this.name
  queue_type                 = "sql"
  cu_count                   = each.value
  tags                       = var.tags
}
