// Package client is the provider's only door to the DLI service. It wraps the
// official Huawei Cloud Go SDK (its transport, AK/SK signing and error parsing)
// and returns the plain domain types of types.go, with typed errors (errors.go)
// and one retry policy (retry.go) shared by every operation.
//
// Requests are described with the SDK's own request-definition builder and sent
// through the SDK's HcHttpClient. The wire structs are ours rather than the
// SDK's generated models because those models miss fields the provider needs
// (the routes of a connection, page-size/current-page when listing queues, the
// is_success flag on several answers) and are pointer-heavy.
package client
