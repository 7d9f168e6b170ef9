package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"

	dli "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

// TagKind is a resource type of DLI's tag API ("APIs Related to Resource
// Tags" in the API reference). Each kind names its objects by a different id
// ("Batch Adding Resource Tags"): a pool by its resource_id, a queue by its
// numeric queue_id, a connection by its connection id.
type TagKind int

// The kinds of object the provider manages.
const (
	TagPool TagKind = iota
	TagQueue
	TagConnection
)

// name is the resource_type of the tag API's paths.
func (k TagKind) name() string {
	switch k {
	case TagPool:
		return "dli_elastic_resource_pool"
	case TagQueue:
		return "dli_queue"
	default:
		return "dli_enhanced_datasource"
	}
}

// The SDK gives every request its own enum type for resource_type; each
// decodes any string, so the value is taken from the JSON form of the name.
func tagEnum[T any](k TagKind) T {
	var v T
	raw, _ := json.Marshal(k.name())
	if u, ok := any(&v).(json.Unmarshaler); ok {
		_ = u.UnmarshalJSON(raw)
	}
	return v
}

const tagsPath = "/v3/{project_id}/{resource_type}/{resource_id}/tags"

// GetTags reads the tags of one object (ShowResourceTags, "Querying Tags of
// a Specified Resource Instance"). The default page of 1000 holds the at
// most 20 tags an object can carry, so no paging is sent.
func (c *Client) GetTags(ctx context.Context, kind TagKind, id string) ([]Tag, error) {
	cl := call{op: "read tags of " + kind.name() + " " + id, method: http.MethodGet, path: tagsPath}
	req := &model.ShowResourceTagsRequest{ResourceType: tagEnum[model.ShowResourceTagsRequestResourceType](kind), ResourceId: id}
	out, err := sdkCall(ctx, c, cl, func() *dli.ShowResourceTagsInvoker { return c.dli.ShowResourceTagsInvoker(req) })
	if err != nil {
		return nil, err
	}
	var tags []Tag
	if out.Tags != nil {
		for _, t := range *out.Tags {
			tags = append(tags, Tag{Key: t.Key, Value: t.Value})
		}
	}
	sortTags(tags)
	return tags, nil
}

// AddTags adds tags to one object (BatchCreateResourceTags). Adding a tag the
// object already carries changes nothing, so the call is repeated after a
// server error like a PUT. Should DLI refuse a repeat whose first attempt
// took effect (the reference does not say), the refusal is settled by
// reading the tags back: if they are all there, the add succeeded.
func (c *Client) AddTags(ctx context.Context, kind TagKind, id string, tags []Tag) error {
	if len(tags) == 0 {
		return nil
	}
	cl := call{op: "add tags to " + kind.name() + " " + id, method: http.MethodPost, path: tagsPath + "/create", idempotent: true}
	req := &model.BatchCreateResourceTagsRequest{
		ResourceType: tagEnum[model.BatchCreateResourceTagsRequestResourceType](kind), ResourceId: id,
		Body: &model.BatchCreateResourceTagsRequestBody{Tags: modelTags(tags)},
	}
	_, err := sdkCall(ctx, c, cl, func() *dli.BatchCreateResourceTagsInvoker { return c.dli.BatchCreateResourceTagsInvoker(req) })
	var apiErr *APIError
	if err == nil || !errors.As(err, &apiErr) || !apiErr.afterUncertain || apiErr.Kind != KindInvalid {
		return err
	}
	have, rerr := c.GetTags(ctx, kind, id)
	if rerr != nil {
		return err
	}
	if carriesAll(have, tags) {
		return nil
	}
	return err
}

// DeleteTags removes tags from one object (BatchDeleteResourceTags). "Batch
// Deleting Resource Tags" documents the call as idempotent: a tag the
// object no longer carries is no error, so it is retried freely.
func (c *Client) DeleteTags(ctx context.Context, kind TagKind, id string, tags []Tag) error {
	if len(tags) == 0 {
		return nil
	}
	cl := call{op: "delete tags from " + kind.name() + " " + id, method: http.MethodPost, path: tagsPath + "/delete", idempotent: true}
	req := &model.BatchDeleteResourceTagsRequest{
		ResourceType: tagEnum[model.BatchDeleteResourceTagsRequestResourceType](kind), ResourceId: id,
		Body: &model.BatchDeleteResourceTagsRequestBody{Tags: modelTags(tags)},
	}
	_, err := sdkCall(ctx, c, cl, func() *dli.BatchDeleteResourceTagsInvoker { return c.dli.BatchDeleteResourceTagsInvoker(req) })
	return err
}

