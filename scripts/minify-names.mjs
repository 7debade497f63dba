#!/usr/bin/env node
// Shortens the wasm's import and export names and rewrites the JS glue to match.
//
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` and some exports after their
// full Rust paths; every name is stored twice (in the .wasm and in the glue) and the hashes do
// not compress. Binaryen's --minify-imports-and-exports-and-modules renames them to one or two
// letters and prints the mapping, which this script applies to the glue and the .d.ts files.
//
// The same wasm-opt call optimizes for size (-Os, twice: the second round still finds work)
// and gives the most-called functions the shortest indices. It fails the build on any input
// it does not expect: each import it renames must be found exactly once in the glue, and every
// export the glue then reads, or a .d.ts file then declares, must be one the wasm has.
//
// Last, it marks the wasm with a custom section `anon-modal` holding a hash of its bytes, and
// the glue with the same mark and the section's name (`WASM_MARK`, `WASM_MARK_SECTION`): an
// older copy of the wasm that a cache kept would link against this glue (the short names are
// alike), so init() compares the marks instead.
//
//   node scripts/minify-names.mjs pkg
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? "pkg";
const wasmPath = path.join(dir, "anon_modal_bg.wasm");
const jsPath = path.join(dir, "anon_modal.js");
const features = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];

const before = fs.statSync(wasmPath).size;
const mapping = JSON.parse(execFileSync("wasm-opt", [wasmPath, ...features, "--minify-imports-and-exports-and-modules", "--strip-producers", "--strip-target-features", "-Os", "-Os", "--reorder-functions", "-o", wasmPath], { encoding: "utf8" }));
const escape = (s) => s.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&");

function replace(text, pattern, replacement, { exactly, file }) {
  let count = 0;
  const out = text.replace(pattern, (...m) => { count++; return typeof replacement === "function" ? replacement(...m) : replacement; });
  if (exactly !== undefined && count !== exactly) {
    throw new Error(`${file}: expected ${exactly} match(es) of ${pattern}, found ${count}`);
  }
  return out;
}

let js = fs.readFileSync(jsPath, "utf8");
let dropped = 0;
// Binaryen puts every import in one module, "a". The glue's own imports object keeps its
// place; a snippet module (`#[wasm_bindgen(module = ...)]`, imported as a namespace) is
// dissolved into it, one `short: importN.name` entry per function.
const modules = new Set(mapping.imports.map(([module]) => module));
const glueModule = "./anon_modal_bg.js";
for (const module of modules) {
  if (module === glueModule) {
    js = replace(js, new RegExp(`"${escape(module)}":`, "g"), `"a":`, { exactly: 1, file: jsPath });
    continue;
  }
  // wasm-bindgen may list the same snippet more than once (same namespace each time).
  let namespace;
  js = replace(js, new RegExp(`\\n\\s*"${escape(module)}": (import\\d+),`, "g"), (_, name) => { namespace ??= name; return ""; }, { file: jsPath });
  if (!namespace) throw new Error(`${jsPath}: snippet ${module} is not in the imports object`);
  const entries = mapping.imports.filter(([m]) => m === module).map(([, old, short]) => `\n        ${JSON.stringify(short)}: ${namespace}.${old},`).join("");
  js = replace(js, /(const import0 = \{\n\s*__proto__: null,)/g, (_, head) => head + entries, { exactly: 1, file: jsPath });
}
for (const [module, old, short] of mapping.imports) {
  if (module !== glueModule) continue;
  // In the glue's imports object: `old: function(...)`. A key missing here would make
  // instantiation fail, so each must be found exactly once.
  js = replace(js, new RegExp(`(?<![\\w$])${escape(old)}(?=:)`, "g"), JSON.stringify(short), { exactly: 1, file: jsPath });
}
// An entry of the imports object that the wasm does not import is dead code: wasm-opt removed
// the last call to it (here wasm-bindgen's `__wbindgen_throw`, whose callers abort instead).
// The mapping lists the imports as they were when renamed, before -Os removed any: the wasm
// written says which are left. An entry runs from its key (indented by eight spaces) to the
// next key.
const written = new WebAssembly.Module(fs.readFileSync(wasmPath));
const imported = new Set(WebAssembly.Module.imports(written).map(({ name }) => name));
js = replace(js, /(const import0 = \{\n\s*__proto__: null,)([^]*?)(\n {4}\};)/g, (_, head, body, tail) => {
  const entries = body.split(/(?=\n {8}"?[\w$]+"?: )/);
  const kept = entries.filter((entry) => imported.has(entry.match(/^\n {8}"?([\w$]+)"?:/)[1]));
  dropped = entries.length - kept.length;
  return head + kept.join("") + tail;
}, { exactly: 1, file: jsPath });
const exportPattern = (old) => new RegExp(`(?<=\\bwasm\\.)${escape(old)}(?![\\w$])`, "g");
for (const [old, short] of mapping.exports) {
  js = js.replace(exportPattern(old), short);
}
// An export the glue reads under a name the wasm no longer has would be `undefined` at run time.
const exported = new Set(WebAssembly.Module.exports(written).map(({ name }) => name));
for (const [, read] of js.matchAll(/(?<![\w$.])wasm\.([\w$]+)/g)) {
  if (!exported.has(read)) throw new Error(`${jsPath}: the glue reads wasm.${read}, which the wasm does not export`);
}
const mark = crypto.createHash("sha256").update(fs.readFileSync(wasmPath)).digest("hex").slice(0, 12);
const name = Buffer.from("anon-modal");
// A custom section: id 0, its size, then the name's length and the name (all sizes below 128,
// so each LEB128 is one byte), then the mark.
fs.appendFileSync(wasmPath, Buffer.concat([Buffer.from([0, 1 + name.length + mark.length, name.length]), name, Buffer.from(mark)]));
const marks = `\nexport const WASM_MARK_SECTION = ${JSON.stringify(name.toString())};\nexport const WASM_MARK = ${JSON.stringify(mark)};`;
js = replace(js, /\nexport \{ initSync/g, (m) => marks + m, { exactly: 1, file: jsPath });
fs.writeFileSync(jsPath, js);

for (const dts of ["anon_modal.d.ts", "anon_modal_bg.wasm.d.ts"]) {
  const file = path.join(dir, dts);
  if (!fs.existsSync(file)) continue;
  let text = fs.readFileSync(file, "utf8");
  for (const [old, short] of mapping.exports) {
    text = text.replace(new RegExp(`(?<=readonly |export const )${escape(old)}(?=:)`, "g"), JSON.stringify(short).replace(/^"(\w+)"$/, "$1"));
  }
  for (const [, declared] of text.matchAll(/(?<=readonly |export const )"?([\w$]+)"?(?=:)/g)) {
    if (!exported.has(declared)) throw new Error(`${file} declares ${declared}, which the wasm does not export`);
  }
  fs.writeFileSync(file, text);
}
const after = fs.statSync(wasmPath).size;
console.log(`[minify-names] ${mapping.imports.length} imports and ${mapping.exports.length} exports renamed, ${dropped} unused import(s) dropped from the glue: wasm ${before} -> ${after} bytes`);
