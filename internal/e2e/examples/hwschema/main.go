// Command hwschema is a schema-only test double of the huaweicloud provider:
// it serves, under that provider's name, the provider arguments and the two
// resources the examples build next to ours (huaweicloud_vpc and
// huaweicloud_vpc_subnet), with the arguments and attributes the huaweicloud
// provider documents for them (docs/resources/vpc.md, vpc_subnet.md and
// docs/index.md of huaweicloud/terraform-provider-huaweicloud). It lets
// `validate` check those examples offline: the real provider is not on the Go
// module proxy, so it cannot be built here. It never creates anything: every
// operation but validation fails.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Address is where the CLI finds the double: the huaweicloud provider's own.
const Address = "registry.terraform.io/huaweicloud/huaweicloud"

func main() {
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return double{} },
		providerserver.ServeOpts{Address: Address}); err != nil {
		log.Fatal(err)
	}
}

type double struct{}

func (double) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "huaweicloud"
}

// Schema holds the provider arguments an example may set; anything else is a
// mistake validate must report.
func (double) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attrs := map[string]pschema.Attribute{}
	for _, name := range []string{"region", "access_key", "secret_key", "security_token", "shared_config_file",
		"profile", "project_name", "domain_name", "cloud", "auth_url", "enterprise_project_id", "signing_algorithm"} {
		attrs[name] = pschema.StringAttribute{Optional: true}
	}
	attrs["insecure"] = pschema.BoolAttribute{Optional: true}
	attrs["max_retries"] = pschema.Int64Attribute{Optional: true}
	resp.Schema = pschema.Schema{Attributes: attrs}
}

func (double) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (double) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return &schemaOnly{name: "vpc", schema: vpcSchema()} },
		func() resource.Resource { return &schemaOnly{name: "vpc_subnet", schema: subnetSchema()} },
	}
}

func (double) DataSources(context.Context) []func() datasource.DataSource { return nil }

func optional(names ...string) map[string]schema.Attribute {
	m := map[string]schema.Attribute{}
	for _, n := range names {
		m[n] = schema.StringAttribute{Optional: true}
	}
	return m
}

func required(m map[string]schema.Attribute, names ...string) {
	for _, n := range names {
		m[n] = schema.StringAttribute{Required: true}
	}
}

func computed(m map[string]schema.Attribute, names ...string) {
	for _, n := range names {
		m[n] = schema.StringAttribute{Computed: true}
	}
}

func withTimeouts(attrs map[string]schema.Attribute) schema.Schema {
	return schema.Schema{
		Attributes: attrs,
		Blocks: map[string]schema.Block{"timeouts": schema.SingleNestedBlock{Attributes: map[string]schema.Attribute{
			"create": schema.StringAttribute{Optional: true},
			"delete": schema.StringAttribute{Optional: true},
		}}},
	}
}

// vpcSchema: huaweicloud_vpc as docs/resources/vpc.md documents it.
func vpcSchema() schema.Schema {
	a := optional("region", "description", "enhanced_local_route", "enterprise_project_id")
	required(a, "name", "cidr")
	computed(a, "id", "status")
	a["secondary_cidrs"] = schema.ListAttribute{ElementType: types.StringType, Optional: true}
	a["tags"] = schema.MapAttribute{ElementType: types.StringType, Optional: true}
	return withTimeouts(a)
}

// subnetSchema: huaweicloud_vpc_subnet as docs/resources/vpc_subnet.md
// documents it. id is the VPC subnet id (what DLI's dest_network_id takes);
// ipv4_subnet_id and the deprecated subnet_id are the Neutron subnet id.
func subnetSchema() schema.Schema {
	a := optional("region", "availability_zone", "description", "primary_dns", "secondary_dns",
		"ntp_server_address", "dhcp_lease_time", "dhcp_ipv6_lease_time", "dhcp_domain_name")
	required(a, "name", "cidr", "gateway_ip", "vpc_id")
	computed(a, "id", "status", "ipv4_subnet_id", "ipv6_subnet_id", "ipv6_cidr", "ipv6_gateway", "subnet_id")
	a["ipv6_enable"] = schema.BoolAttribute{Optional: true}
	a["dhcp_enable"] = schema.BoolAttribute{Optional: true}
	a["dns_list"] = schema.ListAttribute{ElementType: types.StringType, Optional: true}
	a["tags"] = schema.MapAttribute{ElementType: types.StringType, Optional: true}
	return withTimeouts(a)
}

// schemaOnly is a resource that validates and plans but refuses to act.
type schemaOnly struct {
	name   string
	schema schema.Schema
}

func (r *schemaOnly) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.name
}

func (r *schemaOnly) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

const refusal = "hwschema is a schema-only test double of the huaweicloud provider: it validates, it never applies."

func (r *schemaOnly) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("Not a real provider", refusal)
}

func (r *schemaOnly) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *schemaOnly) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Not a real provider", refusal)
}

func (r *schemaOnly) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddError("Not a real provider", refusal)
}
