package emulator

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// The tag API ("APIs Related to Resource Tags" in the API reference) works on
// the same tag lists that the creates fill and the lists' tags filters read.
// Resource types and ids, per "Batch Adding Resource Tags": a queue is named
// by its numeric queue_id, an elastic resource pool by its resource_id, an
// enhanced connection by its connection id. The other types the reference
// lists (databases, packages, Flink jobs) are not modelled.
const (
	tagTypePool       = "dli_elastic_resource_pool"
	tagTypeQueue      = "dli_queue"
	tagTypeConnection = "dli_enhanced_datasource"
	// "Batch Adding Resource Tags": a maximum of 20 tags can be added;
	// "Batch Deleting Resource Tags": a maximum of 20 tags per batch.
	maxTagsPerResource = 20
)

// tagged is one object the tag API can reach.
type tagged struct {
	id, name string
	tags     *[]tag
}

// taggedObject finds the object that resourceType and id name.
func (e *Emulator) taggedObject(resourceType, id string, c *call) (*tagged, *apiError) {
	for _, t := range e.taggedObjects(resourceType, c) {
		if t.id == id {
			return &t, nil
		}
	}
	if !knownTagType(resourceType) {
		return nil, invalid("resource_type %s is not supported", resourceType)
	}
	// assumption: an unknown id is answered as the type's other calls answer
	// a missing object.
	return nil, notFound("Resource", id)
}

func knownTagType(t string) bool {
	return t == tagTypePool || t == tagTypeQueue || t == tagTypeConnection
}

