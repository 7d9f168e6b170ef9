# shellcheck shell=bash
# emulator.sh is sourced by the scripts that run the CLI against the DLI
# emulator (demo.sh, test-module-offline.sh): one way to start it.
#
# start_emulator BINARY LOG [FLAG...] starts BINARY on a free loopback port
# with throwaway keys, waits for the address line it prints and sets
# emulator_pid, emulator_url, access_key and secret_key. The caller stops it
# with stop_emulator, normally from its EXIT trap.
start_emulator() {
	local bin="$1" log="$2"
	shift 2
	access_key="TESTAK$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
	secret_key="$(od -An -N20 -tx1 /dev/urandom | tr -d ' \n')"
	# The keys go through the environment: on the command line any local
	# user could read the secret.
	DLI_EMULATOR_ACCESS_KEY="$access_key" DLI_EMULATOR_SECRET_KEY="$secret_key" \
		"$bin" -listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
	emulator_pid=$!
	emulator_url=""
	local line
	for _ in $(seq 1 200); do
		line=$(head -n 1 "$log" 2>/dev/null || true)
		case "$line" in
		"dli-emulator listening on "*)
			emulator_url=${line#dli-emulator listening on }
			return 0
			;;
		esac
		kill -0 "$emulator_pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "the emulator did not start:" >&2
	cat "$log" >&2
	return 1
}

# stop_emulator stops the emulator start_emulator started, if it still runs,
# and waits for it to shut down.
stop_emulator() {
	if [ -n "${emulator_pid:-}" ] && kill -0 "$emulator_pid" 2>/dev/null; then
		kill -TERM "$emulator_pid" && wait "$emulator_pid" || true
	fi
}
