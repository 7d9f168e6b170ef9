# Terraform 1.5 and later: import with a block, then run `terraform plan`.
# `terraform plan -generate-config-out=queue.tf` writes the resource block for you.
import {
  to = dli_queue.sql
  id = "reports"
}
