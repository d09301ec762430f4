#!/usr/bin/env bash
# The long fuzz run, outside CI: every reader of user files (323/325 messages, settlement
# CSVs, ZIPs, plain and sealed back-ups) fed mutated inputs, at opt-level 3, until the given
# number of inputs (default 10 million) has been read without a panic. Prints the count per
# reader and the total. Usage: scripts/fuzz.sh [inputs]
set -euo pipefail
KLOPPEND_SCRIPT="fuzz"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/setup.sh" serve
load_env
shared_dir
inputs="${1:-10000000}"
# The message test reads one input per iteration; the other test reads four (a CSV, a ZIP,
# a sealed and a plain back-up) per three iterations: 7 inputs per 3 iterations, so a multiple
# of 3 iterations reaches the count exactly or just beyond it.
export KLOPPEND_FUZZ_ITERATIONS=$(( 3 * ((inputs + 6) / 7) ))
export PROPTEST_CASES=20000
started="$(now)"
cargo test --profile bench --test fuzz_read -- --nocapture --test-threads=2 2>&1 | tee "$ROOT/.tools/fuzz.log"
read_total=$(sed -n 's/^fuzz: \([0-9]*\) inputs.*/\1/p' "$ROOT/.tools/fuzz.log" | awk '{s+=$1} END {print s+0}')
log "fuzz: $read_total inputs read without a panic in $(elapsed "$started") s"
[ "$read_total" -ge "$inputs" ] || die "fewer inputs than asked for ($read_total < $inputs)"
