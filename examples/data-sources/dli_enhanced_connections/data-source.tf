# Every live connection tagged team = "etl".
data "dli_enhanced_connections" "test" {
  tags = { team = "etl" }
}

# The connection named exactly "etl_conn" (the name filter matches whole
# names, case included), if it exists: an empty list otherwise.
data "dli_enhanced_connections" "by_name" {
  name = "etl_conn"
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
