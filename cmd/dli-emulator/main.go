// Command dli-emulator serves the local DLI emulator over HTTP until it gets
// SIGINT or SIGTERM. The first line on stdout is
// "dli-emulator listening on http://HOST:PORT".
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/opendli/terraform-provider-dli/internal/emulator"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "dli-emulator:", err)
		os.Exit(1)
	}
}

// run parses flags, serves until a signal arrives and shuts down gracefully.
func run(args []string, stdout io.Writer, getenv func(string) string) error {
	listen, cfg, err := parseConfig(args, getenv)
	if err != nil {
		return err
	}
	// Catch the signals before announcing the address: a parent may send
	// SIGTERM as soon as it has read the line, and without a handler in
	// place that would kill the process instead of shutting it down.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := emulator.StartOn(listen, cfg)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stdout, "dli-emulator listening on %s\n", srv.URL); err != nil {
		_ = srv.Close()
		return err
	}
	if f, isFile := stdout.(*os.File); isFile {
		_ = f.Sync() // make the address line visible to a waiting parent at once
	}
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// parseConfig reads the listen address and the emulator configuration from
// flags; secrets default to environment variables so that they need not
// appear on the command line, where other local users can read them.
func parseConfig(args []string, getenv func(string) string) (string, emulator.Config, error) {
	fs := flag.NewFlagSet("dli-emulator", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:0", "listen address host:port")
	ak := fs.String("access-key", getenv("DLI_EMULATOR_ACCESS_KEY"), "access key accepted in signatures (env DLI_EMULATOR_ACCESS_KEY)")
	sk := fs.String("secret-key", getenv("DLI_EMULATOR_SECRET_KEY"), "secret key used to verify signatures (env DLI_EMULATOR_SECRET_KEY)")
	token := fs.String("token", getenv("DLI_EMULATOR_TOKEN"), "X-Auth-Token value also accepted (env DLI_EMULATOR_TOKEN)")
	secToken := fs.String("security-token", getenv("DLI_EMULATOR_SECURITY_TOKEN"),
		"temporary credentials: X-Security-Token every signed request must carry (env DLI_EMULATOR_SECURITY_TOKEN)")
	pid := fs.String("project-id", emulator.DefaultProjectID, "project id served")
	region := fs.String("region", emulator.DefaultRegion, "region reported through IAM")
	poolDelay := fs.Duration("pool-delay", 0, "pool create and delete duration")
	scaleDelay := fs.Duration("scale-delay", 0, "pool and queue scaling duration")
	queueDelay := fs.Duration("queue-delay", 0, "queue create and delete duration")
	peeringDelay := fs.Duration("peering-delay", 0, "connection peering duration")
	deleteDelay := fs.Duration("delete-delay", 0, "connection delete duration")
	cooldown := fs.Duration("pool-delete-cooldown", 0, "how long after its creation a pool refuses to be deleted (0: off)")
	stateFile := fs.String("state-file", "", "JSON file to load at start and save after every change")
	adminAnyHost := fs.Bool("admin-any-host", false, "let non-loopback clients use the unauthenticated admin API under /_emulator/")
	if err := fs.Parse(args); err != nil {
		return "", emulator.Config{}, err
	}
	return *listen, emulator.Config{
		AccessKey: *ak, SecretKey: *sk, Token: *token, SecurityToken: *secToken,
		ProjectID: *pid, Region: *region, StateFile: *stateFile, AdminFromAnyHost: *adminAnyHost,
		Delays: emulator.Delays{
			PoolCreate: *poolDelay, PoolDelete: *poolDelay, PoolScale: *scaleDelay,
			QueueCreate: *queueDelay, QueueDelete: *queueDelay, QueueScale: *scaleDelay,
			ConnectionPeering: *peeringDelay, ConnectionDelete: *deleteDelay,
			PoolDeleteCooldown: *cooldown,
		},
	}, nil
}
