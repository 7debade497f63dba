#!/usr/bin/env node
// Points every function-table slot whose function only traps at one such function.
//
// The wasm's function table holds the targets of its indirect calls: the methods of Rust
// trait objects (closures) and wasm-bindgen's closure shims. With panics that abort, most
// methods no caller can reach become a lone `unreachable`: in the size-std build, 43 of the 56
// slots, spread over 17 such functions of different signatures. wasm-opt must keep each of them, since a slot's
// index is data it cannot follow. Calling any of those slots traps; after this script it still
// traps (at the `unreachable`, or at the signature check of `call_indirect`), so nothing a
// program can observe changes. The 16 functions left without a slot are removed by the -Os
// of scripts/minify-names.mjs, which runs next: 116 B less after brotli.
//
// Only a table the module neither imports nor exports is changed: JavaScript cannot see it.
//
//   node scripts/fold-traps.mjs pkg
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const wasmPath = path.join(process.argv[2] ?? "pkg", "anon_modal_bg.wasm");
// binaryen.js ships in the same npm package as the wasm-opt on PATH (scripts/setup.sh).
const wasmOpt = fs.realpathSync(execFileSync("sh", ["-c", "command -v wasm-opt"], { encoding: "utf8" }).trim());
const { default: binaryen } = await import(path.join(path.dirname(wasmOpt), "..", "index.js"));

const F = binaryen.Features;
const features = F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt | F.SignExt | F.ReferenceTypes | F.Multivalue;
const module = binaryen.readBinary(fs.readFileSync(wasmPath));
module.setFeatures(features); // the set every wasm-opt call of the build enables

function hiddenTables() {
  const hidden = new Set();
  for (let i = 0; i < module.getNumTables(); i++) {
    const info = binaryen.getTableInfo(module.getTableByIndex(i));
    if (!info.module) hidden.add(info.name);
  }
  for (let i = 0; i < module.getNumExports(); i++) {
    const info = binaryen.getExportInfo(module.getExportByIndex(i));
    if (info.kind === binaryen.ExternalTable) hidden.delete(info.value);
  }
  return hidden;
}

const traps = new Set();
for (let i = 0; i < module.getNumFunctions(); i++) {
  const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
  if (!info.module && binaryen.getExpressionId(info.body) === binaryen.UnreachableId) traps.add(info.name);
}

const tables = hiddenTables();
let slots = 0;
const canonical = [...traps][0];
const segments = [];
for (let i = 0; i < module.getNumElementSegments(); i++) segments.push(module.getElementSegmentByIndex(i));
for (const segment of segments) {
  const info = binaryen.getElementSegmentInfo(segment);
  if (!info.table || !tables.has(info.table)) continue; // passive, or visible to JavaScript
  const offset = binaryen.getExpressionInfo(info.offset);
  if (offset.id !== binaryen.ConstId) continue;
  const data = info.data.map((name) => (traps.has(name) ? (slots++, canonical) : name));
  module.removeElementSegment(info.name);
  module.addActiveElementSegment(info.table, info.name, data, module.i32.const(offset.value));
}

if (slots > 0) {
  if (!module.validate()) throw new Error(`${wasmPath}: the module does not validate after folding`);
  fs.writeFileSync(wasmPath, module.emitBinary());
}
module.dispose();
console.log(`[fold-traps] ${slots} table slot(s) of ${traps.size} functions that only trap now point at one`);
