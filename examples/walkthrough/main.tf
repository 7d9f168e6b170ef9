# The DLI walkthrough "Creating and Using a Datasource Connection" as
# configuration: an elastic resource pool, a queue inside it, and an enhanced
# datasource connection that peers the pool into a VPC and maps two hosts.
# Terraform applies it in the walkthrough's order and returns only when the
# connection and its pool peering are ACTIVE.

terraform {
  required_providers {
    dli = {
      source = "opendli/dli"
    }
  }
}

# Region, keys and endpoints come from HW_REGION_NAME, HW_ACCESS_KEY,
# HW_SECRET_KEY (and DLI_ENDPOINT / HW_IAM_ENDPOINT for the emulator).
provider "dli" {}

variable "vpc_id" {
  description = "VPC the connection peers into (the walkthrough's dest_vpc_id)."
  type        = string
  default     = "22094d8f-c310-4621-913d-4c4d655d8495"
}

variable "subnet_id" {
  description = "Subnet of that VPC (the walkthrough's dest_network_id)."
  type        = string
  default     = "78f2562a-36e4-4b39-95b9-f5aab22e1281"
}

resource "dli_elastic_resource_pool" "pool" {
  name        = "elastic_pool_dli"
  description = "test"
  cidr_in_vpc = "172.16.0.0/14"
  max_cu      = 64
  min_cu      = 64
}

resource "dli_queue" "queue1" {
  name                       = "queue1"
  queue_type                 = "sql"
  description                = "test"
  cu_count                   = 16
  elastic_resource_pool_name = dli_elastic_resource_pool.pool.name
}

resource "dli_enhanced_connection" "test1" {
  name                   = "test1"
  vpc_id                 = var.vpc_id
  subnet_id              = var.subnet_id
  elastic_resource_pools = [dli_elastic_resource_pool.pool.name]

  hosts = [
    { name = "ecs-97f8-0001", ip = "192.168.0.1" },
    { name = "ecs-97f8-0002", ip = "192.168.0.2" },
  ]

  # The queue must exist before the connection is used by its jobs.
  depends_on = [dli_queue.queue1]
}
