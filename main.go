// Command terraform-provider-dli serves the Huawei Cloud Data Lake Insight provider
// to Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/opendli/terraform-provider-dli/internal/pluginlog"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug, printVersion bool
	flag.BoolVar(&debug, "debug", false, "start the provider in debug mode for debuggers such as delve")
	flag.BoolVar(&printVersion, "version", false, "print the provider's version and exit")
	flag.Parse()

	// Which build is installed is otherwise only visible in Terraform's
	// debug log; release checks use this too.
	if printVersion {
		fmt.Println("terraform-provider-dli", version)
		return
	}

	if !debug { // under a debugger the logs go to its terminal, where they are read
		if err := pluginlog.Apply(); err != nil {
			log.Fatal(err)
		}
	}
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
