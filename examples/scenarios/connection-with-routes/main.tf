# A pool with two queues, peered into your VPC by one enhanced datasource
# connection: the pool and one queue are bound, the bound compute resolves
# your databases by name through the host mapping, and two custom routes send
# traffic for on-premises networks through the peering.
#
# Terraform creates the pool, then the queues, then the connection, and
# returns only when the connection and every binding are ACTIVE.

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

variable "databases" {
  description = "Host names and IPv4 addresses the jobs resolve inside the VPC."
  type        = map(string)
  default = {
    "orders-db"   = "192.168.0.10"
    "customer-db" = "192.168.0.11"
  }
}

variable "on_premises_networks" {
  description = "Networks reached through the VPC, by route name."
  type        = map(string)
  default = {
    "datacenter_a" = "10.10.0.0/16"
    "datacenter_b" = "10.20.0.0/16"
  }
}

resource "dli_elastic_resource_pool" "pool" {
  name        = "etl_pool"
  description = "ETL jobs that read from the VPC"
  min_cu      = 64
  max_cu      = 128
  # Must not overlap the VPC or the on-premises networks.
  cidr_in_vpc = "172.16.0.0/14"
}

resource "dli_queue" "sql" {
  name                       = "etl_sql"
  elastic_resource_pool_name = dli_elastic_resource_pool.pool.name
  queue_type                 = "sql"
  cu_count                   = 16
}

resource "dli_queue" "spark" {
  name                       = "etl_spark"
  elastic_resource_pool_name = dli_elastic_resource_pool.pool.name
  queue_type                 = "general"
  cu_count                   = 32
}

resource "dli_enhanced_connection" "vpc" {
  name      = "etl_vpc"
  vpc_id    = var.vpc_id
  subnet_id = var.subnet_id

  elastic_resource_pools = [dli_elastic_resource_pool.pool.name]
  queues                 = [dli_queue.spark.name]

  hosts = [for name, ip in var.databases : { name = name, ip = ip }]

  routes = [for name, cidr in var.on_premises_networks : { name = name, cidr = cidr }]

  # The SQL queue runs in the bound pool, so it must exist before jobs use
  # the connection.
  depends_on = [dli_queue.sql]
}

output "connection_id" {
  description = "ID of the connection, for `terraform import` elsewhere."
  value       = dli_enhanced_connection.vpc.id
}

output "binding_status" {
  description = "Peering status of each bound pool and queue."
  value       = { for b in dli_enhanced_connection.vpc.bindings : "${b.kind}/${b.name}" => b.status }
}
