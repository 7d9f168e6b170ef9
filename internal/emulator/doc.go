// Package emulator is a local, in-memory stand-in for the Huawei Cloud DLI API
// (elastic resource pools, queues and enhanced datasource connections) plus the
// one IAM call the SDK makes by itself (GET /v3/projects?name={region}).
//
// It speaks the wire format of the official Go SDK, checks SDK-HMAC-SHA256
// signatures, drives asynchronous lifecycles from an injectable clock, and
// offers fault injection, a request log and an optional JSON state file so the
// provider's acceptance tests can run without a cloud account.
//
// Behaviour the public documentation does not pin down, chosen here:
//
//   - Missing objects answer HTTP 400 DLI.0002 everywhere, including connections
//     on associate, disassociate, hosts and routes (never DLI.0001 "is not exist").
//     A project id in the path other than Config.ProjectID answers 404 DLI.0023.
//   - Unknown paths answer 404 APIGW.0101; authentication failures 401 APIGW.0301.
//     With Config.SecurityToken set (temporary credentials) a signed request
//     must also carry that token in X-Security-Token, among its signed headers.
//   - Pools: CREATING for Delays.PoolCreate, then AVAILABLE (or FAILED with
//     fail_reason after FailNext("pool", name)). An update that changes CUs shows
//     SCALING for Delays.PoolScale; a description-only update is immediate. A
//     deleted pool reports DELETING for Delays.PoolDelete, then disappears.
//     Updating a pool that is CREATING, SCALING, DELETING or FAILED is refused
//     (DLI.0009); deleting one that is SCALING is refused (DLI.0009).
//     cidr_in_vpc must be an IPv4 network address in CIDR form (host bits zero).
//     charging_mode accepts 1 as a number or a string; anything else is DLI.0001.
//     actual_cu and current_cu equal min_cu once AVAILABLE, 0 before.
//   - Queues: standalone cu_count is 16, 64 or 256. Inside a pool cu_count is at
//     least 8 (sql) or 4 (general), a multiple of 4, at most the pool's max_cu, and
//     the pool's min_cu must cover the sum of its queues' cu_count. A queue can be
//     created in a pool only when the pool is AVAILABLE (else DLI.0012). While a
//     queue is being created its cuCount is 0 and reaches cu_count after
//     Delays.QueueCreate; a scale action (delta, multiple of 16) keeps the old
//     cuCount until Delays.QueueScale has passed; another scale meanwhile is
//     refused (DLI.0009). A deleted queue stays readable for Delays.QueueDelete.
//     The name "default" is reserved. The seed's enterprise_project_id is kept
//     as an enterprise project id, not read as a pool name.
//   - A queue that joins a pool (created in it or added to it) gets DLI's
//     default scaling policy: priority 1, 00:00-24:00, min_cu = max_cu = its
//     cu_count. Policy windows are [start, stop): a stop time may be 24:00.
//   - Queue properties are stored as sent (the keys of the create/update bodies,
//     e.g. computeEngine.maxInstance); unknown keys are DLI.0001.
//   - Connections: ACTIVE at once; each bound pool or queue is CREATING for
//     Delays.ConnectionPeering, then ACTIVE (or FAILED with err_msg after
//     FailNext("binding", name)). Bound pools and queues must exist. A deleted
//     connection stays ACTIVE for Delays.ConnectionDelete, then reports DELETED
//     for Delays.DeletedRetention (GET and list), then is gone. Deleting it
//     again while it is being deleted succeeds (idempotent, like pools and
//     queues); once DELETED it is DLI.0002. Disassociating a
//     name that is not bound is accepted and ignored. List `name` is a
//     case-insensitive substring match, like the pool list.
//   - Route names are 1-64 letters, digits, '_' or '-'; duplicates are DLI.0006.
//   - A request carrying X-Sdk-Content-Sha256 among its signed headers is checked
//     against that header's value, as the SDK signer does for non-JSON bodies.
//   - Paging never fails on size: a limit or offset (pools, connections) or a
//     page-size and current-page (queues) reaching past the list, however
//     large, answers the rest of the list or an empty page with the full count.
//   - Bodies over 1 MiB, malformed JSON or wrong JSON types answer 400 DLI.0001.
//   - The admin API under /_emulator/ is unauthenticated, so it answers
//     loopback peers only (403 DLI.0003 otherwise) unless
//     Config.AdminFromAnyHost is set. The request log keeps the latest
//     Config.RequestLogLimit records (default 100,000).
//   - A Fault with AfterApply lets the request take effect before answering its
//     error, to test clients against answers lost after a commit.
package emulator
