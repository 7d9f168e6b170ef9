# A queue is imported by its name.
terraform import dli_queue.sql reports
