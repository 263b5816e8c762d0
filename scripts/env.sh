# Sourced by the other scripts: puts the project's npm tools (wasm-opt) and cargo's tools on PATH.
project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$project_root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The site (server and browser bundle) is built with Leptos's `erase_components`: views compile
# to smaller code. Server and bundle must be built alike, or pages would not hydrate, so every
# `cargo leptos` command the scripts run takes these flags.
export SITE_RUSTFLAGS="--cfg erase_components"
