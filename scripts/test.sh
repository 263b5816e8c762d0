#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test of the console:
#   1. unit tests, and integration tests that speak real HTTP to the built-in ZPA emulator;
#   2. wasm-bindgen tests of the browser code, in headless Chromium;
#   3. the release build, and Playwright journeys in Chromium against it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

step() { printf '\n==> %s\n' "$*"; }

step "unit and integration tests"
# One test at a time: see the note at the top of tests/server_functions.rs.
cargo test --features ssr -- --test-threads=1

step "browser tests of the wasm code (headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --no-default-features --features hydrate --test browser

step "release build"
RUSTFLAGS="$SITE_RUSTFLAGS" cargo leptos build --release --precompress

step "browser journeys (Playwright, Chromium)"
report="target/playwright-report.txt"
(cd end2end && npx playwright test) 2>&1 | tee "$report"
# One closing line in the form every CI reader understands.
passed=$(grep -oE '[0-9]+ passed' "$report" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -oE '[0-9]+ failed' "$report" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
echo "journeys: ${passed} passed, ${failed} failed"
