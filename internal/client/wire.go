package client

import (
	"bytes"
	"encoding/json"
	"reflect"
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

// queueLabels is a queue's labels as the list reports them, read into the
// "key=value" strings the create body takes (["multi_az=2"], API reference
// "Creating a Queue"). The list's labels field is a string in the API
// reference ("Querying All Queues": "multi_az=2") and in the SDK's Queue model,
// whose documented example is JSON object text ({"multi_az":"2"}); an array of
// such strings and a real JSON object are read too. Decoding never fails: one
// queue's odd labels must not fail the list every other queue is read from, so
// what cannot be read is kept in unread for a DEBUG log and gives no labels.
type queueLabels struct {
	list   []string
	unread string
}

// UnmarshalJSON implements json.Unmarshaler; it never returns an error.
func (l *queueLabels) UnmarshalJSON(b []byte) error {
	list, ok := parseLabels(b)
	*l = queueLabels{list: list}
	if !ok {
		l.unread = string(b)
	}
	return nil
}

// parseLabels reads labels in any of the shapes queueLabels takes and
// reports false when some part of them could not be read. The result is
// sorted without duplicates, nil for none: "", "{}", [] and null are none.
func parseLabels(raw []byte) ([]string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, true
	}
	set := map[string]bool{}
	var ok bool
	switch raw[0] {
	case '"':
		var s string
		ok = json.Unmarshal(raw, &s) == nil && addLabelText(set, s)
	case '[':
		var items []json.RawMessage
		if ok = json.Unmarshal(raw, &items) == nil; ok {
			for _, item := range items {
				var s string
				// Each element must be a string; one that is not is skipped.
				if json.Unmarshal(item, &s) != nil || !addLabelText(set, s) {
					ok = false
				}
			}
		}
	case '{':
		ok = addLabelObject(set, raw)
	default:
		ok = false
	}
	if len(set) == 0 {
		return nil, ok
	}
	out := make([]string, 0, len(set))
	for l := range set {
		out = append(out, l)
	}
	sort.Strings(out)
	return out, ok
}

// addLabelText adds labels written as text: JSON object text, or
// "k=v[,k=v]". A part without "=" is kept as written (the create body takes
// free strings).
func addLabelText(set map[string]bool, s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		return addLabelObject(set, []byte(s))
	}
	for _, part := range strings.Split(s, ",") {
		k, v, hasValue := strings.Cut(part, "=")
		switch k = strings.TrimSpace(k); {
		case hasValue && k != "":
			set[k+"="+strings.TrimSpace(v)] = true
		case !hasValue && k != "":
			set[k] = true
		}
	}
	return true
}

// addLabelObject adds the members of a JSON object as "k=v". Values are
// strings or other scalars (written as JSON writes them); a nested object or
// array is not a label value and is skipped.
func addLabelObject(set map[string]bool, raw []byte) bool {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return false
	}
	ok := true
	for k, v := range m {
		if k = strings.TrimSpace(k); k == "" {
			ok = false
			continue
		}
		v = bytes.TrimSpace(v)
		var s string
		switch {
		case json.Unmarshal(v, &s) == nil:
		case len(v) > 0 && (v[0] == '{' || v[0] == '['):
			ok = false
			continue
		default:
			s = string(v) // a number, true/false or null
		}
		set[k+"="+strings.TrimSpace(s)] = true
	}
	return ok
}

// decodeItem decodes one list item into dst, a pointer to a struct with json
// tags. When the item as a whole does not decode, each field is decoded on
// its own: a field DLI writes in an unexpected shape is left zero and named
// in the result, and the rest of the item is kept, so that one odd value
// costs neither its item nor the list. ok is false when the item is not even
// a JSON object.
func decodeItem(raw json.RawMessage, dst any) (unread []string, ok bool) {
	if json.Unmarshal(raw, dst) == nil {
		return nil, true
	}
	v := reflect.ValueOf(dst).Elem()
	v.SetZero()
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return nil, false
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		value, present := fields[name]
		if name == "" || name == "-" || !present {
			continue
		}
		if json.Unmarshal(value, v.Field(i).Addr().Interface()) != nil {
			v.Field(i).SetZero()
			unread = append(unread, name)
		}
	}
	return unread, true
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
