#!/usr/bin/env bash
# Sets up whatever is missing, builds the release app and serves it at http://127.0.0.1:8080.
# The demo data is one click away on the start page ("Demo laden").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
# shellcheck source=/dev/null
source "$ROOT/.tools/env.sh"
kloppend_wasm_env
echo "Kloppend: http://127.0.0.1:8080/  (stoppen met Ctrl+C)"
exec trunk serve --release --address 127.0.0.1 --port 8080 --no-autoreload
