#!/usr/bin/env bash
# The linker for the browser package (scripts/build-pkg.sh): rust-lld, minus one export.
#
# js-sys exports `__wbg_jspi_task_poll` from every module so that wasm-bindgen can drive
# JSPI tasks. In a module that has no JSPI export (ours), wasm-bindgen deletes that export,
# but the waker code it reaches stays behind in the function table, where wasm-opt cannot
# prove it dead. Not exporting it at link time lets the linker drop all of it: 197 B (brotli)
# less in the package. Every other argument goes to rust-lld unchanged.
args=() skip=
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
  args+=("$arg")
done
exec rust-lld "${args[@]}"
