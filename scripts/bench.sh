#!/usr/bin/env bash
# Native benchmarks with printed figures: parsing (MB/s on a generated ~33 MB 323 and its 325)
# and reconciliation (100,000 lines). Not part of the test command: speed is reported, not asserted.
set -euo pipefail
KLOPPEND_SCRIPT="bench"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/setup.sh" serve
load_env
cargo bench --bench parse
cargo bench --bench reconcile
