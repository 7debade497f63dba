// scripts/unguard-drops.mjs on small modules: it takes out the guards of drops and clones, and
// refuses what it cannot account for. Needs binaryen.js (the wasm-opt on PATH, scripts/env.sh).
// Run: node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const script = path.join(root, "scripts/unguard-drops.mjs");
const wasmOpt = fs.realpathSync(execFileSync("sh", ["-c", "command -v wasm-opt"], { encoding: "utf8" }).trim());
const { default: binaryen } = await import(path.join(path.dirname(wasmOpt), "..", "index.js"));

/** The glue's `dropObject`, as wasm-bindgen writes it. */
const GLUE = "function dropObject(idx) {\n    if (idx < 1028) return;\n    heap[idx] = heap_next;\n}\n";

/** A package directory holding the module of `body` (a function of one JS value, `$v`). */
function pkgWith(body, glue = GLUE) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unguard-"));
  const module = binaryen.parseText(`(module
    (import "./anon_modal_bg.js" "__wbindgen_object_drop_ref" (func $drop (param i32)))
    (import "./anon_modal_bg.js" "__wbg_use" (func $use (param i32)))
    (func $f (export "f") (param $v i32) (param $n i32)
      ${body}))`);
  fs.writeFileSync(path.join(dir, "anon_modal_bg.wasm"), module.emitBinary());
  module.dispose();
  fs.writeFileSync(path.join(dir, "anon_modal.js"), glue);
  return dir;
}

const run = (dir) => spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
const text = (dir) => {
  const module = binaryen.readBinary(fs.readFileSync(path.join(dir, "anon_modal_bg.wasm")));
  const wat = module.emitText();
  module.dispose();
  return wat;
};

test("a drop's guard becomes its outcome for an ordinary value", () => {
  const dir = pkgWith(`
    (if (i32.ge_u (local.get $v) (i32.const 1028)) (then (call $drop (local.get $v))))
    (if (i32.lt_u (local.get $v) (i32.const 1028)) (then (call $use (i32.const 0))) (else (call $drop (local.get $v))))`);
  const result = run(dir);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /2 guard\(s\)/);
  const wat = text(dir);
  assert.doesNotMatch(wat, /1028/);
  assert.match(wat, /\(if\s+\(i32\.const 1\)/);
  assert.match(wat, /\(if\s+\(i32\.const 0\)/);
});

test("a comparison with 1028 on a value that is never dropped stops the build", () => {
  const dir = pkgWith(`
    (if (i32.ge_u (local.get $n) (i32.const 1028)) (then (call $use (local.get $n))))
    (call $drop (local.get $v))`);
  const before = fs.readFileSync(path.join(dir, "anon_modal_bg.wasm"));
  const result = run(dir);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /not drop or clone guards/);
  assert.deepEqual(fs.readFileSync(path.join(dir, "anon_modal_bg.wasm")), before, "nothing was changed");
});

test("a glue whose dropObject does not test the index stops the build", () => {
  const dir = pkgWith(
    `(if (i32.ge_u (local.get $v) (i32.const 1028)) (then (call $drop (local.get $v))))`,
    "function dropObject(idx) {\n    heap[idx] = heap_next;\n}\n",
  );
  const result = run(dir);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /the guards must stay/);
});
