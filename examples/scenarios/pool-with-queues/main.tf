# An elastic resource pool shared by several queues, each with scaling
# policies: the pool's min_cu covers the queues' sizes, and each queue's
# policies say how far it may grow in each part of the day. The ETL queue
# takes the night, the reporting queue the office hours; policies and Spark
# driver settings change in place, without recreating a queue.

terraform {
  required_providers {
    dli = {
      source = "opendli/dli"
    }
  }
}

# Region, keys and endpoints come from HW_REGION_NAME, HW_ACCESS_KEY and
# HW_SECRET_KEY.
provider "dli" {}

resource "dli_elastic_resource_pool" "shared" {
  name        = "shared_pool"
  description = "Pool shared by the ETL, reporting and ad hoc queues"
  min_cu      = 64
  max_cu      = 256
}

# Night-time batch loads: small by day, up to the whole pool from 22:00 to
# 06:00 (a window may cross midnight).
resource "dli_queue" "etl" {
  name                       = "etl"
  elastic_resource_pool_name = dli_elastic_resource_pool.shared.name
  queue_type                 = "general"
  cu_count                   = 16

  # Every queue keeps one default policy for the whole day; its max_cu is
  # the queue's cu_count. Other windows apply on top of it.
  scaling_policies = [
    {
      priority          = 1
      impact_start_time = "00:00"
      impact_stop_time  = "24:00"
      min_cu            = 16
      max_cu            = 16
    },
    {
      priority                             = 10
      impact_start_time                    = "22:00"
      impact_stop_time                     = "06:00"
      min_cu                               = 16
      max_cu                               = 256
      inherit_elastic_resource_pool_max_cu = true
    },
  ]
}

# Office-hours SQL reporting: grows by day, shrinks at night.
resource "dli_queue" "reports" {
  name                       = "reports"
  elastic_resource_pool_name = dli_elastic_resource_pool.shared.name
  cu_count                   = 32

  scaling_policies = [
    {
      priority          = 1
      impact_start_time = "00:00"
      impact_stop_time  = "24:00"
      min_cu            = 16
      max_cu            = 32
    },
    {
      priority          = 10
      impact_start_time = "08:00"
      impact_stop_time  = "20:00"
      min_cu            = 32
      max_cu            = 128
    },
  ]

  spark_driver = {
    max_instance          = 4
    max_concurrent        = 16
    max_prefetch_instance = 1
  }
}

# Ad hoc queries: one whole-day policy with a fixed size.
resource "dli_queue" "adhoc" {
  name                       = "adhoc"
  elastic_resource_pool_name = dli_elastic_resource_pool.shared.name
  cu_count                   = 16

  scaling_policies = [
    {
      priority          = 1
      impact_start_time = "00:00"
      impact_stop_time  = "24:00"
      min_cu            = 16
      max_cu            = 16
    },
  ]
}

output "queues" {
  description = "Queue names in the shared pool."
  value       = [dli_queue.etl.name, dli_queue.reports.name, dli_queue.adhoc.name]
}
