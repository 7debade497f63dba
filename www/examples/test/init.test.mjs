// init(): the package's own loader. It takes every documented source, loads once, and a
// failed load can be retried. (Node has fetch and WebAssembly, so this runs here.)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const wasmPath = path.join(path.dirname(require.resolve("anon-modal")), "anon_modal_bg.wasm");

/** A fresh copy of the package module, so each test starts unloaded. */
async function freshPackage() {
  const entry = require.resolve("anon-modal");
  return import(`${entry}?copy=${Math.random()}`);
}

test("init() with bytes, then again: one load, the same promise", async () => {
  const { init } = await freshPackage();
  const first = init(fs.readFileSync(wasmPath));
  assert.equal(init(), first, "a second call returns the same promise");
  assert.equal(await first, undefined);
});

test("init() with a WebAssembly.Module and with a Response", async () => {
  const module = await WebAssembly.compile(fs.readFileSync(wasmPath));
  await (await freshPackage()).init(module);
  // A Response with no wasm Content-Type still loads: the loader compiles from bytes.
  await (await freshPackage()).init(new Response(fs.readFileSync(wasmPath), { headers: { "content-type": "text/plain" } }));
});

test("a failed load rejects with the HTTP status, and can be retried", async () => {
  const { init } = await freshPackage();
  await assert.rejects(init(new Response("not found", { status: 404 })), /HTTP 404/);
  await assert.rejects(init(new Uint8Array([0, 1, 2, 3])), WebAssembly.CompileError);
  await init(fs.readFileSync(wasmPath));
});
