# Read one elastic resource pool by its exact name.
data "dli_elastic_resource_pool" "etl" {
  name = "elastic_pool_dli"
}

output "etl_pool_free_cu" {
  value = data.dli_elastic_resource_pool.etl.max_cu - data.dli_elastic_resource_pool.etl.current_cu
}
