output "pool_status" {
  description = "Status of the elastic resource pool."
  value       = dli_elastic_resource_pool.pool.status
}

output "queue_cu_count" {
  description = "CUs of queue1."
  value       = dli_queue.queue1.cu_count
}

output "connection_id" {
  description = "ID of the enhanced datasource connection."
  value       = dli_enhanced_connection.test1.id
}

output "connection_status" {
  description = "Status of the enhanced datasource connection."
  value       = dli_enhanced_connection.test1.status
}

output "binding_status" {
  description = "Peering status of every pool and queue bound to the connection."
  value       = { for b in dli_enhanced_connection.test1.bindings : "${b.kind}/${b.name}" => b.status }
}
