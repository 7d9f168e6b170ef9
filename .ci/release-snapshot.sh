#!/usr/bin/env bash
# release-snapshot.sh builds the release exactly as a tagged release would be
# built, but unsigned and unpublished (GoReleaser's snapshot mode), into
# dist/, and then checks what the Terraform and OpenTofu registries need:
# one zip per OS and architecture, each holding only the provider binary
# named terraform-provider-dli_vVERSION, and a SHA256SUMS file that covers
# every zip and the registry manifest. Next to them, the dli-emulator
# archives (tar.gz, zip on Windows) that users run to test modules offline.
#
# Usage: .ci/release-snapshot.sh GORELEASER
set -euo pipefail

goreleaser="$1"
project=terraform-provider-dli
# Every pair .goreleaser.yml builds. Go 1.26 has no windows/arm, and
# darwin has neither 386 nor arm.
targets=(
	darwin_amd64 darwin_arm64
	freebsd_386 freebsd_amd64 freebsd_arm freebsd_arm64
	linux_386 linux_amd64 linux_arm linux_arm64
	windows_386 windows_amd64 windows_arm64
)
# Every pair the dli-emulator build has.
emulator_targets=(
	darwin_amd64 darwin_arm64
	linux_amd64 linux_arm64
	windows_amd64 windows_arm64
)

fail() {
	printf 'release-snapshot: %s\n' "$*" >&2
	exit 1
}

"${goreleaser}" check
"${goreleaser}" release --snapshot --clean --skip=sign

version="$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' dist/metadata.json | head -n 1)"
[ -n "${version}" ] || fail "no version in dist/metadata.json"

sums="dist/${project}_${version}_SHA256SUMS"
[ -f "${sums}" ] || fail "missing ${sums}"
# The manifest is attached to the release under this name (a snapshot does
# not copy it into dist/), and the signed checksums must vouch for it.
manifest="${project}_${version}_manifest.json"
want="$(sha256sum <terraform-registry-manifest.json | cut -d' ' -f1)"
grep -q "^${want}  ${manifest}\$" "${sums}" ||
	fail "${sums} does not cover terraform-registry-manifest.json as ${manifest}"

zips=0
for t in "${targets[@]}"; do
	zip="${project}_${version}_${t}.zip"
	[ -f "dist/${zip}" ] || fail "missing dist/${zip}"
	grep -q "  ${zip}\$" "${sums}" || fail "${sums} does not cover ${zip}"
	binary="${project}_v${version}"
	case "${t}" in windows_*) binary="${binary}.exe" ;; esac
	listing="$(unzip -Z1 "dist/${zip}")"
	[ "${listing}" = "${binary}" ] || fail "dist/${zip} holds '${listing}', want only ${binary}"
	zips=$((zips + 1))
done
extra="$(find dist -maxdepth 1 -name "${project}_*.zip" | wc -l)"
[ "${extra}" -eq "${zips}" ] || fail "dist holds ${extra} zips, want ${zips}"
(cd dist && grep '\.zip$' "$(basename "${sums}")" | sha256sum --check --quiet -) || fail "checksums do not match the zips"

emulators=0
for t in "${emulator_targets[@]}"; do
	archive="dli-emulator_${version}_${t}.tar.gz"
	binary=dli-emulator
	case "${t}" in windows_*) archive="dli-emulator_${version}_${t}.zip" binary=dli-emulator.exe ;; esac
	[ -f "dist/${archive}" ] || fail "missing dist/${archive}"
	grep -q "  ${archive}\$" "${sums}" || fail "${sums} does not cover ${archive}"
	case "${archive}" in
	*.zip) listing="$(unzip -Z1 "dist/${archive}")" ;;
	*) listing="$(tar -tzf "dist/${archive}")" ;;
	esac
	[ "${listing}" = "${binary}" ] || fail "dist/${archive} holds '${listing}', want only ${binary}"
	emulators=$((emulators + 1))
done

# The version reaches the binary (and so the User-Agent) through -ldflags:
# the build for this machine, if it is one of the targets, must report it.
host="$(go env GOOS)_$(go env GOARCH)"
if [ -f "dist/${project}_${version}_${host}.zip" ]; then
	rm -rf dist/check
	unzip -q "dist/${project}_${version}_${host}.zip" -d dist/check
	got="$("dist/check/${project}_v${version}" -version)"
	[ "${got}" = "${project} ${version}" ] || fail "the ${host} binary reports '${got}', want '${project} ${version}'"
	rm -rf dist/check
fi

printf 'release-snapshot: ok: %d provider zips, %d dli-emulator archives, manifest and checksums for version %s in dist/\n' \
	"${zips}" "${emulators}" "${version}"
