#!/usr/bin/env bash
# Sets up whatever is missing, then builds and serves the console on http://127.0.0.1:3000.
# With no ZPA credentials in the environment it serves the built-in emulator's demo tenant.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
RUSTFLAGS="$SITE_RUSTFLAGS" exec cargo leptos serve --release
