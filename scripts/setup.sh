#!/usr/bin/env bash
# Sets up what Kloppend needs, and nothing that is already there.
#
#   scripts/setup.sh serve   what building and serving the app needs
#   scripts/setup.sh test    that, plus the test-only tools (Chromium, chromedriver, xmllint, pdftotext,
#                            LibreOffice Calc, playwright-core, clippy, rustfmt, shellcheck)
#
# Idempotent: a second run only checks versions and finishes in seconds. Independent installs
# (Debian packages, the two cargo-installed tools, npm) run side by side, and every step prints
# how long it took.
#
# Two Rust routes, detected, not assumed:
#   plain   - rustup with the wasm32-unknown-unknown target installed (a developer's own machine);
#   debian  - no wasm32 target available: Debian's rustc-web/cargo-web with std built from
#             source (rust-web-src) and wasm-ld from lld-22.
# Writes .tools/env.sh, which the other scripts source.
set -euo pipefail
KLOPPEND_SCRIPT="setup"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode="${1:-test}"
case "$mode" in serve | test) ;; *) die "usage: scripts/setup.sh [serve|test]" ;; esac
mkdir -p "$TOOLS/logs"
setup_start="$(now)"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# --- what is missing --------------------------------------------------------------------------
route="debian"
if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
  route="plain"
fi

missing=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
command -v python3 >/dev/null 2>&1 || need_pkg python3
command -v node >/dev/null 2>&1 || need_pkg nodejs
command -v npm >/dev/null 2>&1 || need_pkg npm
command -v cc >/dev/null 2>&1 || need_pkg gcc
if [ "$route" = "debian" ]; then
  for pkg in rustc-web cargo-web rust-web-src lld-22; do need_pkg "$pkg"; done
fi
if [ "$mode" = "test" ]; then
  for pkg in chromium chromium-driver libxml2-utils shellcheck poppler-utils libreoffice-calc-nogui; do need_pkg "$pkg"; done
  if [ "$route" = "debian" ]; then
    need_pkg rust-web-clippy
    need_pkg rustfmt-web
  fi
fi

wbg_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$wbg_version" ] || die "wasm-bindgen not found in Cargo.lock"
grep -q "wasm_bindgen = \"$wbg_version\"" Trunk.toml \
  || die "Trunk.toml [tools] wasm_bindgen must equal Cargo.lock's wasm-bindgen $wbg_version"

cargo_tools=()
[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$wbg_version" ] || cargo_tools+=(wasm-bindgen)
[ "$(trunk --version 2>/dev/null | awk '{print $2}')" = "$TRUNK_VERSION" ] || cargo_tools+=(trunk)

NODE_DIR="$ROOT/scripts/node"
node_stamp="$NODE_DIR/node_modules/.package-lock.json"
need_npm=0
if [ ! -f "$node_stamp" ] || [ "$NODE_DIR/package-lock.json" -nt "$node_stamp" ]; then need_npm=1; fi
[ -d "$NODE_DIR/node_modules/playwright-core" ] || need_npm=1

# Crates are fetched once per Cargo.lock and route, so builds can run offline afterwards
# (Trunk passes --offline to cargo).
lock_sum="$route-$(sha256sum Cargo.lock | cut -c1-16)"
need_fetch=0
[ "$(cat "$TOOLS/fetched" 2>/dev/null)" = "$lock_sum" ] || need_fetch=1

# --- the installs, side by side -----------------------------------------------------------------
apt_install() {
  $SUDO apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Host tools do not need a release build's fat LTO and single codegen unit (trunk's own
# profile asks for both, which is most of its 9-12 minutes): the config overrides the manifest.
# Trunk mostly waits for cargo and copies files, so it is not optimised at all (5.5 min instead
# of 9-12 here); wasm-bindgen rewrites the 2 MB wasm on every build, so it keeps opt-level 1.
cargo_install() { # <tool>
  local opt=1
  [ "$1" = trunk ] && opt=0
  local -x CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_INCREMENTAL=0
  case "$1" in
    # Trunk without its default features: no TLS stack and no update check (Kloppend builds
    # offline and serves on loopback; Trunk.toml sets offline = true).
    trunk) cargo install -q trunk --version "=$TRUNK_VERSION" --locked --no-default-features ;;
    # Not --locked: its published lock file names a webpki-roots release the index no longer has.
    wasm-bindgen) cargo install -q wasm-bindgen-cli --version "=$wbg_version" ;;
  esac
}

