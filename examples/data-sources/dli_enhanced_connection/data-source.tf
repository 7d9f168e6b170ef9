# Look a connection up by name...
data "dli_enhanced_connection" "by_name" {
  name = "test1"
}

# ...or by id. Set exactly one of the two.
data "dli_enhanced_connection" "by_id" {
  id = data.dli_enhanced_connection.by_name.id
}

output "peerings_not_active" {
  value = [for b in data.dli_enhanced_connection.by_name.bindings : "${b.kind} ${b.name}: ${b.err_msg}" if b.status != "ACTIVE"]
}
