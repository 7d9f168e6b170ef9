#!/usr/bin/env bash
# test-module-offline.sh runs `tofu test` on the example module
# examples/modules/dli-pipeline against the DLI emulator: the recipe of the
# guide "Testing modules offline", end to end. Nothing leaves the machine:
# the provider is the local build (a development override), the emulator
# listens on loopback, and the module needs no other provider.
#
# Usage: TOFU=/path/to/tofu .ci/test-module-offline.sh [module dir]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=.ci/emulator.sh
. "$root/.ci/emulator.sh"
cd "$root"
: "${TOFU:?set TOFU to the OpenTofu CLI (make test-module-offline does)}"
module="${1:-examples/modules/dli-pipeline}"

work=$(mktemp -d)
emulator_pid=""
trap 'stop_emulator; rm -rf "$work"' EXIT

mkdir -p "$work/plugins" "$work/module"
go build -o "$work/plugins/terraform-provider-dli" .
go build -o "$work/dli-emulator" ./cmd/dli-emulator

start_emulator "$work/dli-emulator" "$work/emulator.log"
url="$emulator_url"

# The module's own directory stays clean: tofu writes .terraform and the
# lock file into a copy.
cp -R "$module/." "$work/module/"
cat >"$work/tofurc" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.opentofu.org/opendli/dli" = "$work/plugins"
  }
  direct {}
}
CONFIG

export TF_CLI_CONFIG_FILE="$work/tofurc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
export HW_REGION_NAME=cn-north-4 HW_ACCESS_KEY="$access_key" HW_SECRET_KEY="$secret_key"
export DLI_ENDPOINT="$url" HW_IAM_ENDPOINT="$url"
start=$(date +%s)
# No `tofu init`: with the provider overridden and no other provider or
# module to fetch there is nothing to install, and init would still ask the
# registry for the overridden provider.
"$TOFU" -chdir="$work/module" test -no-color
echo "test-module-offline: $module passed with $("$TOFU" version | head -n 1) in $(($(date +%s) - start)) s"
