# Sourced by the other scripts: puts the project's npm tools (wasm-opt) and cargo's tools on PATH.
project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$project_root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