// UpdateTags turns an object's tags from old into want: it deletes the keys
// that go or change value, then adds the keys that come or change. DLI takes
// one value per key and its reference does not say whether an add
// overwrites a key's value, so a changed value is deleted first.
func (c *Client) UpdateTags(ctx context.Context, kind TagKind, id string, old, want []Tag) error {
	del, add := tagChanges(old, want)
	if err := c.DeleteTags(ctx, kind, id, del); err != nil {
		return err
	}
	return c.AddTags(ctx, kind, id, add)
}

// tagChanges lists the tags to delete and to add to go from old to want.
func tagChanges(old, want []Tag) (del, add []Tag) {
	wanted := map[string]string{}
	for _, t := range want {
		wanted[t.Key] = t.Value
	}
	had := map[string]string{}
	for _, t := range old {
		had[t.Key] = t.Value
		if v, ok := wanted[t.Key]; !ok || v != t.Value {
			del = append(del, t)
		}
	}
	for _, t := range want {
		if v, ok := had[t.Key]; !ok || v != t.Value {
			add = append(add, t)
		}
	}
	sortTags(del)
	sortTags(add)
	return del, add
}

// TaggedResource is one entry of ListTaggedResources.
type TaggedResource struct {
	ID, Name string
	Tags     []Tag
}

// ListTaggedResources lists the objects of a kind with their tags
// (ListResourcesByTags, POST .../resource-instances/filter), every object
// when tags is empty, else those carrying every given tag. The call reads
// only, so it is retried like a GET. One answer carries the tags of many
// objects, which a batched refresh could share (see the resources' readTags).
func (c *Client) ListTaggedResources(ctx context.Context, kind TagKind, tags []Tag) ([]TaggedResource, error) {
	const pageSize = 1000
	cl := call{op: "list " + kind.name() + " resources by tags", method: http.MethodPost,
		path: "/v3/{project_id}/{resource_type}/resource-instances/filter", idempotent: true, readOnly: true}
	body := &model.ListResourcesByTagsRequestBody{}
	if len(tags) > 0 {
		filter := make([]model.TagWithValues, 0, len(tags))
		for _, t := range tags {
			filter = append(filter, model.TagWithValues{Key: t.Key, Values: []string{t.Value}})
		}
		body.Tags = &filter
	}
	var out []TaggedResource
	for offset := int32(0); ; offset += pageSize {
		limit, off := int32(pageSize), offset
		req := &model.ListResourcesByTagsRequest{
			ResourceType: tagEnum[model.ListResourcesByTagsRequestResourceType](kind),
			Limit:        &limit, Offset: &off, Body: body,
		}
		page, err := sdkCall(ctx, c, cl, func() *dli.ListResourcesByTagsInvoker { return c.dli.ListResourcesByTagsInvoker(req) })
		if err != nil {
			return nil, err
		}
		n := 0
		if page.Resources != nil {
			n = len(*page.Resources)
			for _, r := range *page.Resources {
				tr, err := taggedResource(r)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", cl.op, err)
				}
				out = append(out, tr)
			}
		}
		if n < pageSize {
			return out, nil
		}
	}
}

// taggedResource reads one entry; the SDK types its tags as any.
func taggedResource(r model.Resource) (TaggedResource, error) {
	tr := TaggedResource{ID: str(r.ResourceId), Name: str(r.ResourceName)}
	if r.Tags == nil {
		return tr, nil
	}
	raw, err := json.Marshal(*r.Tags)
	if err != nil {
		return tr, err
	}
	var tags []model.Tag
	if err := json.Unmarshal(raw, &tags); err != nil {
		return tr, fmt.Errorf("tags of %s: %w", tr.ID, err)
	}
	for _, t := range tags {
		tr.Tags = append(tr.Tags, Tag{Key: t.Key, Value: t.Value})
	}
	sortTags(tr.Tags)
	return tr, nil
}

func modelTags(tags []Tag) []model.Tag {
	out := make([]model.Tag, 0, len(tags))
	for _, t := range tags {
		out = append(out, model.Tag{Key: t.Key, Value: t.Value})
	}
	return out
}

func carriesAll(have, want []Tag) bool {
	m := map[string]string{}
	for _, t := range have {
		m[t.Key] = t.Value
	}
	for _, t := range want {
		if v, ok := m[t.Key]; !ok || v != t.Value {
			return false
		}
	}
	return true
}

func sortTags(tags []Tag) {
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
}
