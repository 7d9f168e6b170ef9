package client

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// flexInt64 accepts a JSON number or a numeric string: DLI sends some counts
// as strings (the walkthrough's charging_mode "1").
type flexInt64 int64

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexInt64) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		*f = flexInt64(n)
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return err
	}
	*f = flexInt64(v)
	return nil
}

// flexStrings accepts a JSON list of strings or one comma-separated string
// (the SDK models queue labels as a string, the API reference as a list).
type flexStrings []string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexStrings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var l []string
		if err := json.Unmarshal(b, &l); err != nil {
			return err
		}
		*f = l
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*f = nil
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*f = append(*f, p)
		}
	}
	return nil
}

// tagQuery renders tags as the list filters take them: "k=v,k2=v2", sorted
// by key so a request is stable.
func tagQuery(tags []Tag) string {
	parts := make([]string, 0, len(tags))
	for _, t := range tags {
		parts = append(parts, t.Key+"="+t.Value)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// nonEmpty returns the params whose value is set.
func nonEmpty(ps ...param) []param {
	var out []param
	for _, p := range ps {
		if p.value != "" {
			out = append(out, p)
		}
	}
	return out
}

// pageSize is the page size of every paged list.
const pageSize = 100
