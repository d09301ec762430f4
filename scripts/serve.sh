#!/usr/bin/env bash
# Sets up what serving needs (only that), builds the release app and serves it at
# http://127.0.0.1:8080. The demo data is one click away on the start page ("Demo laden").
set -euo pipefail
KLOPPEND_SCRIPT="serve"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/setup.sh" serve
load_env
kloppend_wasm_env
log "Kloppend: http://127.0.0.1:8080/  (stoppen met Ctrl+C)"
exec trunk serve --release --address 127.0.0.1 --port 8080 --no-autoreload
