output "pool_name" {
  description = "Name of the pool."
  value       = dli_elastic_resource_pool.this.name
}

output "pool_status" {
  description = "Status DLI reports for the pool (AVAILABLE once created or scaled)."
  value       = dli_elastic_resource_pool.this.status
}

output "queue_names" {
  description = "Queue names by key."
  value       = { for k, q in dli_queue.this : k => q.name }
}

output "queue_ids" {
  description = "Queue resource ids by key."
  value       = { for k, q in dli_queue.this : k => q.id }
}
