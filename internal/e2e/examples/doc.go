// Package examples checks the examples/ tree: every example directory
// passes `terraform validate` with the provider built from this checkout, and
// every resource and data source the provider serves has its example files
// and a generated documentation page. It holds tests only.
package examples
