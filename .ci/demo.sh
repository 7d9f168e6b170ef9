#!/usr/bin/env bash
# `make demo`: the user's walkthrough (pool -> queue -> enhanced connection ->
# wait until ACTIVE) applied from examples/walkthrough with the real Terraform
# CLI, the provider built from this checkout, and the DLI emulator on a free
# loopback port. It then shows that a second plan is empty, that importing the
# three objects into an empty state gives an empty plan too, and destroys
# everything. Any failed step stops the demo with a non-zero exit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=.ci/emulator.sh
. "$root/.ci/emulator.sh"
cd "$root"
: "${TERRAFORM:?set TERRAFORM to the Terraform CLI (make demo does)}"

work=$(mktemp -d)
emulator_pid=""
trap 'stop_emulator; rm -rf "$work"' EXIT

step() { printf '\n=== %s\n' "$*"; }

step "build the provider and the emulator"
mkdir -p "$work/plugins" "$work/config"
go build -o "$work/plugins/terraform-provider-dli" .
go build -o "$work/dli-emulator" ./cmd/dli-emulator

step "start the DLI emulator"
# Delays of the same order as the real service's steps, shortened to seconds.
start_emulator "$work/dli-emulator" "$work/emulator.log" \
	-pool-delay 5s -scale-delay 3s -queue-delay 3s -peering-delay 4s -delete-delay 2s
url="$emulator_url"
echo "emulator at $url"

# Terraform uses the provider just built instead of looking in a registry.
cat >"$work/terraformrc" <<CONFIG
provider_installation {
  dev_overrides {
    "registry.terraform.io/opendli/dli" = "$work/plugins"
  }
  direct {}
}
CONFIG
cp examples/walkthrough/*.tf "$work/config/"

export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
export HW_REGION_NAME=cn-north-4 HW_ACCESS_KEY="$access_key" HW_SECRET_KEY="$secret_key"
export DLI_ENDPOINT="$url" HW_IAM_ENDPOINT="$url"
tf() { "$TERRAFORM" -chdir="$work/config" "$@"; }

step "terraform apply (pool -> queue -> connection, waits until every binding is ACTIVE)"
start=$(date +%s)
tf apply -auto-approve -input=false -no-color
echo "apply took $(($(date +%s) - start)) s"

step "outputs"
tf output -no-color
status=$(tf output -raw connection_status)
bindings=$(tf output -json binding_status)
if [ "$status" != "ACTIVE" ] || ! grep -q '"ACTIVE"' <<<"$bindings" ||
	grep -Eq '"(CREATING|FAILED)"' <<<"$bindings"; then
	echo "expected the connection and every binding ACTIVE, got status=$status bindings=$bindings" >&2
	exit 1
fi
echo "connection ACTIVE, every binding ACTIVE"

step "terraform plan after apply (expects no changes)"
tf plan -detailed-exitcode -input=false -no-color

step "import the three objects into an empty state, then plan (expects no changes)"
# The same resources without the outputs: an imported state has no output
# values yet, and a plan would otherwise count saving them as a change.
connection_id=$(tf output -raw connection_id)
mkdir "$work/imported"
cp "$work/config/main.tf" "$work/imported/"
ti() { "$TERRAFORM" -chdir="$work/imported" "$@"; }
ti import -input=false -no-color dli_elastic_resource_pool.pool elastic_pool_dli
ti import -input=false -no-color dli_queue.queue1 queue1
ti import -input=false -no-color dli_enhanced_connection.test1 "$connection_id"
ti plan -detailed-exitcode -input=false -no-color

step "terraform destroy"
tf destroy -auto-approve -input=false -no-color

step "demo passed"
