# Replacing a pool that holds queues. A new cidr_in_vpc (or enterprise
# project, tags or label) replaces the pool, and DLI refuses to delete a pool
# that still holds queues. The queues take only the pool's name, which does
# not change, so Terraform would not replace them on its own:
# replace_triggered_by makes it delete them before the pool and create them
# again after it, in the same apply. The connection that binds the pool and
# the queues is kept: the provider unbinds each from it before deleting it
# and binds the new one back once created.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    dli = {
      source = "opendli/dli"
    }
  }
}

provider "dli" {}

variable "vpc_id" {
  description = "ID of the VPC the connection peers into."
  type        = string
}

variable "subnet_id" {
  description = "Network ID of a subnet of that VPC."
  type        = string
}

variable "pool_cidr" {
  description = "CIDR block of the pool's own network; changing it replaces the pool and its queues."
  type        = string
  default     = "172.16.0.0/18"
}

resource "dli_elastic_resource_pool" "analytics" {
  name        = "analytics"
  cidr_in_vpc = var.pool_cidr
  min_cu      = 64
  max_cu      = 64
}

resource "dli_queue" "etl" {
  name                       = "etl"
  elastic_resource_pool_name = dli_elastic_resource_pool.analytics.name
  cu_count                   = 16

  lifecycle {
    replace_triggered_by = [dli_elastic_resource_pool.analytics]
  }
}

resource "dli_queue" "reports" {
  name                       = "reports"
  elastic_resource_pool_name = dli_elastic_resource_pool.analytics.name
  cu_count                   = 16

  lifecycle {
    replace_triggered_by = [dli_elastic_resource_pool.analytics]
  }
}

resource "dli_enhanced_connection" "warehouse" {
  name                   = "warehouse"
  vpc_id                 = var.vpc_id
  subnet_id              = var.subnet_id
  elastic_resource_pools = [dli_elastic_resource_pool.analytics.name]
  queues                 = [dli_queue.etl.name, dli_queue.reports.name]
}
