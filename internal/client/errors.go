package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
)

// Kind sorts API failures into what callers act on.
type Kind int

// Error kinds.
const (
	KindUnknown       Kind = iota
	KindNotFound           // DLI said the object does not exist (DLI.0002, DLI.0023, DLI.0001 "Connection xxx is not exist"), a lookup found no match, or a DELETED connection
	KindAlreadyExists      // DLI.0006
	KindThrottled          // HTTP 429 / APIGW.0308
	KindAuth               // 401/403, DLI.0013/0014, APIGW.0301
	KindInvalid            // the service rejected the request (DLI.0001 and other 4xx)
	KindServer             // 5xx, DLI.0999, or a connection lost mid-request
	KindUnavailable        // the API is not reachable: APIGW.0101 (not in this region), a 404 without a DLI body, connection refused, DNS
)

func (k Kind) String() string {
	switch k {
	case KindNotFound:
		return "not found"
	case KindAlreadyExists:
		return "already exists"
	case KindThrottled:
		return "throttled"
	case KindAuth:
		return "authentication failed"
	case KindInvalid:
		return "invalid request"
	case KindServer:
		return "server error"
	case KindUnavailable:
		return "unavailable"
	default:
		return "unknown"
	}
}

// ErrCreateMayHaveSucceeded marks an AlreadyExists answer to a create that was
// retried after a failure that did not prove the first attempt was rejected:
// the object may be the caller's own. The client only retries creates after
// failures that prove nothing was applied (throttling, connection refused),
// so this is rare; callers may look the object up and adopt it.
var ErrCreateMayHaveSucceeded = errors.New("an earlier attempt of this create may have succeeded")

// APIError is a failed DLI call. It keeps the service's code, message and
// request id; it never contains credentials or signatures.
type APIError struct {
	Op         string // what was attempted, e.g. "create elastic resource pool elastic_pool_dli"
	HTTPStatus int    // 0 when no response arrived
	Code       string // e.g. DLI.0002, APIGW.0308
	Message    string
	RequestID  string
	Kind       Kind

	cause error // network error or ErrCreateMayHaveSucceeded
	// notApplied is true when the failure proves the request was not applied.
	notApplied bool
	// noResponse is true for a transport failure: no answer arrived.
	noResponse bool
	// afterUncertain is true when an earlier attempt of the same call failed
	// in a way that may have been applied, so this answer may be the
	// service's reaction to that attempt's effect.
	afterUncertain bool
}

// Error renders "<Op>: <Code> <Message> (HTTP <status>, request id <id>)".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteString(": ")
	if e.Kind == KindAuth {
		b.WriteString("authentication failed: ")
	}
	text := strings.TrimSpace(strings.TrimSpace(e.Code) + " " + e.Message)
	if text == "" {
		text = e.Kind.String()
	}
	b.WriteString(text)
	switch {
	case e.HTTPStatus == 0:
		b.WriteString(" (no response)")
	case e.RequestID != "":
		fmt.Fprintf(&b, " (HTTP %d, request id %s)", e.HTTPStatus, e.RequestID)
	default:
		fmt.Fprintf(&b, " (HTTP %d)", e.HTTPStatus)
	}
	if e.Kind == KindAuth {
		b.WriteString("; check access_key and secret_key (and security_token for temporary credentials)," +
			" that they belong to this region's account, and that the system clock is correct:" +
			" signed requests are rejected when it is off by more than 15 minutes")
	}
	if e.Kind == KindUnavailable && e.HTTPStatus == http.StatusNotFound {
		b.WriteString("; the API was not found at this address: check the endpoint and region settings," +
			" and that DLI is offered in this region")
	}
	if errors.Is(e.cause, ErrCreateMayHaveSucceeded) {
		b.WriteString("; " + ErrCreateMayHaveSucceeded.Error())
	}
	return b.String()
}

