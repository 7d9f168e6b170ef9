// Package framework holds what every dli resource and data source needs from
// the plugin framework in the same form: the client from provider data, API
// errors turned into diagnostics, and conversions of API values (string
// collections, timestamps) into Terraform values.
package framework
