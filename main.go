// Command terraform-provider-dli serves the Huawei Cloud Data Lake Insight provider
// to Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/debug"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/opendli/terraform-provider-dli/internal/pluginlog"
	"github.com/opendli/terraform-provider-dli/internal/provider"
)

// defaultMemoryLimit is the provider's soft memory limit (the Go runtime's,
// see runtime/debug.SetMemoryLimit) unless GOMEMLIMIT sets another. Terraform
// runs several provider processes per command beside itself, often on small
// CI runners, and a refresh or apply of 300 resources at once reaches about
// 90 MiB resident with the runtime's default pacing, mostly garbage awaiting
// collection. Under the limit the collector runs earlier as the heap nears
// it (`make bench`: peak about 75 MiB, CPU unchanged); it is soft, so a
// larger live heap only costs more collections, never a failure. Below about
// 48 MiB the collector would run nearly all the time at that size.
const defaultMemoryLimit = 56 << 20

// limitMemory applies defaultMemoryLimit unless the user set GOMEMLIMIT.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

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

	limitMemory()
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
