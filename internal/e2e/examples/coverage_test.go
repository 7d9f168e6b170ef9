package examples

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// servedSchemas asks the provider, through the plugin protocol as Terraform
// does, for the schemas of everything it serves.
func servedSchemas(t *testing.T) *tfprotov6.GetProviderSchemaResponse {
	t.Helper()
	srv := providerserver.NewProtocol6(provider.New("test")())()
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("provider schema: %s: %s", d.Summary, d.Detail)
		}
	}
	return resp
}

// TestEveryAttributeDescribed keeps the generated docs useful: tfplugindocs
// prints each attribute's description, and an attribute without one would
// show up as a bare name.
func TestEveryAttributeDescribed(t *testing.T) {
	resp := servedSchemas(t)
	check := func(kind string, schemas map[string]*tfprotov6.Schema) {
		for name, s := range schemas {
			if strings.TrimSpace(s.Block.Description) == "" {
				t.Errorf("%s %s has no description", kind, name)
			}
			for _, missing := range undescribed(s.Block, "") {
				t.Errorf("%s %s: attribute %s has no description", kind, name, missing)
			}
		}
	}
	check("resource", resp.ResourceSchemas)
	check("data source", resp.DataSourceSchemas)
	check("provider", map[string]*tfprotov6.Schema{"dli": resp.Provider})
}

// undescribed lists the attributes and blocks under b, with their paths,
// whose description is empty.
func undescribed(b *tfprotov6.SchemaBlock, prefix string) []string {
	var out []string
	for _, a := range b.Attributes {
		out = append(out, undescribedAttr(a, prefix)...)
	}
	for _, nb := range b.BlockTypes {
		p := prefix + nb.TypeName
		if strings.TrimSpace(nb.Block.Description) == "" {
			out = append(out, p)
		}
		out = append(out, undescribed(nb.Block, p+".")...)
	}
	return out
}

func undescribedAttr(a *tfprotov6.SchemaAttribute, prefix string) []string {
	var out []string
	p := prefix + a.Name
	// The timeouts module describes only the nested create/update/delete
	// values; each resource page explains the attribute in its own section.
	if strings.TrimSpace(a.Description) == "" && p != "timeouts" {
		out = append(out, p)
	}
	if a.NestedType != nil {
		for _, n := range a.NestedType.Attributes {
			out = append(out, undescribedAttr(n, p+".")...)
		}
	}
	return out
}

// TestEveryTypeHasExamplesAndDocs checks that each resource has its example,
// import command and import block, each data source its example, and that
// each has a generated page showing that example and every top-level
// attribute. Run `make generate` when it fails on docs/.
func TestEveryTypeHasExamplesAndDocs(t *testing.T) {
	resp := servedSchemas(t)
	root := tfcli.ModuleRoot(t)
	for _, typ := range sortedKeys(resp.ResourceSchemas) {
		dir := filepath.Join(root, "examples", "resources", typ)
		for _, f := range []string{"resource.tf", "import.sh", "import-by-string-id.tf"} {
			requireFile(t, filepath.Join(dir, f))
		}
		checkPage(t, filepath.Join(root, "docs", "resources", shortName(typ)+".md"), resp.ResourceSchemas[typ])
	}
	for _, typ := range sortedKeys(resp.DataSourceSchemas) {
		requireFile(t, filepath.Join(root, "examples", "data-sources", typ, "data-source.tf"))
		checkPage(t, filepath.Join(root, "docs", "data-sources", shortName(typ)+".md"), resp.DataSourceSchemas[typ])
	}
	requireFile(t, filepath.Join(root, "examples", "provider", "provider.tf"))
	checkPage(t, filepath.Join(root, "docs", "index.md"), resp.Provider)
}

func checkPage(t *testing.T, page string, s *tfprotov6.Schema) {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Errorf("no generated page (run make generate): %v", err)
		return
	}
	text := string(b)
	if !strings.Contains(text, "## Example Usage") {
		t.Errorf("%s has no example", page)
	}
	for _, a := range s.Block.Attributes {
		if !strings.Contains(text, "- `"+a.Name+"` (") {
			t.Errorf("%s does not document attribute %s (run make generate)", page, a.Name)
		}
	}
}

func requireFile(t *testing.T, p string) {
	t.Helper()
	if _, err := os.Stat(p); err != nil {
		t.Errorf("missing %v", err)
	}
}

// shortName is the page name tfplugindocs uses: the type without "dli_".
func shortName(typ string) string {
	return strings.TrimPrefix(typ, "dli_")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
