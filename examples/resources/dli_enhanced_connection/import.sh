# A connection is imported by the id DLI assigned to it, or by its name.
terraform import dli_enhanced_connection.example 2a620c33-5609-40c9-affd-2b6453071b0f
terraform import dli_enhanced_connection.example warehouse_connection
