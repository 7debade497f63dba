#!/usr/bin/env bash
# Builds a package with wasm-pack (release profile, wasm-opt -Os) unless it is already newer
# than every source file, and prints its size.
#   scripts/build-pkg.sh        pkg/       the browser package (--target web, feature browser)
#   scripts/build-pkg.sh node   pkg-node/  verifyWebhook/signWebhook for Node (feature node)
#   scripts/build-pkg.sh floor  bench/wasm-floor/pkg/  bench/floor.js in Rust, built the same
#                               way as pkg/ (for the size benchmark)
#
# The browser package is built for size where the toolchain allows it:
# - with the toolchain's std source (Debian's rust-web-src, or `rustup component add rust-src`),
#   std is rebuilt with panics that abort at once (no panic messages, no formatting code);
#   RUSTC_BOOTSTRAP enables that on a stable compiler. Without the source (or with
#   ANON_MODAL_PLAIN_STD=1), std is used as shipped: bigger, same behaviour.
# - rustc's MIR inliner is turned on (it is off at opt-level z), and functions are inlinable
#   across crates;
# - lol_alloc replaces dlmalloc (feature small-allocator, only in this cdylib build);
# - scripts/link-wasm.sh links it without js-sys's unused JSPI export;
# - function-table slots that can only trap share one function (scripts/fold-traps.mjs);
# - JsValue's drop and clone guards are left to the glue, which makes the same test
#   (scripts/unguard-drops.mjs);
# - import and export names are shortened (scripts/minify-names.mjs), and glue that cannot
#   run in this package is left out (scripts/trim-glue.mjs).
# pkg/.build-mode says which std was used; the size budget has a figure for each.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/env.sh
crate=. sources=(src Cargo.toml Cargo.lock)
case "${1:-web}" in
  web) out=pkg; args=(--target web); cargo_args=(--features small-allocator)
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$root/scripts/link-wasm.sh" ;;
  node) out=pkg-node; args=(--target nodejs); cargo_args=(--no-default-features --features node) ;;
  floor) out=bench/wasm-floor/pkg; crate=bench/wasm-floor; args=(--target web); cargo_args=(--features small-allocator)
    sources=(bench/wasm-floor/lib.rs bench/wasm-floor/Cargo.toml bench/wasm-floor/Cargo.lock)
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$root/scripts/link-wasm.sh" ;;
  *) echo "usage: $0 [web|node|floor]" >&2; exit 2 ;;
esac
browser=; [ "$out" = pkg-node ] || browser=1
mode=plain-std
if [ -n "$browser" ] && [ -z "${ANON_MODAL_PLAIN_STD:-}" ] && [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
  mode=size-std
fi
stamp=$out/anon_modal_bg.wasm
# The browser package's entry (init, embedAnonModal), as users import it: the demo and the
# benchmarks load pkg/index.js, and scripts/package.mjs packs it. Its `./js/` imports are the
# crate's JavaScript, which wasm-bindgen copied under snippets/anon-modal-<hash>/src/js/.
entry() {
  [ "$out" = pkg ] || return 0
  local js_dir
  js_dir=$(cd "$out" && echo snippets/anon-modal-*/src/js)
  [ -f "$out/$js_dir/names.js" ] || { echo "[$out] FAILED: no snippets/anon-modal-*/src/js/names.js" >&2; exit 1; }
  sed "s#from \"./js/#from \"./$js_dir/#" npm/index.js > "$out/index.js"
  grep -q "\"./$js_dir/names.js\"" "$out/index.js" || { echo "[$out] FAILED: the entry's imports were not rewritten" >&2; exit 1; }
  cp npm/index.d.ts "$out/"
}
built_mode=$(cat "$out/.build-mode" 2>/dev/null || echo none)
if [ -f "$stamp" ] && [ "$built_mode" = "$mode" ] &&
   [ -z "$(find "${sources[@]}" scripts/build-pkg.sh scripts/link-wasm.sh scripts/fold-traps.mjs scripts/unguard-drops.mjs scripts/minify-names.mjs scripts/trim-glue.mjs -newer "$stamp" -print -quit)" ]; then
  entry
  echo "[$out] up to date ($mode): $(wc -c < "$stamp") bytes of wasm"
  exit 0
fi
if [ -n "$browser" ]; then
  # rustc's MIR inliner, on in every opt-level 3 build, is off at opt-level z. Turned on, it
  # inlines small helpers before LLVM sees them; twiggy shows the gain spread over RawVec
  # growth, wasm-bindgen's argument conversions and the exported methods' shims: 1,253 B
  # smaller with size-std, 1,304 B with plain-std, at a threshold of 350 (thresholds 100 to
  # 1000 measured 14.8 to 15.1 KB). With -Zcross-crate-inline-threshold=always, every function
  # of the crates compiled here (std too, in size-std) is available for inlining in the crates
  # that call it, as if marked #[inline]: another 1,058 B (size-std) and 563 B (plain-std) less.
  # No panic locations: a panic message has nowhere to go in this package. A lower inlining
  # threshold than opt-level z's default measured smallest (50 of 0-150 with size-std). With
  # the shipped std these two save 428 B; they were first kept to the size-std build.
  # RUSTC_BOOTSTRAP allows -Z flags on a stable compiler.
  target=$mode; [ "$crate" = . ] || target=$mode-floor
  export RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$root/target/$target"
  export RUSTFLAGS="-Zinline-mir=yes -Zinline-mir-threshold=350 -Zcross-crate-inline-threshold=always -Zlocation-detail=none -Cllvm-args=-inline-threshold=50"
fi
if [ "$mode" = size-std ]; then
  # No panic machinery and no Debug formatting: none of it can reach a user.
  # Without reference types, wasm-bindgen keeps JS values in a JS-side slab instead of a wasm
  # table managed by wasm code: 389 B smaller (std is rebuilt with the same flags; the
  # shipped std has reference types, and wasm-bindgen refuses the mix).
  RUSTFLAGS+=" -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Ctarget-feature=-reference-types"
  cargo_args+=(-Zbuild-std=std,panic_abort)
fi
rm -rf "$out/snippets" # wasm-pack adds snippets but never removes old ones
echo "[$out] wasm-pack build --release ${args[*]} ($mode)"
# No stale wasm may pass for this build: a failed build, or a failed step after wasm-pack,
# leaves no package that a later run could take as up to date.
rm -f "$stamp" "$out/.build-mode"
wasm-pack --quiet build --mode no-install --release "${args[@]}" --out-dir "$root/$out" --no-pack "$crate" -- "${cargo_args[@]}" 2>&1 |
  { grep -v '^\[INFO\]' || true; }
[ -f "$stamp" ] || { echo "[$out] FAILED: no $stamp" >&2; exit 1; }
if [ -n "$browser" ]; then
  node scripts/fold-traps.mjs "$out"
  node scripts/unguard-drops.mjs "$out"
  node scripts/minify-names.mjs "$out"
  node scripts/trim-glue.mjs "$out"
fi
entry
echo "$mode" > "$out/.build-mode"
touch "$stamp"
echo "[$out] built ($mode): $(wc -c < "$stamp") bytes of wasm, $(wc -c < "$out/anon_modal.js") bytes of JS glue"
