# Every live connection whose name contains "test".
data "dli_enhanced_connections" "test" {
  name = "test"
}

# Connections DLI still reports after their deletion appear only on request.
data "dli_enhanced_connections" "deleted" {
  status = "DELETED"
}

output "test_connection_ids" {
  value = data.dli_enhanced_connections.test.ids
}

output "test_connection_vpcs" {
  value = distinct([for c in data.dli_enhanced_connections.test.connections : c.vpc_id])
}