// Temporary reports whether the failure is worth polling again: throttling,
// a server error, or a transport failure that left no answer (connection
// refused or lost, DNS, timeout), whatever its Kind. It is false for answers
// that will not change by asking again: NotFound, invalid requests,
// authentication failures, a missing API. Waiters find it through
// errors.As with interface{ Temporary() bool }.
func (e *APIError) Temporary() bool {
	return e.Kind == KindThrottled || e.Kind == KindServer || e.noResponse
}

// Unwrap exposes the network error or ErrCreateMayHaveSucceeded.
func (e *APIError) Unwrap() error { return e.cause }

func isKind(err error, k Kind) bool {
	var e *APIError
	return errors.As(err, &e) && e.Kind == k
}

// IsNotFound reports whether err says the object does not exist.
func IsNotFound(err error) bool { return isKind(err, KindNotFound) }

// IsAlreadyExists reports whether err says the object exists already.
func IsAlreadyExists(err error) bool { return isKind(err, KindAlreadyExists) }

// IsThrottled reports whether err is a throttling answer.
func IsThrottled(err error) bool { return isKind(err, KindThrottled) }

// IsAuth reports whether err is an authentication failure.
func IsAuth(err error) bool { return isKind(err, KindAuth) }

// IsInvalid reports whether the service rejected the request as invalid.
func IsInvalid(err error) bool { return isKind(err, KindInvalid) }

// IsUnavailable reports whether the API cannot be reached (or is not offered in the region).
func IsUnavailable(err error) bool { return isKind(err, KindUnavailable) }

// finalRefusals are the DLI codes of the "Error Codes" table that judge the
// request itself (parameter checks, SQL parsing, data conversion) or the
// caller's rights (SQL and file permissions, token, identity and role):
// asking again later gets the same answer.
var finalRefusals = map[string]bool{
	"DLI.0001": true, // Parameter check errors occur.
	"DLI.0003": true, // SQL permission verification fails.
	"DLI.0004": true, // SQL syntax parsing errors occur.
	"DLI.0005": true, // SQL semantics parsing errors occur.
	"DLI.0011": true, // The file permission check fails.
	"DLI.0015": true, // Token parsing error.
	"DLI.0016": true, // The identity and role are incorrect.
	"DLI.0018": true, // Data conversion errors occur.
}

// RefusedForNow reports whether err is DLI declining a call that it may
// accept later: an answer that is not "not found", not an authentication or
// permission failure and not a validation error. DLI gives no code for "not
// yet": it refuses to delete a pool for a while after creating it (the
// incumbent provider's acceptance tests wait 15 minutes before deleting
// one), and refuses changes while a pool is CREATING or SCALING, with
// "system restriction" or "resource unavailable" codes whose messages vary.
// So every other refusal is taken as one that waiting may lift; callers that
// retry on it must stop at their timeout and quote DLI's last answer.
// Throttling and server errors are not refusals: the client's retry policy
// and the waiters' temporary-error handling deal with them.
func RefusedForNow(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	return e.Kind == KindInvalid && !finalRefusals[e.Code]
}

// classify maps an HTTP status, DLI/gateway error code and message to a Kind.
func classify(status int, code, message string) Kind {
	switch code {
	case "DLI.0006":
		return KindAlreadyExists
	case "APIGW.0308":
		return KindThrottled
	case "DLI.0013", "DLI.0014", "APIGW.0301":
		return KindAuth
	case "APIGW.0101":
		return KindUnavailable
	case "DLI.0002", "DLI.0023":
		return KindNotFound
	case "DLI.0001":
		if saysNotExist(message) {
			return KindNotFound
		}
		return KindInvalid
	case "DLI.0999":
		return KindServer
	}
	switch {
	case status == http.StatusTooManyRequests:
		return KindThrottled
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return KindAuth
	case status == http.StatusNotFound && strings.HasPrefix(code, "DLI."):
		// DLI answered, but not with one of its not-found codes.
		return KindInvalid
	case status == http.StatusNotFound:
		// A 404 without a DLI body did not come from DLI saying the object
		// is gone: a wrong endpoint, a proxy or an unpublished API answered.
		// Taking it for NotFound would drop objects from state and let
		// deletes "succeed" while the objects live on.
		return KindUnavailable
	case status >= 500:
		return KindServer
	case status >= 400:
		return KindInvalid
	}
	return KindUnknown
}

