package emulator

import (
	"net/http"
	"strings"
	"testing"
)

// TestLengthsAreCharacters: DLI's documented length limits count characters,
// not bytes; a Chinese character is three bytes in UTF-8.
func TestLengthsAreCharacters(t *testing.T) {
	srv, _ := startTest(t, Delays{})
	a := api{t, srv}
	zh := func(n int) string { return strings.Repeat("描", n) }
	tag := func(k, v string) []map[string]string { return []map[string]string{{"key": k, "value": v}} }

	// Pool description: at most 256 characters ("Creating an Elastic Resource
	// Pool", "Modifying Elastic Resource Pool Information").
	a.must("POST", a.pools(), map[string]any{"elastic_resource_pool_name": "zh_pool", "min_cu": 64, "max_cu": 64,
		"description": zh(200)})
	a.must("PUT", a.pools()+"/zh_pool", map[string]any{"description": zh(256)})
	a.fail(http.StatusBadRequest, "DLI.0001", "PUT", a.pools()+"/zh_pool", map[string]any{"description": zh(257)})
	a.fail(http.StatusBadRequest, "DLI.0001", "POST", a.pools(), map[string]any{"elastic_resource_pool_name": "long_pool",
		"min_cu": 64, "max_cu": 64, "description": strings.Repeat("x", 257)})

	// Queue description: at most 128 characters (user guide, queue creation).
	a.must("POST", a.queues(), map[string]any{"queue_name": "zh_queue", "cu_count": 16, "description": zh(128)})
	r := a.fail(http.StatusBadRequest, "DLI.0001", "POST", a.queues(), map[string]any{"queue_name": "long_queue",
		"cu_count": 16, "description": strings.Repeat("x", 129)})
	if msg, _ := r.body["error_msg"].(string); !strings.Contains(msg, "description") || !strings.Contains(msg, "128") {
		t.Errorf("refusal %q does not name the field and the limit", msg)
	}

	// Tags: keys at most 128 characters, values at most 255 ("Creating an
	// Elastic Resource Pool", tags).
	a.must("POST", a.queues(), map[string]any{"queue_name": "zh_tags", "cu_count": 16, "tags": tag(zh(128), zh(255))})
	a.fail(http.StatusBadRequest, "DLI.0001", "POST", a.queues(), map[string]any{"queue_name": "long_key",
		"cu_count": 16, "tags": tag(zh(129), "v")})
	a.fail(http.StatusBadRequest, "DLI.0001", "POST", a.queues(), map[string]any{"queue_name": "long_value",
		"cu_count": 16, "tags": tag("k", zh(256))})
}
