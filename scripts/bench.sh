#!/usr/bin/env bash
# Benchmarks with printed figures, outside the test command (speed is reported, not asserted):
#  - native: parsing (MB/s on a generated ~33 MB 323 and its 325), reconciliation (100,000 lines),
#    the export, and what a start-up computes at 100,000 and 1,000,000 lines with its growth per line;
#  - in the browser, on the release build: the storage benchmark at 1,000,000 lines (store,
#    reopen, reopen without the model cache, long tasks; CI runs it at 100,000), and the
#    findings flood, a 323 without any ProductTarief at 26,000 lines (24.5 MB, as in CI) and
#    at 33,000 (31 MB).
# Usage: scripts/bench.sh [lines for the storage benchmark]
set -euo pipefail
KLOPPEND_SCRIPT="bench"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/setup.sh" test
load_env
shared_dir
cargo bench --bench parse
cargo bench --bench reconcile
cargo bench --bench export
cargo bench --bench startup
(kloppend_wasm_env && trunk build --release)
KLOPPEND_BENCH_LINES="${1:-1000000}" node --test --test-concurrency=1 tests/e2e/storage-bench.test.mjs
node --test --test-concurrency=1 tests/e2e/findings-bench.test.mjs
KLOPPEND_BENCH_FLOOD_LINES=33000 node --test --test-concurrency=1 tests/e2e/findings-bench.test.mjs
