package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	nameRe      = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	allDigitsRe = regexp.MustCompile(`^[0-9]+$`)
	hostNameRe  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)
	clockRe     = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

func lower(s string) string { return strings.ToLower(s) }

// checkName applies the DLI object name rules: letters, digits and '_', not all
// digits, not starting with '_', 1..max characters.
func checkName(field, v string, max int) *apiError {
	switch {
	case v == "":
		return invalid("parameter %s is required", field)
	case len(v) > max:
		return invalid("parameter %s=%q is longer than %d characters", field, v, max)
	case !nameRe.MatchString(v):
		return invalid("parameter %s=%q may only contain letters, digits and underscores", field, v)
	case allDigitsRe.MatchString(v):
		return invalid("parameter %s=%q cannot consist of digits only", field, v)
	case strings.HasPrefix(v, "_"):
		return invalid("parameter %s=%q cannot start with an underscore", field, v)
	}
	return nil
}

// checkConnectionName applies DLI's rules for connection names, which are
// looser than those for pools and queues: letters, digits and '_', 1..max.
func checkConnectionName(field, v string, max int) *apiError {
	switch {
	case v == "":
		return invalid("parameter %s is required", field)
	case len(v) > max:
		return invalid("parameter %s=%q is longer than %d characters", field, v, max)
	case !nameRe.MatchString(v):
		return invalid("parameter %s=%q may only contain letters, digits and underscores", field, v)
	}
	return nil
}

// checkCIDR accepts an IPv4 network address in CIDR form with zero host bits.
func checkCIDR(field, v string) *apiError {
	p, err := netip.ParsePrefix(v)
	if err != nil || !p.Addr().Is4() {
		return invalid("parameter %s=%q is not a valid IPv4 CIDR block", field, v)
	}
	if p.Masked() != p {
		return invalid("parameter %s=%q has host bits set; use %s", field, v, p.Masked())
	}
	return nil
}

func checkHosts(hosts []host) *apiError {
	if len(hosts) > 20000 {
		return invalid("parameter hosts has %d entries, at most 20000 are allowed", len(hosts))
	}
	for i, h := range hosts {
		if h.Name == "" || len(h.Name) > 128 || !hostNameRe.MatchString(h.Name) {
			return invalid("parameter hosts[%d].name=%q must be 1-128 letters, digits, '_', '-' or '.', starting with a letter", i, h.Name)
		}
		a, err := netip.ParseAddr(h.IP)
		if err != nil || !a.Is4() {
			return invalid("parameter hosts[%d].ip=%q is not an IPv4 address", i, h.IP)
		}
	}
	return nil
}

// maxRouteNameLen is the route name limit of "Creating a Route": 1 to 64
// characters, with no character set documented, so none is enforced.
const maxRouteNameLen = 64

func checkRoute(rt route) *apiError {
	if n := utf8.RuneCountInString(rt.Name); n < 1 || n > maxRouteNameLen {
		return invalid("parameter name=%q must be 1 to %d characters", rt.Name, maxRouteNameLen)
	}
	return checkCIDR("cidr", rt.CIDR)
}

// Length limits of free text, in characters: DLI counts characters, and a
// Chinese character is three bytes of UTF-8.
const (
	// API reference "Creating an Elastic Resource Pool" and "Modifying
	// Elastic Resource Pool Information": "a maximum of 256 characters";
	// SDK model_create_elastic_resource_pool_request_body.go likewise.
	maxPoolDescription = 256
	// The API reference ("Creating a Queue") states no limit; the user guide's
	// queue creation page ("Creating a Non-Elastic Resource Pool Queue")
	// says "a maximum of 128 characters". The emulator applies the latter.
	maxQueueDescription = 128
	// API reference "Creating an Elastic Resource Pool", tags: a key has up
	// to 128 characters, a value up to 255.
	maxTagKey   = 128
	maxTagValue = 255
)

// checkLength refuses free text longer than max characters.
func checkLength(field, v string, max int) *apiError {
	if n := utf8.RuneCountInString(v); n > max {
		return invalid("parameter %s has %d characters, at most %d are allowed", field, n, max)
	}
	return nil
}

func checkTags(tags []tag) *apiError {
	if len(tags) > 20 {
		return invalid("parameter tags has %d entries, at most 20 are allowed", len(tags))
	}
	seen := map[string]bool{}
	for i, t := range tags {
		if t.Key == "" || utf8.RuneCountInString(t.Key) > maxTagKey {
			return invalid("parameter tags[%d].key=%q must be 1-%d characters", i, t.Key, maxTagKey)
		}
		if err := checkLength(fmt.Sprintf("tags[%d].value", i), t.Value, maxTagValue); err != nil {
			return err
		}
		if seen[t.Key] {
			return invalid("parameter tags has the key %q twice", t.Key)
		}
		seen[t.Key] = true
	}
	return nil
}

// flexInt decodes a number or a numeric string: the seed sends charging_mode as "1".
type flexInt struct {
	set bool
	v   int32
}

func (f *flexInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	var n int32
	if err := json.Unmarshal(b, &n); err == nil {
		f.set, f.v = true, n
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("expected an integer or a numeric string, got %s", b)
	}
	n64, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
	if err != nil {
		return fmt.Errorf("expected an integer or a numeric string, got %q", s)
	}
	f.set, f.v = true, int32(n64)
	return nil
}

// stringList decodes either a single string or a list of strings: the seed
// sends elastic_resource_pools as one string, the SDK as a list.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = stringList{s}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	*l = list
	return nil
}

// paginate returns the window [offset, offset+limit) of n items, cut to the
// list; limit <= 0 means all. It compares limit with the items left rather
// than computing offset+limit, which overflows for a huge limit.
func paginate(n, offset, limit int) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if offset > n {
		offset = n
	}
	end := n
	if limit > 0 && limit < n-offset {
		end = offset + limit
	}
	return offset, end
}

// pageOffset is the offset of 1-based page pageNo of size items, or n when the
// page starts past the list: (pageNo-1)*size would overflow for huge values
// and wrap to a negative offset, that is to page 1.
func pageOffset(n, pageNo, size int) int {
	if pageNo < 1 {
		pageNo = 1
	}
	if size <= 0 || pageNo-1 > n/size {
		return n
	}
	return min((pageNo-1)*size, n)
}

// intParam reads an optional integer query parameter.
func intParam(c *call, name string, def int) (int, *apiError) {
	v := c.query.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, invalid("query parameter %s=%q is not a non-negative integer", name, v)
	}
	return n, nil
}
