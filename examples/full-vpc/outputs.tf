output "connection_status" {
  description = "Status of the enhanced connection (ACTIVE once every peering is up)."
  value       = dli_enhanced_connection.data.status
}

output "bindings" {
  description = "Each pool and queue the connection peers, with its status."
  value       = dli_enhanced_connection.data.bindings
}
