package emulator

import (
	"encoding/json"
	"strings"
)

// Where the sources leave the service's behaviour open, the emulator can
// answer each way they allow, so that tests show the provider right in all
// of them. The defaults are the readings the emulator has always had.

// LabelShape is how the queue list writes a queue's labels. The create body
// takes them as an array of "key=value" strings (API reference "Creating a
// Queue": ["multi_az=2"]), but the list answers them differently in different
// sources.
type LabelShape int

const (
	// LabelsText: "multi_az=2,k=v". Open Telekom Cloud API reference
	// "Querying All Queues", example response ("labels": "multi_az=2").
	LabelsText LabelShape = iota
	// LabelsObjectText: "{\"multi_az\":\"2\"}". SDK model_queue.go: Labels is
	// a string "in JSON format", example {"multi_az":"2"}.
	LabelsObjectText
	// LabelsArray: ["multi_az=2"]. Assumption: the service echoes the create
	// body's shape.
	LabelsArray
	// LabelsObject: {"multi_az":"2"}. Assumption: a JSON object rather than
	// its text.
	LabelsObject
)

// TagFilter is how a list's tags filter ("k=v,k2=v2") combines its tags.
// The API reference only says "Query results are filtered by tag" ("Querying
// All Queues", "Querying All Elastic Resource Pools", "Listing Enhanced
// Datasource Connections").
type TagFilter int

const (
	// TagFilterAll keeps objects carrying every tag of the filter. Assumption:
	// the usual meaning of a filter list, and the emulator's reading so far.
	TagFilterAll TagFilter = iota
	// TagFilterAny keeps objects carrying at least one tag of the filter.
	TagFilterAny
)

// variants are the chosen readings; guarded by Emulator.mu.
type variants struct {
	labelShape   LabelShape
	oddLabels    map[string]json.RawMessage // queue name -> labels answered verbatim
	tagFilterAny bool
	// generalEngine is the engine the queue list reports for general queues;
	// "" reports none.
	generalEngine string
}

// SetGeneralQueueEngine makes the queue list report engine for every general
// queue from now on ("" reports none, the default). A general queue cannot be
// created with an engine ("Creating a Queue": engine only with queue_type
// sql), but "Querying All Queues" lists engine for every queue without
// limiting it to SQL queues, and a general queue runs Spark jobs: the service
// may well answer "spark" there.
func (e *Emulator) SetGeneralQueueEngine(engine string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.variants.generalEngine = engine
}

// SetQueueLabelShape chooses how the queue list writes labels from now on.
func (e *Emulator) SetQueueLabelShape(s LabelShape) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.variants.labelShape = s
}

// SetQueueLabelsAnswer makes the queue list answer raw, verbatim, as the
// labels of the named queue, whatever it was created with: a test hook for a
// value the client cannot read. nil restores the normal answer.
func (e *Emulator) SetQueueLabelsAnswer(name string, raw json.RawMessage) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.variants.oddLabels == nil {
		e.variants.oddLabels = map[string]json.RawMessage{}
	}
	if raw == nil {
		delete(e.variants.oddLabels, lower(name))
		return
	}
	e.variants.oddLabels[lower(name)] = append(json.RawMessage(nil), raw...)
}

// SetTagFilter chooses how list tag filters combine their tags from now on.
func (e *Emulator) SetTagFilter(f TagFilter) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.variants.tagFilterAny = f == TagFilterAny
}

// labelsAnswer is the labels field of a queue list entry.
func (e *Emulator) labelsAnswer(q *queue) any {
	if raw, odd := e.variants.oddLabels[q.Name]; odd {
		return raw
	}
	switch e.variants.labelShape {
	case LabelsObjectText:
		b, _ := json.Marshal(labelMap(q.Labels))
		return string(b)
	case LabelsArray:
		return append([]string{}, q.Labels...)
	case LabelsObject:
		return labelMap(q.Labels)
	default:
		return strings.Join(q.Labels, ",")
	}
}

// labelMap is labels as an object: "k=v" is k: v, a label without "=" a key
// with an empty value.
func labelMap(labels []string) map[string]string {
	m := make(map[string]string, len(labels))
	for _, l := range labels {
		k, v, _ := strings.Cut(l, "=")
		m[k] = v
	}
	return m
}

// matchTags reports whether tags pass a list's "k=v,k2=v2" filter under the
// chosen TagFilter. A pair without a value matches the key alone.
func (e *Emulator) matchTags(filter string, tags []tag) bool {
	if filter == "" {
		return true
	}
	have := map[string]string{}
	for _, t := range tags {
		have[t.Key] = t.Value
	}
	anyOf := e.variants.tagFilterAny
	for _, kv := range strings.Split(filter, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		got, ok := have[k]
		matched := ok && (v == "" || got == v)
		if matched && anyOf {
			return true
		}
		if !matched && !anyOf {
			return false
		}
	}
	return !anyOf
}
