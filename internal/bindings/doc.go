// Package bindings keeps enhanced connections consistent with the pools and
// queues they bind when those are deleted or replaced: unbinding before a
// delete, binding a recreated object back.
package bindings
