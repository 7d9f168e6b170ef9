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
}

# A general-purpose queue for Spark and Flink jobs.
resource "dli_queue" "spark" {
  name                       = "etl"
  elastic_resource_pool_name = dli_elastic_resource_pool.example.name
  queue_type                 = "general"
  cu_count                   = 32
}
