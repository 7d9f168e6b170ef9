# A queue is imported by its name; `<queue_type>/<name>` (e.g. sql/reports)
# and the queue's resource id work as well.
terraform import dli_queue.sql reports
