#!/usr/bin/env node
// Removes three pieces of wasm-bindgen's generated glue that can never run in this package.
//
// - `initSync`'s support for its deprecated argument form: npm/index.js always passes
//   `{ module }`.
// - `passStringToWasm0`'s branch for a missing `realloc`: every call passes one.
// - The `TextEncoder.encodeInto` fallback: the wasm needs bulk memory and non-trapping float
//   conversions (Safari 15, Chrome 75, Firefox 79), and every such browser has `encodeInto`.
//
// 146 B less after brotli. Each piece must be found exactly once, so a new wasm-bindgen
// (it is pinned in Cargo.toml) that changes the glue stops the build instead of shipping
// something half-edited.
//
//   node scripts/trim-glue.mjs pkg
import fs from "node:fs";
import path from "node:path";

const file = path.join(process.argv[2] ?? "pkg", "anon_modal.js");
let js = fs.readFileSync(file, "utf8");
const before = js.length;

/** Cuts the text from `start` up to (not including) `end`, putting `insert` in its place. */
function cut(start, end, insert = "") {
  const from = js.indexOf(start);
  const to = from < 0 ? -1 : js.indexOf(end, from);
  if (from < 0 || to < 0 || js.indexOf(start, from + 1) >= 0) {
    throw new Error(`${file}: expected one "${start.trim().slice(0, 60)}" followed by "${end.trim()}"`);
  }
  js = js.slice(0, from) + insert + js.slice(to);
}

cut(
  "    if (module !== undefined) {\n        if (Object.getPrototypeOf(module) === Object.prototype) {",
  "    const imports = __wbg_get_imports();",
  "    ({ module } = module);\n\n",
);
cut("    if (realloc === undefined) {", "    let len = arg.length;");
cut("if (!('encodeInto' in cachedTextEncoder)) {", "let WASM_VECTOR_LEN");

fs.writeFileSync(file, js);
console.log(`[trim-glue] ${before} -> ${js.length} bytes of JS glue`);
