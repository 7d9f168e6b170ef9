terraform {
  required_version = ">= 1.5.0"
  required_providers {
    dli = {
      source  = "opendli/dli"
      version = "~> 0.1"
    }
  }
}

# Credentials are best left to the environment (HW_ACCESS_KEY, HW_SECRET_KEY
# and, for temporary keys, HW_SECURITY_TOKEN); the region may come from
# HW_REGION_NAME as well.
provider "dli" {
  region = "cn-north-4"

  # Transient failures (throttling, 5xx, dropped connections) are retried
  # this many times before a plan or apply fails.
  max_retries = 5
}
