package tfkit

import (
	"context"
	"strings"
	"testing"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

// TestVerifyImportedTagsEitherFilterSemantics: whether DLI's tags filter keeps
// objects carrying all the tags or any of them is undocumented; the import
// check gives the same, right answer under both readings.
func TestVerifyImportedTagsEitherFilterSemantics(t *testing.T) {
	ctx := context.Background()
	const ak, sk, pid = "AKTAGFILTERTEST", "tag-filter-test-secret", "0123456789abcdef0123456789abcdef"
	srv, err := emulator.Start(emulator.Config{AccessKey: ak, SecretKey: sk, ProjectID: pid})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c, err := client.New(ctx, client.Config{Region: "cn-north-4", AccessKey: ak, SecretKey: sk, ProjectID: pid,
		Endpoint: srv.URL, IAMEndpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []client.CreateQueueInput{
		{Name: "imported", Type: "sql", CUCount: 16, Tags: []client.Tag{{Key: "owner", Value: "a"}}},
		{Name: "neighbour", Type: "sql", CUCount: 16, Tags: []client.Tag{{Key: "team", Value: "x"}}},
	} {
		if err := c.CreateQueue(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	// As the queue resource asks: list with the filter, look for the queue.
	carries := func(ctx context.Context, tags []client.Tag) (bool, error) {
		qs, err := c.ListQueues(ctx, client.QueueFilter{Type: "all", Tags: tags})
		if err != nil {
			return false, err
		}
		for _, q := range qs {
			if q.Name == "imported" {
				return true, nil
			}
		}
		return false, nil
	}
	cases := []struct {
		tags    []string
		missing string // "" when the check must pass
	}{
		{[]string{"owner", "a"}, ""},
		{[]string{"owner", "a", "team", "x"}, "team=x"},
		{[]string{"owner", "b"}, "owner=b"},
		{[]string{"owner", "b", "team", "x"}, "owner=b, team=x"},
	}
	for _, mode := range []emulator.TagFilter{emulator.TagFilterAll, emulator.TagFilterAny} {
		srv.Emulator.SetTagFilter(mode)
		for _, tc := range cases {
			err := VerifyImportedTags(ctx, strMap(tc.tags...), "queue", "imported", carries)
			switch {
			case tc.missing == "" && err != nil:
				t.Errorf("filter mode %d, tags %v: refused tags the queue carries: %v", mode, tc.tags, err)
			case tc.missing != "" && err == nil:
				t.Errorf("filter mode %d, tags %v: accepted tags the queue lacks", mode, tc.tags)
			case tc.missing != "" && !strings.Contains(err.Error(), tc.missing):
				t.Errorf("filter mode %d, tags %v: error %q does not name %s", mode, tc.tags, err, tc.missing)
			}
		}
	}
}
