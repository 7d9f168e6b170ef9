# A pool is imported by its name (or by its resource id).
terraform import dli_elastic_resource_pool.example analytics_pool
