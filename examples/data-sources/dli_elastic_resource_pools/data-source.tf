# Every AVAILABLE pool of the team whose name contains "etl".
data "dli_elastic_resource_pools" "etl" {
  name   = "etl"
  status = "AVAILABLE"
  tags = {
    team = "data"
  }
}

output "etl_pool_names" {
  value = data.dli_elastic_resource_pools.etl.names
}

output "etl_pool_max_cu" {
  value = { for p in data.dli_elastic_resource_pools.etl.elastic_resource_pools : p.name => p.max_cu }
}
