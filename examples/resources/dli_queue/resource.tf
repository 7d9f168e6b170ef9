resource "dli_elastic_resource_pool" "example" {
  name   = "analytics_pool"
  min_cu = 64
  max_cu = 128
}

# A SQL queue inside the pool. A queue in a pool is sized by its scaling
# policies: cu_count is its size in the default 00:00-24:00 policy, and a
# change to either is applied in place through DLI's scaling-policy API.
resource "dli_queue" "sql" {
  name                       = "reports"
  elastic_resource_pool_name = dli_elastic_resource_pool.example.name
  queue_type                 = "sql"
  cu_count                   = 32
  description                = "Nightly reports"

  # Exactly one default policy covers the whole day (its max_cu equals
  # cu_count); other windows, in whole hours, apply on top of it, must not
  # overlap each other and may cross midnight.
  scaling_policies = [
    {
      priority          = 1
      impact_start_time = "00:00"
      impact_stop_time  = "24:00"
      min_cu            = 16
      max_cu            = 32
    },
    {
      priority          = 2
      impact_start_time = "08:00"
      impact_stop_time  = "20:00"
      min_cu            = 32
      max_cu            = 64
    },
    {
      priority          = 3
      impact_start_time = "22:00"
      impact_stop_time  = "02:00"
      min_cu            = 16
      max_cu            = 64
    },
  ]

  # Spark driver queue properties, changed in place.
  spark_driver = {
    max_instance   = 2
    max_concurrent = 8
  }
}

# A general-purpose queue for Spark and Flink jobs.
resource "dli_queue" "spark" {
  name                       = "etl"
  elastic_resource_pool_name = dli_elastic_resource_pool.example.name
  queue_type                 = "general"
  cu_count                   = 32
}
