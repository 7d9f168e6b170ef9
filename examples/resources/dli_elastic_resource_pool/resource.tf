# A standard-edition pool that starts at 64 CUs and may grow to 128.
# Creation waits until DLI reports the pool AVAILABLE; changing max_cu,
# min_cu or description scales it in place.
resource "dli_elastic_resource_pool" "example" {
  name        = "analytics_pool"
  description = "Shared compute for the analytics team"
  min_cu      = 64
  max_cu      = 128
  cidr_in_vpc = "172.16.0.0/14"

  tags = {
    team = "analytics"
  }

  timeouts {
    create = "90m"
  }
}

# A basic-edition pool: 16 to 64 CUs.
resource "dli_elastic_resource_pool" "basic" {
  name   = "small_pool"
  min_cu = 16
  max_cu = 64

  label = {
    spec = "basic"
  }
}
