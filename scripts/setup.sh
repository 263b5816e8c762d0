#!/usr/bin/env bash
# Installs whatever the console needs to build, run and test, each piece only when missing:
# the wasm target, cargo-leptos, the wasm-bindgen CLI matching Cargo.lock, wasm-opt and
# Playwright (npm), and Debian's Chromium with its driver. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos must not download tools at build time; every tool it calls comes from here.
if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos 0.3.10" ]; then
  say "installing cargo-leptos 0.3.10 (takes about 15 minutes, once)"
  cargo install cargo-leptos@0.3.10 --locked --features no_downloads
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version (matches Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing Debian's chromium and chromium-driver"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium chromium-driver
fi

# wasm-opt (binaryen) and Playwright come from npm; the lock file pins them.
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
  || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing npm packages for wasm-opt and Playwright"
  (cd end2end && npm ci --no-audit --no-fund)
fi
