// Package scenarios holds acceptance tests that span the provider's resources
// and exercise it the way unattended pipelines meet trouble: transient API
// faults, answers lost after a create, objects failing or vanishing, the API
// restarting mid-apply, clock skew and wrong keys, deletion order, invalid
// configurations, and secrets that must never leak. They all run against the
// DLI emulator (its fault injection and out-of-band helpers) and skip on the
// real cloud.
package scenarios
