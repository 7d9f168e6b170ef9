# `tofu test` runs these against whatever DLI endpoint the provider is given.
# For an offline run, start dli-emulator and point the provider at it through
# the environment (DLI_ENDPOINT, HW_IAM_ENDPOINT, HW_ACCESS_KEY, HW_SECRET_KEY,
# HW_REGION_NAME); see the guide "Testing modules offline".

variables {
  name = "tftest"
  tags = { team = "data" }
}

# Creates the pool and two queues, and checks what DLI reports back.
run "creates_pool_and_queues" {
  variables {
    queues = { etl = 16, bi = 32 }
  }

  assert {
    condition     = output.pool_status == "AVAILABLE"
    error_message = "the pool is ${output.pool_status}, want AVAILABLE"
  }
  assert {
    condition     = output.queue_names == { etl = "tftest_etl", bi = "tftest_bi" }
    error_message = "unexpected queue names: ${jsonencode(output.queue_names)}"
  }
  assert {
    condition     = alltrue([for id in values(output.queue_ids) : length(id) > 0])
    error_message = "every queue must have a resource id"
  }
  assert {
    condition     = dli_queue.this["bi"].cu_count == 32 && dli_queue.this["bi"].elastic_resource_pool_name == "tftest_pool"
    error_message = "queue bi is not 32 CUs in tftest_pool"
  }
}

# Scales the pool in place (same id) and drops a queue, on the state of the run above.
run "scales_pool_in_place" {
  variables {
    max_cu = 128
    queues = { etl = 16 }
  }

  assert {
    condition     = dli_elastic_resource_pool.this.max_cu == 128 && output.pool_status == "AVAILABLE"
    error_message = "the pool did not scale to 128 CUs"
  }
  assert {
    condition     = keys(output.queue_ids) == ["etl"]
    error_message = "queue bi was not removed"
  }
}

# Plan-time checks of the module itself: no API call is made.
run "rejects_an_invalid_name" {
  command = plan
  variables {
    name = "Pipeline-1"
  }
  expect_failures = [var.name]
}

run "rejects_queues_larger_than_the_pool" {
  command = plan
  variables {
    max_cu = 64
    queues = { etl = 48, bi = 32 }
  }
  expect_failures = [dli_elastic_resource_pool.this]
}