// taggedObjects lists every live object of a type, sorted by id.
func (e *Emulator) taggedObjects(resourceType string, c *call) []tagged {
	var out []tagged
	switch resourceType {
	case tagTypePool:
		for _, p := range e.st.Pools {
			if !p.deleting() {
				out = append(out, tagged{id: p.ResourceID, name: p.Name, tags: &p.Tags})
			}
		}
	case tagTypeQueue:
		for _, q := range e.st.Queues {
			if q.DeleteAt.IsZero() {
				out = append(out, tagged{id: strconv.FormatInt(q.ID, 10), name: q.Name, tags: &q.Tags})
			}
		}
	case tagTypeConnection:
		for _, cn := range e.st.Connections {
			if !cn.deleted(c.now) {
				out = append(out, tagged{id: cn.ID, name: cn.Name, tags: &cn.Tags})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// tagsBody is the body of batch add and batch delete.
type tagsBody struct {
	Tags *[]tag `json:"tags"`
}

func decodeTagsBody(c *call) ([]tag, *apiError) {
	var b tagsBody
	if err := decode(c.body, &b); err != nil {
		return nil, err
	}
	// "Batch Deleting Resource Tags": the tags structure cannot be missing.
	if b.Tags == nil {
		return nil, invalid("parameter tags is mandatory")
	}
	if len(*b.Tags) > maxTagsPerResource {
		return nil, invalid("parameter tags has %d entries, at most %d are allowed", len(*b.Tags), maxTagsPerResource)
	}
	return *b.Tags, nil
}

// showResourceTags is GET /v3/{pid}/{resource_type}/{resource_id}/tags
// ("Querying Tags of a Specified Resource Instance"): {tags, count}.
func showResourceTags(e *Emulator, c *call) (int, any, *apiError) {
	t, err := e.taggedObject(c.args[0], c.args[1], c)
	if err != nil {
		return 0, nil, err
	}
	tags := sortedTags(*t.tags)
	return http.StatusOK, map[string]any{"tags": tags, "count": len(tags)}, nil
}

// batchCreateResourceTags is POST .../{resource_id}/tags/create ("Batch
// Adding Resource Tags", 204 without a body). One value per key: a key the
// object already carries with another value is refused and nothing changes
// (assumption: the strict reading of "only one tag value can be added to a
// tag key"; the provider deletes a changed key first, so it works under the
// overwriting reading too). The same key with the same value is accepted
// and changes nothing (assumption), so the call can be repeated.
func batchCreateResourceTags(e *Emulator, c *call) (int, any, *apiError) {
	t, err := e.taggedObject(c.args[0], c.args[1], c)
	if err != nil {
		return 0, nil, err
	}
	add, err := decodeTagsBody(c)
	if err != nil {
		return 0, nil, err
	}
	if err := checkTags(add); err != nil {
		return 0, nil, err
	}
	have := map[string]string{}
	for _, x := range *t.tags {
		have[x.Key] = x.Value
	}
	next := append([]tag(nil), *t.tags...)
	for _, x := range add {
		v, found := have[x.Key]
		switch {
		case found && v == x.Value:
		case found:
			return 0, nil, invalid("tag key %s already has a value; only one value can be added to a tag key", x.Key)
		default:
			next = append(next, x)
		}
	}
	if len(next) > maxTagsPerResource {
		return 0, nil, invalid("a resource can carry at most %d tags, this request would leave %d", maxTagsPerResource, len(next))
	}
	*t.tags = next
	return http.StatusNoContent, nil, nil
}

// batchDeleteResourceTags is POST .../{resource_id}/tags/delete ("Batch
// Deleting Resource Tags", 204). Idempotent as documented: a tag the object
// does not carry is no error. A tag is removed by its key (assumption: the
// value sent is not compared); the key cannot be empty.
func batchDeleteResourceTags(e *Emulator, c *call) (int, any, *apiError) {
	t, err := e.taggedObject(c.args[0], c.args[1], c)
	if err != nil {
		return 0, nil, err
	}
	del, err := decodeTagsBody(c)
	if err != nil {
		return 0, nil, err
	}
	drop := map[string]bool{}
	for i, x := range del {
		if strings.TrimSpace(x.Key) == "" {
			return 0, nil, invalid("parameter tags[%d].key cannot be empty", i)
		}
		drop[x.Key] = true
	}
	kept := make([]tag, 0, len(*t.tags))
	for _, x := range *t.tags {
		if !drop[x.Key] {
			kept = append(kept, x)
		}
	}
	*t.tags = kept
	return http.StatusNoContent, nil, nil
}

// filterBody is the body of "Querying Resource Instances" by tag.
type filterBody struct {
	WithoutAnyTag bool `json:"without_any_tag"`
	Tags          []struct {
		Key    string   `json:"key"`
		Values []string `json:"values"`
	} `json:"tags"`
	Matches []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	} `json:"matches"`
}

// listResourcesByTags is POST /v3/{pid}/{resource_type}/resource-instances/filter:
// the objects of a type with their tags ({resources:[{resource_id,
// resource_name, resource_detail, tags}], total_count}, SDK
// model_list_resources_by_tags_response.go and model_resource.go). No
// criteria list every object; keys are ANDed and the values of one key ORed,
// an empty value list matching any value; without_any_tag keeps untagged
// objects; the match key resource_name compares exactly (assumptions: the
// reading Huawei Cloud's tag filters document elsewhere). limit (default
// 1000) and offset page the result.
func listResourcesByTags(e *Emulator, c *call) (int, any, *apiError) {
	if !knownTagType(c.args[0]) {
		return 0, nil, invalid("resource_type %s is not supported", c.args[0])
	}
	var b filterBody
	if len(strings.TrimSpace(string(c.body))) > 0 {
		if err := decode(c.body, &b); err != nil {
			return 0, nil, err
		}
	}
	limit, offset, perr := pageParams(c, 1000)
	if perr != nil {
		return 0, nil, perr
	}
	var hits []map[string]any
	for _, t := range e.taggedObjects(c.args[0], c) {
		if !matchFilter(b, t) {
			continue
		}
		hits = append(hits, map[string]any{
			"resource_id": t.id, "resource_name": t.name, "resource_detail": map[string]any{},
			"tags": sortedTags(*t.tags),
		})
	}
	total := len(hits)
	page := []map[string]any{}
	for i := offset; i < total && i < offset+limit; i++ {
		page = append(page, hits[i])
	}
	return http.StatusOK, map[string]any{"resources": page, "total_count": total}, nil
}

func matchFilter(b filterBody, t tagged) bool {
	have := map[string]string{}
	for _, x := range *t.tags {
		have[x.Key] = x.Value
	}
	if b.WithoutAnyTag {
		return len(have) == 0
	}
	for _, f := range b.Tags {
		v, found := have[f.Key]
		if !found {
			return false
		}
		if len(f.Values) > 0 && !contains(f.Values, v) {
			return false
		}
	}
	for _, m := range b.Matches {
		if m.Key == "resource_name" && m.Value != t.name {
			return false
		}
	}
	return true
}

// pageParams reads limit and offset; a value that is not a non-negative
// number is DLI.0001.
func pageParams(c *call, defaultLimit int) (limit, offset int, err *apiError) {
	limit, offset = defaultLimit, 0
	if s := c.query.Get("limit"); s != "" {
		n, perr := strconv.Atoi(s)
		if perr != nil || n < 1 {
			return 0, 0, invalid("parameter limit=%s must be a positive number", s)
		}
		limit = n
	}
	if s := c.query.Get("offset"); s != "" {
		n, perr := strconv.Atoi(s)
		if perr != nil || n < 0 {
			return 0, 0, invalid("parameter offset=%s must be a non-negative number", s)
		}
		offset = n
	}
	return limit, offset, nil
}

func sortedTags(tags []tag) []tag {
	out := append([]tag{}, tags...)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
