variable "name" {
  description = "Name of the pipeline: the pool is <name>_pool, each queue <name>_<key>."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,100}$", var.name))
    error_message = "name must start with a lowercase letter and hold only lowercase letters, digits and underscores."
  }
}

variable "max_cu" {
  description = "Most CUs the pool may scale to: 64 to 32000, in steps of 16."
  type        = number
  default     = 64
}

variable "queues" {
  description = "Queues of the pipeline: key = queue name suffix, value = CUs (a multiple of 16)."
  type        = map(number)
  default     = { etl = 16 }
}

variable "tags" {
  description = "Tags for the pool and every queue."
  type        = map(string)
  default     = {}
}
