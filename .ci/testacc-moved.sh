#!/usr/bin/env bash
# testacc-moved.sh runs the acceptance tests of the migration packages (moved
# blocks from huaweicloud_dli_* to dli_*, and removed + import blocks) with the
# CLI in TF_ACC_TERRAFORM_PATH, and fails when any of them skipped or when no
# TestAccMigration_moved test passed. The moved tests skip themselves on CLIs that cannot
# move state across resource types (Terraform 1.5); on the CLI this target is
# for, a skip would mean the cross-provider move went untested while the run
# still looked green.
#
# Usage: .ci/testacc-moved.sh PACKAGE... (with TF_ACC and the CLI set, as make does)
set -euo pipefail

[ "$#" -gt 0 ] || {
	echo "testacc-moved: no package holds a TestAccMigration_moved test" >&2
	exit 1
}
log="$(mktemp)"
trap 'rm -f "${log}"' EXIT

# pipefail (set above) makes a failing go test fail the pipeline, not tee.
go test -count=1 -v -timeout "${ACC_TIMEOUT:-30m}" -run 'TestAcc' "$@" 2>&1 | tee "${log}"

if grep -E -- '--- SKIP' "${log}"; then
	echo "testacc-moved: the tests above skipped on $("${TF_ACC_TERRAFORM_PATH}" version | head -n 1); they must run here" >&2
	exit 1
fi
passed="$(grep -cE -- '--- PASS: TestAccMigration_moved' "${log}" || true)"
[ "${passed}" -gt 0 ] || {
	echo "testacc-moved: no TestAccMigration_moved test ran" >&2
	exit 1
}
echo "testacc-moved: ${passed} TestAccMigration_moved tests ran and passed, none skipped"
