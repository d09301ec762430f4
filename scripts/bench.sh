#!/usr/bin/env bash
# Native benchmarks with printed figures: parsing (MB/s on a generated ~33 MB 323 and its 325)
# and reconciliation (100,000 lines). Not part of the test command: speed is reported, not asserted.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
# shellcheck source=/dev/null
source "$ROOT/.tools/env.sh"
cargo bench --bench parse
cargo bench --bench reconcile
