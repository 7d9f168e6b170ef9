// Package emulator is a local, in-memory stand-in for the Huawei Cloud DLI API
// (elastic resource pools, queues and enhanced datasource connections) plus the
// one IAM call the SDK makes by itself (GET /v3/projects?name={region}).
//
// It speaks the wire format of the official Go SDK, checks SDK-HMAC-SHA256
// signatures, drives asynchronous lifecycles from an injectable clock, and
// offers fault injection, a request log and an optional JSON state file so the
// provider's acceptance tests can run without a cloud account.
//
// Every rule it enforces is listed in BEHAVIOUR.md beside this file, with its
// source (a DLI API reference or user guide page, an SDK model file, or the
// incumbent huaweicloud provider's code and tests) or the reason we assumed
// it, and the tests that pin it. TestBehaviourRecord keeps that table honest:
// change a rule here and its row there in the same commit.
package emulator
