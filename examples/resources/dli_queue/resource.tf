resource "dli_elastic_resource_pool" "example" {
  name   = "analytics_pool"
  min_cu = 64
  max_cu = 128
}

# A SQL queue inside the pool. Only cu_count changes in place: the provider
# scales the queue out or in by the difference and waits for the new size.
resource "dli_queue" "sql" {
  name                       = "reports"
  elastic_resource_pool_name = dli_elastic_resource_pool.example.name
  queue_type                 = "sql"
  cu_count                   = 16
  description                = "Nightly reports"

  # Time windows with a CU range, changed in place. Together they must cover
  # the whole day (00:00-24:00, whole hours, no overlap).
  scaling_policies = [
    {
      priority          = 1
      impact_start_time = "00:00"
      impact_stop_time  = "08:00"
      min_cu            = 16
      max_cu            = 64
    },
    {
      priority          = 2
      impact_start_time = "08:00"
      impact_stop_time  = "24:00"
      min_cu            = 16
      max_cu            = 32
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
