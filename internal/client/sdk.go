package client

import (
	"fmt"
	"math"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
)

// Helpers that fill the SDK's request models from domain values.

// optString is nil for "", so an unset optional field stays out of the body.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// optList is nil for an empty list, for the same reason.
func optList(l []string) *[]string {
	if len(l) == 0 {
		return nil
	}
	return &l
}

// int32Of narrows a count for the SDK models, which type CUs and limits as
// int32; a value beyond that range is refused before anything is sent.
func int32Of(op, field string, v int64) (int32, error) {
	if v < math.MinInt32 || v > math.MaxInt32 {
		return 0, &APIError{Op: op, Kind: KindInvalid, Message: fmt.Sprintf("%s %d is out of range", field, v)}
	}
	return int32(v), nil
}

// sdkTags converts tags for a create body.
func sdkTags(tags []Tag) *[]model.Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]model.Tag, 0, len(tags))
	for _, t := range tags {
		out = append(out, model.Tag{Key: t.Key, Value: t.Value})
	}
	return &out
}

// str, i64 and flag read the SDK's optional response fields; absent is zero.
func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func i64[T int32 | int64](p *T) int64 {
	if p == nil {
		return 0
	}
	return int64(*p)
}

func flag(p *bool) bool { return p != nil && *p }
