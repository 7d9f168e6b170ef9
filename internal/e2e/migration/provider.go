// Package migration is test support for moving state from the huaweicloud
// provider: a stand-in for that provider, served in-process under the name
// "huaweicloud", whose DLI resources have the attributes and ids the
// huaweicloud provider keeps in its state. (The CLI version checks that moved
// blocks across resource types need live in tfcli; unit tests of the state
// movers use acctest.MoveState.)
//
// The stand-in's resources create real objects through the DLI client (the
// emulator, or the cloud), or adopt an object of the same name that already
// exists, so that an import test knows its ids in advance. Deleting only
// forgets: once the state has moved, the objects belong to this provider,
// and a configuration that drops a stand-in resource plays `terraform state
// rm` on CLIs that have no `removed` block.
package migration

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/opendli/terraform-provider-dli/internal/client"
	"github.com/opendli/terraform-provider-dli/internal/e2e/tfcli"
)

// ProviderName is the stand-in's name, as the huaweicloud provider's.
const ProviderName = "huaweicloud"

// Factories serves the stand-in next to the provider under test: add them to
// ProtoV6ProviderFactories. c reaches the same DLI as the provider under
// test; region is what the stand-in records in its region attributes.
func Factories(c *client.Client, region string) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		ProviderName: providerserver.NewProtocol6WithError(&standIn{c: c, region: region}),
	}
}

type standIn struct {
	c      *client.Client
	region string
}

func (p *standIn) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = ProviderName
}

func (p *standIn) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *standIn) Configure(_ context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	resp.ResourceData = p
}

func (p *standIn) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return &poolStandIn{} },
		func() resource.Resource { return &queueStandIn{} },
		func() resource.Resource { return &connectionStandIn{} },
	}
}

func (p *standIn) DataSources(context.Context) []func() datasource.DataSource { return nil }

// base is what the three stand-in resources share: the provider's client,
// and Read, Update and Delete, which keep or forget the state as it is.
type base struct{ p *standIn }

func (b *base) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if p, ok := req.ProviderData.(*standIn); ok {
		b.p = p
	}
}

func (b *base) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (b *base) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (b *base) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// hwTime renders a DLI time as the huaweicloud provider does for
// created_at: RFC 3339 in UTC+8.
func hwTime(ms int64) string {
	return time.UnixMilli(ms).In(time.FixedZone("", 8*3600)).Format(time.RFC3339)
}

// Serve makes the acceptance test serve both providers under the huaweicloud
// provider's namespace, and on OpenTofu under OpenTofu's registry host, so
// that the stand-in's address is the very one each CLI passes for the real
// huaweicloud provider. The test must not run in parallel (it sets
// environment variables).
func Serve(t *testing.T) tfcli.Flavour {
	t.Helper()
	cli, err := tfcli.Detect()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "huaweicloud")
	if cli.OpenTofu() {
		t.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	}
	return cli
}

// WithStandIn adds the stand-in to the factories of the provider under test.
func WithStandIn(ours map[string]func() (tfprotov6.ProviderServer, error), c *client.Client,
	region string) map[string]func() (tfprotov6.ProviderServer, error) {
	all := Factories(c, region)
	for name, f := range ours {
		all[name] = f
	}
	return all
}

// RequiredProviders names where both providers come from, as Serve set it up.
func RequiredProviders() string {
	host, namespace := os.Getenv("TF_ACC_PROVIDER_HOST"), os.Getenv("TF_ACC_PROVIDER_NAMESPACE")
	if host == "" {
		host = "registry.terraform.io"
	}
	return fmt.Sprintf(`
terraform {
  required_providers {
    dli         = { source = "%[1]s/%[2]s/dli" }
    huaweicloud = { source = "%[1]s/%[2]s/huaweicloud" }
  }
}
`, host, namespace)
}
