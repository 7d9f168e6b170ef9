# Terraform 1.5 and later: import with a block, then run `terraform plan`.
# `terraform plan -generate-config-out=pool.tf` writes the resource block for you.
import {
  to = dli_elastic_resource_pool.example
  id = "analytics_pool"
}
