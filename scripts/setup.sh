#!/usr/bin/env bash
# Sets up everything Kloppend needs to build, serve and test, and nothing that is already there.
# Idempotent: a second run only checks versions and finishes in seconds.
#
# Two Rust routes, detected, not assumed:
#   plain   – rustup with the wasm32-unknown-unknown target installed (a developer's own machine);
#   debian  – no wasm32 target available: Debian's rustc-web/cargo-web with std built from
#             source (rust-web-src) and wasm-ld from lld-22.
# Writes .tools/env.sh, which the other scripts source.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
log() { printf '\033[1;32m[setup]\033[0m %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# --- system packages -------------------------------------------------------------------------
missing=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need_pkg chromium
need_pkg chromium-driver
need_pkg libxml2-utils
command -v python3 >/dev/null 2>&1 || need_pkg python3
command -v node >/dev/null 2>&1 || need_pkg nodejs
command -v npm >/dev/null 2>&1 || need_pkg npm
command -v cc >/dev/null 2>&1 || need_pkg gcc

route="debian"
if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
  route="plain"
fi
if [ "$route" = "debian" ]; then
  need_pkg rustc-web
  need_pkg cargo-web
  need_pkg rust-web-src
  need_pkg lld-22
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- the Rust toolchain for both native and wasm builds -------------------------------------
if [ "$route" = "debian" ]; then
  # Debian's cargo and rustc first on PATH (rustup's proxies would pick a toolchain without wasm32).
  mkdir -p "$TOOLS/debian-rust/bin"
  for tool in cargo rustc rustdoc; do ln -sf "/usr/bin/$tool" "$TOOLS/debian-rust/bin/$tool"; done
  TOOLCHAIN_PATH="$TOOLS/debian-rust/bin"
  WASM_ENV='export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22'
else
  TOOLCHAIN_PATH=""
  WASM_ENV=':'
fi
export PATH="${TOOLCHAIN_PATH:+$TOOLCHAIN_PATH:}$HOME/.cargo/bin:$PATH"
CARGO="$(command -v cargo)"
log "route: $route ($("$CARGO" --version), $(rustc --version))"

# --- cargo-installed tools, pinned -------------------------------------------------------------
wbg_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$wbg_version" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg_version" ]; then
  log "installing wasm-bindgen-cli $wbg_version (about 3 minutes)"
  "$CARGO" install -q wasm-bindgen-cli --version "=$wbg_version"
fi
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 9 minutes)"
  "$CARGO" install -q trunk --version "$TRUNK_VERSION" --locked
fi
if ! grep -q "wasm_bindgen = \"$wbg_version\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen $wbg_version" >&2
  exit 1
fi

# --- node tools: wasm-opt (binaryen) and playwright-core for the end-to-end tests -------------
NODE_DIR="$ROOT/scripts/node"
if [ ! -x "$NODE_DIR/node_modules/.bin/wasm-opt" ] || [ ! -d "$NODE_DIR/node_modules/playwright-core" ] \
  || [ "$NODE_DIR/package-lock.json" -nt "$NODE_DIR/node_modules/.package-lock.json" ]; then
  log "installing node tools (binaryen $BINARYEN_VERSION, playwright-core)"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
"$NODE_DIR/node_modules/.bin/wasm-opt" --version | grep -q "version $BINARYEN_VERSION" \
  || { echo "wasm-opt is not binaryen $BINARYEN_VERSION" >&2; exit 1; }

# --- crates, so builds can run offline -----------------------------------------------------------
"$CARGO" fetch -q

cat > "$TOOLS/env.sh" <<ENV
# Written by scripts/setup.sh ($route route). Source it; do not edit.
export KLOPPEND_ROUTE=$route
export PATH="${TOOLCHAIN_PATH:+$TOOLCHAIN_PATH:}$HOME/.cargo/bin:$NODE_DIR/node_modules/.bin:\$PATH"
# Only for wasm builds (build-std must not apply to native builds).
kloppend_wasm_env() { $WASM_ENV; }
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROMIUM=/usr/bin/chromium
ENV
log "ready"
