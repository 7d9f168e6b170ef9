# A VPC and a subnet built with the huaweicloud provider, and DLI compute
# peered into that subnet with this one: an elastic resource pool, a queue in
# it, and an enhanced datasource connection with a host entry and a route.
# Both providers read the same HW_REGION_NAME, HW_ACCESS_KEY and HW_SECRET_KEY.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    huaweicloud = {
      source  = "huaweicloud/huaweicloud"
      version = ">= 1.60.0"
    }
    dli = {
      source  = "opendli/dli"
      version = "~> 0.1"
    }
  }
}

provider "huaweicloud" {
  region = var.region
}

provider "dli" {
  region = var.region
}

resource "huaweicloud_vpc" "data" {
  name = "${var.name}_vpc"
  cidr = "192.168.0.0/16"
}

resource "huaweicloud_vpc_subnet" "data" {
  name       = "${var.name}_subnet"
  vpc_id     = huaweicloud_vpc.data.id
  cidr       = "192.168.0.0/24"
  gateway_ip = "192.168.0.1"
}

resource "dli_elastic_resource_pool" "data" {
  name        = "${var.name}_pool"
  min_cu      = 64
  max_cu      = 128
  cidr_in_vpc = "172.16.0.0/18" # must not overlap the VPC's 192.168.0.0/16
}

resource "dli_queue" "sql" {
  name                       = "${var.name}_sql"
  elastic_resource_pool_name = dli_elastic_resource_pool.data.name
  cu_count                   = 16
}

resource "dli_enhanced_connection" "data" {
  name   = "${var.name}_conn"
  vpc_id = huaweicloud_vpc.data.id
  # The subnet's id, which is what DLI's dest_network_id takes; not its
  # ipv4_subnet_id (the Neutron subnet id).
  subnet_id              = huaweicloud_vpc_subnet.data.id
  elastic_resource_pools = [dli_elastic_resource_pool.data.name]
  queues                 = [dli_queue.sql.name]

  hosts = [
    { name = "warehouse", ip = var.warehouse_ip },
  ]

  routes = [
    { name = "to_office", cidr = "10.20.0.0/16" },
  ]
}
