#!/usr/bin/env node
// Takes out the guard wasm-bindgen's `JsValue` puts around each drop and clone: the glue's
// own functions already make the same test.
//
// Without reference types (the size-std build), a `JsValue` is an index into the glue's heap
// of JS values, whose first four slots after 1024 hold the constants `undefined`, `null`,
// `true` and `false`. `impl Drop for JsValue` calls the drop import only for an index of 1028
// or more, and `impl Clone` the clone import likewise; LLVM inlines that comparison at each of
// the 85 places a value is dropped or cloned, and shapes the branches around it in a dozen
// ways. Yet the glue's `dropObject` returns at once for an index under 1028, and its clone
// (`addHeapObject(getObject(idx))`) copies a constant as well as any value: calling either
// with a constant's index does what the guard did. So each such comparison on a value the
// function drops is replaced by its outcome for an ordinary value, and the -Os of
// scripts/minify-names.mjs, which runs next, removes the branches: 815 B less raw wasm.
//
// The script is strict about what it changes. It applies only when the wasm imports
// `__wbindgen_object_drop_ref` and the glue's `dropObject` returns for `idx < 1028` (with the
// shipped std, wasm-bindgen keeps values in a wasm table instead and this does not apply);
// and every constant 1027 or 1028 in the code must be such a guard, or it stops the build:
// a comparison it cannot account for gets a person's look, not a rewrite.
//
//   node scripts/unguard-drops.mjs pkg
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? "pkg";
const wasmPath = path.join(dir, "anon_modal_bg.wasm");
const glue = fs.readFileSync(path.join(dir, "anon_modal.js"), "utf8");
// binaryen.js ships in the same npm package as the wasm-opt on PATH (scripts/setup.sh).
const wasmOpt = fs.realpathSync(execFileSync("sh", ["-c", "command -v wasm-opt"], { encoding: "utf8" }).trim());
const { default: binaryen } = await import(path.join(path.dirname(wasmOpt), "..", "index.js"));

const RESERVED = 1028; // wasm-bindgen's JSIDX_RESERVED: 1024 + undefined, null, true, false
const F = binaryen.Features;
const features = F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt | F.SignExt | F.ReferenceTypes | F.Multivalue;
const module = binaryen.readBinary(fs.readFileSync(wasmPath));
module.setFeatures(features);
const text = module.emitText();
module.dispose();

/** The module's text as nested arrays of atoms (strings kept whole, with their escapes). */
function parse(source) {
  const stack = [[]];
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (c === "(") {
      const list = [];
      stack.at(-1).push(list);
      stack.push(list);
      i++;
    } else if (c === ")") {
      stack.pop();
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === ";" && source[i + 1] === ";") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === '"') {
      let j = i + 1;
      while (source[j] !== '"') j += source[j] === "\\" ? 2 : 1;
      stack.at(-1).push(source.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < source.length && !/[\s()]/.test(source[j])) j++;
      stack.at(-1).push(source.slice(i, j));
      i = j;
    }
  }
  return stack[0][0];
}
const print = (node) => (Array.isArray(node) ? `(${node.map(print).join(" ")})` : node);

const wat = parse(text);
const dropImport = wat.find((f) => Array.isArray(f) && f[0] === "import" && f[2] === '"__wbindgen_object_drop_ref"');
if (!dropImport) {
  console.log("[unguard-drops] no heap of JS values in this build (reference types): nothing to do");
  process.exit(0);
}
if (!/function dropObject\(idx\) \{\s*if \(idx < 1028\) return;/.test(glue)) {
  throw new Error(`${dir}/anon_modal.js: dropObject no longer returns for idx < ${RESERVED}; the guards must stay`);
}
const drop = dropImport[3][1]; // (import "module" "name" (func $name ...))

// A guard: `idx >= 1028` (or `> 1027`) is true, `idx < 1028` (or `<= 1027`) false, for an
// ordinary value.
const GUARDS = { "i32.ge_u": [RESERVED, "1"], "i32.gt_u": [RESERVED - 1, "1"], "i32.lt_u": [RESERVED, "0"], "i32.le_u": [RESERVED - 1, "0"] };
const isConst = (node, value) => Array.isArray(node) && node[0] === "i32.const" && node[1] === String(value);
const isLocal = (node) => Array.isArray(node) && (node[0] === "local.get" || node[0] === "local.tee");

/** The locals a function passes to the drop import: the ones that hold JS values. */
function droppedLocals(node, found = new Set()) {
  if (!Array.isArray(node)) return found;
  if (node[0] === "call" && node[1] === drop && node.length === 3 && Array.isArray(node[2]) && node[2][0] === "local.get") {
    found.add(node[2][1]);
  }
  for (const child of node) droppedLocals(child, found);
  return found;
}

let forced = 0;
function unguard(node, values) {
  if (!Array.isArray(node)) return node;
  for (let k = 0; k < node.length; k++) node[k] = unguard(node[k], values);
  const guard = GUARDS[node[0]];
  if (guard && node.length === 3 && isConst(node[2], guard[0]) && isLocal(node[1]) && values.has(node[1][1])) {
    forced++;
    const outcome = ["i32.const", guard[1]];
    // A `local.tee` still sets its local.
    return node[1][0] === "local.tee" ? ["block", ["result", "i32"], ["local.set", node[1][1], node[1][2]], outcome] : outcome;
  }
  return node;
}

/** Constants 1027 or 1028 left in code: each is a comparison this script did not account for. */
function strays(node, found = []) {
  if (!Array.isArray(node)) return found;
  if (isConst(node, RESERVED) || isConst(node, RESERVED - 1)) found.push(node);
  for (const child of node) strays(child, found);
  return found;
}

let left = 0;
for (const item of wat) {
  if (!Array.isArray(item) || item[0] !== "func") continue;
  unguard(item, droppedLocals(item));
  left += strays(item).length;
}
if (left > 0) {
  throw new Error(`${wasmPath}: ${left} comparison(s) with ${RESERVED - 1} or ${RESERVED} are not drop or clone guards; nothing was changed`);
}

const out = binaryen.parseText(print(wat));
out.setFeatures(features);
if (!out.validate()) throw new Error(`${wasmPath}: the module does not validate after unguarding`);
fs.writeFileSync(wasmPath, out.emitBinary());
out.dispose();
console.log(`[unguard-drops] ${forced} guard(s) of drops and clones left to the glue`);