// kindFromMessage classifies an is_success:false answer, which has no code.
// It never says NotFound: free text is no proof that the object is gone
// (only the codes of classify are), and a false NotFound drops an object
// from state.
func kindFromMessage(message string) Kind {
	if strings.Contains(strings.ToLower(message), "already exist") {
		return KindAlreadyExists
	}
	return KindInvalid
}

// connectionNotExistPattern is DLI's DLI.0001 answer for a connection id it
// does not know, "Connection xxx is not exist" (quoted in the incumbent
// provider's resource_huaweicloud_dli_datasource_connection_privilege.go),
// with the wordings "does not exist" and "not found" tolerated.
var connectionNotExistPattern = regexp.MustCompile(
	`(?i)^\s*(the\s+)?(enhanced\s+)?(datasource\s+)?connection\s+\S+\s+(is\s+not\s+exists?|does\s+not\s+exist|not\s+exists?|(is\s+)?not\s+found)\b`)

// saysNotExist reads the message of a DLI.0001 answer. DLI.0001 is DLI's
// invalid-parameter code, which it also uses for a missing connection. Only a
// message whose subject is the connection counts as not found: one naming
// some other missing object ("queue q1 does not exist" in a bind request)
// is an invalid parameter of a call whose own object exists, and taking it
// for not found would drop a live connection from the state, or let a
// delete "succeed" while the connection lives on.
func saysNotExist(message string) bool {
	return connectionNotExistPattern.MatchString(message)
}

// signaturePattern finds signature values a server might echo back.
var signaturePattern = regexp.MustCompile(`(?i)(signature=)[0-9a-f]+`)

func (c *Client) clean(s string) string {
	return signaturePattern.ReplaceAllString(c.redact.Replace(s), "${1}[redacted]")
}

func (c *Client) newAPIError(op string, status int, code, message, requestID string, kind Kind) *APIError {
	return &APIError{
		Op:         op,
		HTTPStatus: status,
		Code:       code,
		Message:    c.clean(message),
		RequestID:  requestID,
		Kind:       kind,
		notApplied: kind == KindThrottled,
	}
}

// fromSDKError converts what the SDK returned into an *APIError.
func (c *Client) fromSDKError(op string, err error) error {
	var sre *sdkerr.ServiceResponseError
	if errors.As(err, &sre) {
		if sre.StatusCode < http.StatusBadRequest {
			// A 2xx/3xx whose body the SDK could not decode.
			return c.newAPIError(op, sre.StatusCode, "", "unreadable response: "+sre.ErrorMessage, sre.RequestId, KindUnknown)
		}
		e := c.newAPIError(op, sre.StatusCode, sre.ErrorCode, sre.ErrorMessage, sre.RequestId,
			classify(sre.StatusCode, sre.ErrorCode, sre.ErrorMessage))
		if sre.ErrorCode == "" {
			// No error body: the SDK passes on the whole answer, which may be
			// a proxy's HTML page. Cut after redaction, so that no cut
			// leaves part of a secret unrecognised.
			e.Message = shorten(e.Message, maxBodyInError)
		}
		return e
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	e := &APIError{Op: op, Message: c.clean(err.Error()), Kind: KindServer, cause: err}
	if refusedBeforeSending(err) {
		e.Kind = KindUnavailable
		e.notApplied = true
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		e.noResponse = true
	} else {
		// Not a transport failure: a request the SDK could not build or sign.
		e.Kind = KindUnknown
	}
	return e
}

// maxBodyInError bounds how much of an answer that is not a DLI error body
// an error quotes.
const maxBodyInError = 300

// shorten cuts s to at most n bytes (on a rune boundary), marking the cut.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// refusedBeforeSending reports failures that prove no request reached the
// service: DNS failures and refused or failed dials.
func refusedBeforeSending(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}
