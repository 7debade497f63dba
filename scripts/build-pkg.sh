#!/usr/bin/env bash
# Builds a package with wasm-pack (release profile, wasm-opt -Oz) unless it is already newer
# than every source file, and prints its size.
#   scripts/build-pkg.sh        pkg/       the browser package (--target web, feature browser)
#   scripts/build-pkg.sh node   pkg-node/  verifyWebhook/signWebhook for Node (feature node)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/env.sh
case "${1:-web}" in
  web) out=pkg; args=(--target web); features=() ;;
  node) out=pkg-node; args=(--target nodejs); features=(-- --no-default-features --features node) ;;
  *) echo "usage: $0 [web|node]" >&2; exit 2 ;;
esac
stamp=$out/anon_modal_bg.wasm
if [ -f "$stamp" ] && [ -z "$(find src Cargo.toml Cargo.lock -newer "$stamp" -print -quit)" ]; then
  echo "[$out] up to date: $(wc -c < "$stamp") bytes of wasm"
  exit 0
fi
echo "[$out] wasm-pack build --release ${args[*]}"
wasm-pack --quiet build --mode no-install --release "${args[@]}" --out-dir "$out" --no-pack . "${features[@]}" 2>&1 |
  grep -v '^\[INFO\]' || true
[ -f "$stamp" ] || { echo "[$out] FAILED: no $stamp" >&2; exit 1; }
touch "$stamp"
echo "[$out] built: $(wc -c < "$stamp") bytes of wasm, $(wc -c < "$out/anon_modal.js") bytes of JS glue"
