// Package imports checks, with the real Terraform or OpenTofu command line
// and the provider built from this checkout, the two ways users adopt existing
// DLI objects: `import {}` blocks next to hand-written configuration, and
// `plan -generate-config-out`, whose generated configuration must then plan
// with no changes. It holds tests only.
package imports
