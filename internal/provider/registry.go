package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/opendli/terraform-provider-dli/internal/service/connection"
	"github.com/opendli/terraform-provider-dli/internal/service/pool"
	"github.com/opendli/terraform-provider-dli/internal/service/queue"
)

// resources lists every resource type the provider serves; each lives in its own
// package under internal/service.
var resources = []func() resource.Resource{
	connection.NewResource,
	pool.NewResource,
	queue.NewResource,
}

// dataSources lists every data source type the provider serves.
var dataSources = []func() datasource.DataSource{
	connection.NewDataSource,
	connection.NewListDataSource,
	pool.NewDataSource,
	pool.NewListDataSource,
	queue.NewDataSource,
	queue.NewListDataSource,
}
