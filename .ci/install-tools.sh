#!/usr/bin/env bash
# install-tools.sh builds the command-line tools the tests and linters need
# (Terraform, OpenTofu, golangci-lint, tfplugindocs) from source through the
# Go module proxy and keeps them in a cache outside the repository, so a
# second run costs nothing. No prebuilt binaries are downloaded: the Go
# module proxy is the only network source.
#
# Usage: .ci/install-tools.sh [terraform|terraform18|tofu|golangci-lint|tfplugindocs|goreleaser]...
# With no arguments every tool the tests need is installed; goreleaser, which
# only `make release-snapshot` uses, is built when asked for by name. The cache directory is
# DLI_TOOLS_CACHE (default: $HOME/.cache/terraform-provider-dli).
#
# Each tool lives in bin/<name>-<version>/, so bumping a version never reuses
# an old binary. A tool is skipped when its binary exists and answers
# --version. Builds write into a temporary directory next to the final one
# and are renamed into place, so an interrupted build never leaves a broken
# binary behind. A per-tool lock stops two concurrent runs from building the
# same tool twice.
set -euo pipefail

TF_VERSION="${TF_VERSION:-1.5.7}"
# A second Terraform for what 1.5 cannot do: `moved` blocks across resource
# types (huaweicloud_dli_* to dli_*) need 1.8. 1.8.5 is the newest Terraform
# whose module still builds with `go install`.
TF18_VERSION="${TF18_VERSION:-1.8.5}"
TOFU_VERSION="${TOFU_VERSION:-1.12.6}"
GOLANGCI_LINT_VERSION="${GOLANGCI_LINT_VERSION:-2.15.0}"
TFPLUGINDOCS_VERSION="${TFPLUGINDOCS_VERSION:-0.25.0}"
GORELEASER_VERSION="${GORELEASER_VERSION:-2.15.1}"

CACHE="${DLI_TOOLS_CACHE:-${HOME}/.cache/terraform-provider-dli}"
BIN="${CACHE}/bin"

# Tools are built as standalone programs: never inside this repository's
# module or a workspace, and never with a caller's -mod=vendor or similar.
export GOWORK=off
export GOFLAGS=-buildvcs=false
export GO111MODULE=on
# A newer Go toolchain, if a tool needs one, also comes from the module proxy.
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
export CHECKPOINT_DISABLE=1

log() { printf 'install-tools: %s\n' "$*" >&2; }

# works reports whether the binary exists and runs.
works() {
	[ -x "$1" ] && "$1" --version >/dev/null 2>&1
}

# with_lock runs the remaining arguments while holding the lock for tool $1.
with_lock() {
	local name="$1"
	shift
	if command -v flock >/dev/null 2>&1; then
		(
			flock 9
			"$@"
		) 9>"${BIN}/.${name}.lock"
	else
		"$@"
	fi
}

# build_into runs a build command ($3...) that must leave the binary named $2
# in the directory given by the OUT variable, then moves that binary to $1.
build_into() {
	local dest="$1" name="$2"
	shift 2
	local dir tmp start
	dir="$(dirname "${dest}")"
	mkdir -p "${dir}"
	tmp="$(mktemp -d "${BIN}/.tmp-${name}.XXXXXX")"
	# An interrupted or failed build leaves nothing behind. The build runs in
	# the background so that a signal is handled at once (bash would wait
	# for a foreground child first): the traps stop the build, and exiting
	# from them runs the EXIT trap, which removes the temporary directory.
	# shellcheck disable=SC2064 # expand tmp now: it is local to this call.
	trap "rm -rf '${tmp}'" EXIT
	start=$(date +%s)
	OUT="${tmp}" "$@" &
	local child=$!
	# shellcheck disable=SC2064 # expand child now.
	trap "kill ${child} 2>/dev/null; wait ${child}; exit 130" INT
	# shellcheck disable=SC2064
	trap "kill ${child} 2>/dev/null; wait ${child}; exit 143" TERM
	wait "${child}"
	"${tmp}/${name}" --version >/dev/null 2>&1
	mv -f "${tmp}/${name}" "${dest}"
	rm -rf "${tmp}"
	trap - EXIT INT TERM
	log "built ${dest} in $(($(date +%s) - start))s"
}

# The build functions run as build_into's background job and end with exec,
# so the job's process is the go command itself and a kill reaches it.
go_install() { # go_install <package@version>, into OUT
	GOBIN="${OUT}" exec go install "$1"
}

