// Package client is the provider's only door to the DLI service. It wraps the
// official Huawei Cloud Go SDK (its transport, AK/SK signing, error parsing
// and its DLI service package) and returns the plain domain types of
// types.go, with typed errors (errors.go) and one retry policy (retry.go)
// shared by every operation.
//
// # Two ways to send a request
//
// The HTTP client is built with the DLI package's DliClientBuilder and wrapped
// in its typed DliClient. Wherever the SDK's request and response models
// carry everything the provider needs, the operation calls that typed client
// (sdkCall in invoke.go) and maps its models to the domain types. It uses the
// method's invoker (CreateQueueInvoker and so on) rather than the plain method
// because only the invoker takes extra headers per call, and one header binds
// each attempt to the caller's context (transport.go); the plain method
// offers only client-wide headers, which concurrent calls would overwrite.
//
// Where a model provably lacks a field or cannot decode what the service
// sends, the operation keeps its own request definition, built with the
// SDK's definition builder and sent through the same HTTP client (call.build
// and do in invoke.go), decoded into our wire structs (wire.go).
//
// Both ways share the retry loop, the is_success/HTTP status checks, the
// error mapping, the per-call DEBUG log and secret redaction.
//
// # Per operation
//
// Typed SDK methods (services/dli/v1):
//
//   - CreatePool: CreateElasticResourcePool
//   - UpdatePool: UpdateElasticResourcePool
//   - DeletePool: DeleteElasticResourcePool
//   - ListPoolQueues, FindPoolQueue: ListElasticResourcePoolQueues
//   - UpdateQueueScalingPolicies: UpdateElasticResourcePoolQueue
//   - CreateQueue: CreateQueue
//   - GetQueue: ShowQueue (its model has the camelCase keys of the answer)
//   - ScaleQueue: RunQueueAction
//   - DeleteQueue: DeleteQueue
//   - DeleteQueueProperties: DeleteQueueProperty
//   - CreateConnection: CreateEnhancedConnection
//   - DeleteConnection: DeleteEnhancedConnection
//   - AssociateConnection: AssociateQueueToEnhancedConnection
//   - DisassociateConnection: DisassociateQueueFromEnhancedConnection
//   - UpdateConnectionHosts: UpdateEnhancedConnection
//   - AddConnectionRoute: CreateRouteToEnhancedConnection
//   - DeleteConnectionRoute: DeleteRouteFromEnhancedConnection
//
// Own request definitions, and why:
//
//   - ListPools, GetPool (list elastic resource pools): the SDK's
//     ElasticResourcePool has every field, but types the counts (max_cu,
//     min_cu, charging_mode...) as int32, and its decoder refuses a number
//     sent as a string. DLI's JSON is not strictly typed (the walkthrough
//     itself writes charging_mode as "1"), and pools are read on every
//     plan, so the list keeps a wire struct that reads either form. This
//     is a precaution: no published answer shows a pool count as a string.
//   - ListQueues, FindQueueListItem (list queues): the SDK's Queue types
//     labels as one string, while the API reference and the service send a
//     list.
//   - GetQueueProperties (ListQueueProperties): the SDK's QueueProperty types
//     value as a string and its response has no count, while the API types
//     computeEngine.maxInstance and friends as integers, which the SDK's
//     decoder refuses to read into a string.
//   - SetQueueProperties (UpdateQueueProperty): the SDK's body has one field
//     per known key (AdvancedQueueProperty) and cannot send others the
//     service accepts, such as computeEngine.maxInstances or
//     multipleSc.support.
//   - GetConnection (ShowEnhancedConnection) and ListConnections
//     (ListEnhancedConnections): the SDK's models omit routes, which the
//     service returns and the provider reads.
//   - Project id resolution (IAM GET /v3/projects): IAM is not part of the
//     DLI package; the request is a plain signed GET through an HTTP client
//     built the same way.
//
// The enum-typed fields of the SDK's models (QueueQueueType, QueueEngine,
// QueuePropertyKey...) accept any string when decoding, so they are no reason
// to keep an own definition.
package client
