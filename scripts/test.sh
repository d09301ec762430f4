#!/usr/bin/env bash
# Runs every test: the lint layer (rustfmt, clippy for native and wasm32, shellcheck, tidy),
# native unit and integration tests (with xmllint against the official XSDs), wasm-bindgen
# tests in headless Chromium, and end-to-end tests that drive the release build served under a
# sub-path. Sets up whatever is missing first (scripts/setup.sh test).
# Prints one summary line per layer and a total; exits non-zero when anything fails.
set -uo pipefail
KLOPPEND_SCRIPT="test"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/setup.sh" test || exit 1
load_env
shared_dir
run_start="$(now)"

status=0
summaries=()
section() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

# A layer's summary line. A layer that failed without a failing test (it did not build, or the
# runner broke) counts as one failure, so the summary never reads "0 failed" for a red layer.
layer_summary() { # <log> <exit status>
  grep -E '^test result:' "$1" | awk -v rc="$2" '{p+=$4; f+=$6} END {if (rc != 0 && f == 0) f = 1; printf "%d passed, %d failed", p, f}'
}

# 0. Lint: each check is one test; the tidy tests count one each.
section "lint (rustfmt, clippy native + wasm32, shellcheck, tidy)"
lint_pass=0
lint_fail=0
lint() { # <name> <command...>
  local name="$1"
  shift
  if timed "lint: $name" "$@"; then lint_pass=$((lint_pass + 1)); else lint_fail=$((lint_fail + 1)); status=1; fi
}
# shellcheck disable=SC2317 # called through `lint`
clippy_wasm() { (kloppend_wasm_env && cargo clippy -q --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings); }
lint "cargo fmt --check" cargo fmt --all -- --check
lint "clippy (native)" cargo clippy -q --workspace --all-targets -- -D warnings
lint "clippy (wasm32)" clippy_wasm
lint "shellcheck" shellcheck -x scripts/*.sh .ci/run
cargo test -q --test tidy 2>&1 | tee .tools/tidy.log
rc=${PIPESTATUS[0]}
[ "$rc" -eq 0 ] || status=1
tidy="$(layer_summary .tools/tidy.log "$rc")"
lint_pass=$((lint_pass + ${tidy%% passed*}))
tidy_fail="${tidy#*, }"
lint_fail=$((lint_fail + ${tidy_fail%% failed*}))
summaries+=("lint: $lint_pass passed, $lint_fail failed")

# 1. Native: the domain core (unit, integration, property, fuzz and xmllint tests). The tidy
#    tests were counted in the lint layer.
section "native tests"
cargo test --workspace --no-fail-fast -- --skip tidy_ 2>&1 | tee .tools/native.log
rc=${PIPESTATUS[0]}
[ "$rc" -eq 0 ] || status=1
summaries+=("native: $(layer_summary .tools/native.log "$rc")")

# 2. wasm-bindgen tests in headless Chromium (the core as WebAssembly, IndexedDB, screens).
section "browser tests (wasm-bindgen-test, headless Chromium)"
(
  kloppend_wasm_env
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/browser/webdriver.json"
  export WASM_BINDGEN_TEST_TIMEOUT=180
  cargo test --target wasm32-unknown-unknown --test browser
) 2>&1 | tee .tools/browser.log
rc=${PIPESTATUS[0]}
[ "$rc" -eq 0 ] || status=1
summaries+=("browser: $(layer_summary .tools/browser.log "$rc")")

# 3. End-to-end: the release build, as users get it.
section "release build (trunk)"
if (kloppend_wasm_env && timed "release build" trunk build --release); then
  section "end-to-end tests (playwright-core, headless Chromium)"
  # One test file at a time: they start their own browsers, and the speed figure stays honest.
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/ 2>&1 | tee .tools/e2e.log
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || status=1
  pass=$(sed -n 's/.*ℹ pass \([0-9]*\).*/\1/p' .tools/e2e.log | tail -1)
  fail=$(sed -n 's/.*ℹ fail \([0-9]*\).*/\1/p' .tools/e2e.log | tail -1)
  if [ "$rc" -ne 0 ] && [ "${fail:-0}" -eq 0 ]; then fail=1; fi
  summaries+=("e2e: ${pass:-0} passed, ${fail:-1} failed")
else
  status=1
  summaries+=("e2e: 0 passed, 1 failed (release build failed)")
fi

section "summary"
for line in "${summaries[@]}"; do echo "$line"; done
total=$(printf '%s\n' "${summaries[@]}" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' | awk '{p+=$1; f+=$2} END {printf "%d passed, %d failed", p, f}')
echo "total: $total"
log "tests took $(elapsed "$run_start") s (set-up not included)"
exit $status
