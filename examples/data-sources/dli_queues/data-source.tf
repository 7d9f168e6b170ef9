# Every queue of one elastic resource pool, SQL and general alike
# (queue_type defaults to "all").
data "dli_queues" "in_pool" {
  elastic_resource_pool_name = "elastic_pool_dli"
}

# Only the general-purpose (Spark/Flink) queues tagged for the team.
data "dli_queues" "spark" {
  queue_type = "general"
  tags = {
    team = "data"
  }
}

output "queues_in_pool" {
  value = data.dli_queues.in_pool.names
}

output "spark_queue_cus" {
  value = sum([for q in data.dli_queues.spark.queues : q.cu_count])
}
