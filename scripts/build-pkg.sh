#!/usr/bin/env bash
# Builds the browser package into pkg/ with wasm-pack (release profile, wasm-opt -Oz), unless
# it is already newer than every source file. Prints its size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/env.sh
stamp=pkg/anon_modal_bg.wasm
if [ -f "$stamp" ] && [ -z "$(find src Cargo.toml Cargo.lock -newer "$stamp" -print -quit)" ]; then
  echo "[pkg] up to date: $(wc -c < "$stamp") bytes of wasm"
  exit 0
fi
echo "[pkg] wasm-pack build --release --target web"
wasm-pack --quiet build --mode no-install --release --target web --out-dir pkg --no-pack . 2>&1 | grep -v '^\[INFO\]' || true
[ -f "$stamp" ] || { echo "[pkg] FAILED: no $stamp" >&2; exit 1; }
echo "[pkg] built: $(wc -c < "$stamp") bytes of wasm, $(wc -c < pkg/anon_modal.js) bytes of JS glue"
