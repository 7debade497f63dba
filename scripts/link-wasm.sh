#!/usr/bin/env bash
# The linker for the browser package (scripts/build-pkg.sh): rust-lld, minus exports nothing
# can use.
#
# js-sys exports `__wbg_jspi_task_poll` from every module so that wasm-bindgen can drive
# JSPI tasks. In a module that has no JSPI export (ours), wasm-bindgen deletes that export,
# but the waker code it reaches stays behind in the function table, where wasm-opt cannot
# prove it dead. Not exporting it at link time lets the linker drop all of it: 197 B (brotli)
# less in the package.
#
# Every web-sys and js-sys binding also exports a `__wbindgen_describe_*` function, used or
# not, and whatever constant data those reach stays in the module's data segment: wasm-opt
# removes dead code but cannot cut a data segment. So the module is linked twice: the second
# link exports only the descriptions of the imports the first link kept: 28 B less (67 B with
# the shipped std). Every other argument goes to rust-lld unchanged.
set -euo pipefail
args=() skip= out=
for arg in "$@"; do
  case "$arg" in
    --export) skip=1; continue ;;
    --export=__wbg_jspi_task_poll) continue ;;
  esac
  if [ -n "$skip" ]; then
    skip=
    [ "$arg" = __wbg_jspi_task_poll ] || args+=(--export "$arg")
    continue
  fi
  [ "${prev:-}" = -o ] && out=$arg
  prev=$arg
  args+=("$arg")
done
rust-lld "${args[@]}"
case "$out" in *.wasm) ;; *) exit 0 ;; esac
# The imports the first link kept, as the names of their descriptions.
declare -A used=()
while read -r name; do used[$name]=1; done < <(node -e '
  const m = new WebAssembly.Module(require("fs").readFileSync(process.argv[1]));
  for (const i of WebAssembly.Module.imports(m)) console.log("__wbindgen_describe_" + i.name);
' "$out")
kept=() skip=
for arg in "${args[@]}"; do
  if [ -n "$skip" ]; then
    skip=
    case "$arg" in
      __wbindgen_describe___wbg_*) [ -n "${used[$arg]:-}" ] || continue ;;
    esac
    kept+=(--export "$arg")
    continue
  fi
  [ "$arg" = --export ] && { skip=1; continue; }
  kept+=("$arg")
done
exec rust-lld "${kept[@]}"
