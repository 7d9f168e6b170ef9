variable "region" {
  description = "Region of the VPC and the DLI objects."
  type        = string
  default     = "cn-north-4"
}

variable "name" {
  description = "Prefix of every name: lowercase letters, digits and underscores."
  type        = string
  default     = "analytics"
}

variable "warehouse_ip" {
  description = "Address of a database host in the subnet that DLI jobs reach by the name warehouse."
  type        = string
  default     = "192.168.0.10"
}
