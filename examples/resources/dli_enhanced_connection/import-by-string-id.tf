# Terraform 1.5 and later: import with a block, then run `terraform plan`.
# `terraform plan -generate-config-out=connection.tf` writes the resource block for you.
import {
  to = dli_enhanced_connection.example
  id = "2a620c33-5609-40c9-affd-2b6453071b0f"
}
