# Read one queue by name, of any type.
data "dli_queue" "q" {
  name = "queue1"
}

output "queue1" {
  value = {
    pool     = data.dli_queue.q.elastic_resource_pool_name
    cu_count = data.dli_queue.q.cu_count
    platform = data.dli_queue.q.platform
  }
}
