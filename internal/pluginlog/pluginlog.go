// Package pluginlog keeps the provider from formatting log lines that nobody
// reads. terraform-plugin-log logs at TRACE unless told otherwise, so every
// gRPC call of the framework writes several JSON lines to the provider's
// stderr, which Terraform then parses, only to drop them: Terraform (and
// OpenTofu) keep provider logs only when TF_LOG or TF_LOG_PROVIDER is set. `make
// bench` measured this as about half of both the provider's and Terraform's
// CPU time when applying 111 resources.
package pluginlog

import "os"

// collectorVars are the variables with which Terraform and OpenTofu decide to
// keep provider logs: TF_LOG_PROVIDER, or else TF_LOG.
var collectorVars = []string{"TF_LOG", "TF_LOG_PROVIDER"}

// levelVars set the levels of the provider's loggers: the SDK's root logger
// and its framework and protocol subsystems, and the provider's own logger
// (named after the provider type).
var levelVars = []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO", "TF_LOG_PROVIDER_DLI"}

// QuietWhenUncollected turns the provider's loggers off when the environment
// shows that Terraform discards provider logs. A level the user set
// explicitly is left alone, and nothing changes when logs are collected. It
// must run before the provider server starts, which reads the levels once.
func QuietWhenUncollected(lookup func(string) (string, bool), set func(key, value string) error) error {
	for _, k := range collectorVars {
		if v, _ := lookup(k); v != "" {
			return nil
		}
	}
	for _, k := range levelVars {
		if _, isSet := lookup(k); isSet {
			continue
		}
		if err := set(k, "OFF"); err != nil {
			return err
		}
	}
	return nil
}

// Apply is QuietWhenUncollected on the process environment.
func Apply() error { return QuietWhenUncollected(os.LookupEnv, os.Setenv) }
