variable "vpc_id" {
  description = "VPC that DLI connects to."
  type        = string
}

variable "subnet_id" {
  description = "ID of a subnet of that VPC (with the huaweicloud provider: huaweicloud_vpc_subnet.<name>.id)."
  type        = string
}

resource "dli_elastic_resource_pool" "example" {
  name   = "analytics_pool"
  min_cu = 64
  max_cu = 64
}

# Peers the pool into your VPC. Creation waits until the connection and the
# pool's peering are ACTIVE; bindings, hosts and routes change in place.
resource "dli_enhanced_connection" "example" {
  name                   = "analytics_vpc"
  vpc_id                 = var.vpc_id
  subnet_id              = var.subnet_id
  elastic_resource_pools = [dli_elastic_resource_pool.example.name]

  hosts = [
    { name = "db-primary", ip = "192.168.0.10" },
    { name = "db-replica", ip = "192.168.0.11" },
  ]

  routes = [
    { name = "on_premises", cidr = "10.20.0.0/16" },
  ]
}