# wasm-opt and playwright-core come together: playwright-core is a few megabytes of JavaScript
# without a browser, and one lock file keeps both pinned.
npm_install() { (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error); }

# With build-std, std's own dependencies (dlmalloc, …) are crates too: fetch them with the
# wasm environment, or an offline wasm build cannot find them.
cargo_fetch() {
  cargo fetch -q && (kloppend_wasm_env && cargo fetch -q --target wasm32-unknown-unknown) && echo "$lock_sum" >"$TOOLS/fetched"
}

pids=()
names=()
logged() { # <file> <command...>
  local file="$1"
  shift
  "$@" >"$file" 2>&1
}
start_job() { # <name> <function>: runs in the background, output to .tools/logs/<name>.log
  local name="$1"
  shift
  log "starting: $name"
  # The step's output goes to its log; its timing line to the terminal, like the other steps.
  (timed "$name" logged "$TOOLS/logs/$name.log" "$@") &
  pids+=("$!")
  names+=("$name")
}
wait_jobs() {
  local i failed=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      log "${names[$i]} failed; its output:"
      tail -n 40 "$TOOLS/logs/${names[$i]}.log" >&2
      failed=1
    fi
  done
  pids=()
  names=()
  return "$failed"
}

export PATH="$HOME/.cargo/bin:$PATH"
[ "${#missing[@]}" -eq 0 ] || log "Debian packages to install: ${missing[*]}"
[ "${#cargo_tools[@]}" -eq 0 ] || log "cargo tools to build: ${cargo_tools[*]} (wasm-bindgen-cli $wbg_version, trunk $TRUNK_VERSION)"

# A cargo that is already there (rustup's) builds the host tools while apt works; without one,
# Debian's cargo-web comes first.
have_cargo=0
command -v cargo >/dev/null 2>&1 && have_cargo=1
[ "${#missing[@]}" -eq 0 ] || start_job apt apt_install
if [ "$have_cargo" -eq 0 ]; then
  wait_jobs || die "installing Debian packages failed"
fi
for tool in "${cargo_tools[@]}"; do start_job "cargo-install-$tool" cargo_install "$tool"; done
[ "$need_npm" -eq 0 ] || start_job npm npm_install
wait_jobs || die "set-up failed (logs in .tools/logs/)"

# --- the Rust toolchain for both native and wasm builds ---------------------------------------
if [ "$route" = "debian" ]; then
  # Debian's toolchain first on PATH (rustup's proxies would pick a toolchain without wasm32).
  mkdir -p "$TOOLS/debian-rust/bin"
  for tool in cargo rustc rustdoc cargo-clippy clippy-driver rustfmt cargo-fmt; do
    if [ -x "/usr/bin/$tool" ]; then ln -sf "/usr/bin/$tool" "$TOOLS/debian-rust/bin/$tool"; fi
  done
  TOOLCHAIN_PATH="$TOOLS/debian-rust/bin"
  WASM_ENV='export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22'
else
  TOOLCHAIN_PATH=""
  WASM_ENV=':'
fi

"$NODE_DIR/node_modules/.bin/wasm-opt" --version | grep -q "version $BINARYEN_VERSION" \
  || die "wasm-opt is not binaryen $BINARYEN_VERSION"

cat >"$TOOLS/env.sh" <<ENV
# Written by scripts/setup.sh ($route route, $mode). Source it; do not edit.
export KLOPPEND_ROUTE=$route
export PATH="${TOOLCHAIN_PATH:+$TOOLCHAIN_PATH:}$HOME/.cargo/bin:$NODE_DIR/node_modules/.bin:\$PATH"
# Only for wasm builds (build-std must not apply to native builds).
kloppend_wasm_env() { $WASM_ENV; }
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROMIUM=/usr/bin/chromium
ENV
# The fetch needs the route's own cargo and wasm environment, so it comes last (seconds).
if [ "$need_fetch" -eq 1 ]; then
  # shellcheck source=/dev/null
  source "$TOOLS/env.sh"
  timed cargo-fetch cargo_fetch || die "fetching crates failed"
fi
log "ready for $mode ($route route) in $(elapsed "$setup_start") s"
