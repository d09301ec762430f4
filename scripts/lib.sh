# shellcheck shell=bash
# The prelude every script sources: where the checkout is, how to log, how to time a step, and
# the environment that scripts/setup.sh wrote. Sourcing it has no side effects but `cd "$ROOT"`.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
cd "$ROOT" || exit 1

log() { printf '\033[1;32m[%s]\033[0m %s\n' "${KLOPPEND_SCRIPT:-kloppend}" "$*" >&2; }
die() { printf '\033[1;31m[%s]\033[0m %s\n' "${KLOPPEND_SCRIPT:-kloppend}" "$*" >&2; exit 1; }

# Seconds since the epoch with a fraction, for step timings.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# `timed NAME CMD...` runs CMD and prints how long it took, so set-up time per step is visible.
timed() {
  local name="$1" start rc
  shift
  start="$(now)"
  rc=0
  "$@" || rc=$?
  log "$name: $(elapsed "$start") s$([ "$rc" -eq 0 ] || echo " (failed, exit $rc)")"
  return "$rc"
}

# Sources the environment written by setup.sh (PATH, the wasm build environment).
load_env() {
  [ -f "$TOOLS/env.sh" ] || die "run scripts/setup.sh first"
  # shellcheck source=/dev/null
  source "$TOOLS/env.sh"
}

# The istandaarden XSDs and examples live beside the checkout.
shared_dir() {
  export KLOPPEND_SHARED="${KLOPPEND_SHARED:-$ROOT/../shared}"
  [ -d "$KLOPPEND_SHARED/istandaarden" ] || die "../shared is missing (set KLOPPEND_SHARED)"
}