# OpenTofu's go.mod carries replace directives, which `go install pkg@v`
# refuses, so its module is fetched and built in place; -o keeps the
# read-only module directory untouched. dev=no drops the "-dev" suffix that
# source builds otherwise report, as release builds do.
build_tofu() {
	local moddir
	moddir="$(cd "${BIN}" && go mod download -json "github.com/opentofu/opentofu@v${TOFU_VERSION}" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
	if [ -z "${moddir}" ] || [ ! -d "${moddir}" ]; then
		log "could not download github.com/opentofu/opentofu@v${TOFU_VERSION}"
		return 1
	fi
	cd "${moddir}"
	exec go build -trimpath \
		-ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
		-o "${OUT}/tofu" ./cmd/tofu
}

install_one() {
	local name="$1" dest
	case "${name}" in
	terraform)
		dest="${BIN}/tf-${TF_VERSION}/terraform"
		works "${dest}" || with_lock "${name}" install_terraform "${dest}"
		;;
	terraform18)
		dest="${BIN}/tf-${TF18_VERSION}/terraform"
		works "${dest}" || with_lock "${name}" install_terraform18 "${dest}"
		;;
	tofu)
		dest="${BIN}/tofu-${TOFU_VERSION}/tofu"
		works "${dest}" || with_lock "${name}" install_tofu "${dest}"
		;;
	golangci-lint)
		dest="${BIN}/golangci-lint-${GOLANGCI_LINT_VERSION}/golangci-lint"
		works "${dest}" || with_lock "${name}" install_golangci_lint "${dest}"
		;;
	tfplugindocs)
		dest="${BIN}/tfplugindocs-${TFPLUGINDOCS_VERSION}/tfplugindocs"
		works "${dest}" || with_lock "${name}" install_tfplugindocs "${dest}"
		;;
	goreleaser)
		dest="${BIN}/goreleaser-${GORELEASER_VERSION}/goreleaser"
		works "${dest}" || with_lock "${name}" install_goreleaser "${dest}"
		;;
	*)
		log "unknown tool ${name} (known: terraform terraform18 tofu golangci-lint tfplugindocs goreleaser)"
		return 2
		;;
	esac
	log "ok ${dest}"
}

# The install_* functions check again under the lock: another run may have
# finished the same build while this one waited.
install_terraform() {
	works "$1" && return 0
	log "building Terraform ${TF_VERSION} from source (about 3-5 minutes, once)"
	build_into "$1" terraform go_install "github.com/hashicorp/terraform@v${TF_VERSION}"
}

install_terraform18() {
	works "$1" && return 0
	log "building Terraform ${TF18_VERSION} from source (about 4-6 minutes, once)"
	build_into "$1" terraform go_install "github.com/hashicorp/terraform@v${TF18_VERSION}"
}

install_tofu() {
	works "$1" && return 0
	log "building OpenTofu ${TOFU_VERSION} from source (about 10-13 minutes, once)"
	build_into "$1" tofu build_tofu
}

install_golangci_lint() {
	works "$1" && return 0
	log "building golangci-lint ${GOLANGCI_LINT_VERSION} from source (a few minutes, once)"
	build_into "$1" golangci-lint go_install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v${GOLANGCI_LINT_VERSION}"
}

install_tfplugindocs() {
	works "$1" && return 0
	log "building tfplugindocs ${TFPLUGINDOCS_VERSION} from source"
	build_into "$1" tfplugindocs go_install "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs@v${TFPLUGINDOCS_VERSION}"
}

install_goreleaser() {
	works "$1" && return 0
	log "building GoReleaser ${GORELEASER_VERSION} from source (about 4-5 minutes, once)"
	build_into "$1" goreleaser go_install "github.com/goreleaser/goreleaser/v2@v${GORELEASER_VERSION}"
}

main() {
	mkdir -p "${BIN}"
	# Terraform and OpenTofu read this CLI configuration in tests instead of
	# whatever the environment points at: it must exist (OpenTofu warns
	# about a missing file, and the warning breaks version parsing in
	# terraform-plugin-testing) and it is empty on purpose.
	[ -f "${CACHE}/terraformrc" ] || : >"${CACHE}/terraformrc"
	export TF_CLI_CONFIG_FILE="${CACHE}/terraformrc"

	local tools=("$@")
	if [ "${#tools[@]}" -eq 0 ]; then
		tools=(terraform terraform18 tofu golangci-lint tfplugindocs)
	fi
	local t
	for t in "${tools[@]}"; do
		install_one "${t}"
	done
}

main "$@"
