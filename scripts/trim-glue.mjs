#!/usr/bin/env node
// Edits wasm-bindgen's generated glue where it does more than this package needs.
//
// Left out, because they can never run here:
// - `initSync`'s support for its deprecated argument form, and for bytes: npm/index.js always
//   passes `{ module }` with a compiled `WebAssembly.Module`, once.
// - `__wbg_finalize_init`'s reset of the memory views, which are still unset at the one
//   instantiation (with the line above, 21 B less).
// - The `TextEncoder.encodeInto` fallback: the wasm needs bulk memory, non-trapping float
//   conversions and multiple return values (Chrome 85, Firefox 79, Safari 15), and every such
//   browser has `encodeInto`.
// With `passStringToWasm0`'s branch for a missing `realloc` (below), 146 B less after brotli.
//
// Written shorter, with the same result:
// - `passStringToWasm0` has a branch for a missing `realloc`, which every call here passes;
//   then it copies ASCII by hand and encodes the rest with `encodeInto`, growing the buffer
//   when it meets the first non-ASCII character. Here it allocates the most UTF-8 can take
//   (3 bytes per UTF-16 unit), encodes once and shrinks to what was written. Only
//   caller input crosses this way (the URL, option strings, event names), never a message, so
//   the one extra copy costs nothing that matters. 88 B less.
// - `getDataViewMemory0` asks whether its memory buffer is detached, or compares it where
//   browsers cannot say; comparing is right everywhere (a grown memory has a new buffer).
//   20 B less.
// - `wasmModule` and `wasmInstance`, which `__wbg_finalize_init` stores and nothing reads.
// - The import shims as arrow functions (none reads `this` or `arguments`), and those that
//   catch as arrows over a closure instead of `f.apply(this, arguments)`: 37 B less. A shim
//   that keeps a value only to return it returns the expression (38 B less), and one whose
//   import returns nothing is an arrow over its one call; the shims that return a string to
//   the wasm write it with one helper, `returnString`, instead of five lines each (with the
//   one-call arrows, 27 B less).
// www/examples/test/glue.test.mjs runs the release glue with ASCII, accented and astral text,
// and a lone surrogate.
//
// Each edit must find its text exactly as often as expected (once), and no shim may be left
// in its old form, so a new wasm-bindgen (Cargo.lock pins it) that changes the glue
// stops the build instead of shipping something half-edited.
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
cut("if (!('encodeInto' in cachedTextEncoder)) {", "let WASM_VECTOR_LEN");

/** Replaces `from` (a string, or a regular expression without the g flag), found exactly `times` times. */
function rewrite(from, to, times = 1) {
  const pattern = new RegExp(typeof from === "string" ? from.replace(/[$.*+?^(){}|[\]\\]/g, "\\$&") : from.source, "g");
  const matches = (js.match(pattern) ?? []).length;
  if (matches !== times) throw new Error(`${file}: expected ${times} of ${from}, found ${matches}`);
  js = js.replace(pattern, typeof from === "string" ? () => to : to);
}

rewrite(`function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}`, `function passStringToWasm0(arg, malloc, realloc) {
    const len = arg.length * 3;
    let ptr = malloc(len, 1) >>> 0;
    WASM_VECTOR_LEN = 0;
    if (len) {
        // A non-empty string writes at least one byte: realloc never gets a size of 0.
        WASM_VECTOR_LEN = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len)).written;
        ptr = realloc(ptr, len, WASM_VECTOR_LEN, 1) >>> 0;
    }
    return ptr;
}`);
rewrite("    if (!(module instanceof WebAssembly.Module)) {\n        module = new WebAssembly.Module(module);\n    }\n", "");
rewrite("    cachedDataViewMemory0 = null;\n    cachedUint8ArrayMemory0 = null;\n", "");
rewrite("let wasmModule, wasmInstance, wasm;", "let wasm;");
rewrite("    wasmInstance = instance;\n", "");
rewrite("    wasmModule = module;\n", "");
rewrite(
  /cachedDataViewMemory0\.buffer\.detached === true \|\| \(cachedDataViewMemory0\.buffer\.detached === undefined && (cachedDataViewMemory0\.buffer !== wasm\.[\w$]+\.buffer)\)/,
  "$1",
);
// The shims that catch: `"x": function() { return handleError(function (a, b) {...}, arguments); },`.
const catching = /"([\w$]+)": function\(\) \{ return handleError\(function \(([^)]*)\) \{([\s\S]*?)\n        \}, arguments\); \},/g;
const catchingCount = (js.match(catching) ?? []).length;
js = js.replace(catching, (_, name, args, body) => `"${name}": (${args}) => handleError(() => {${body}\n        }),`);
if (catchingCount > 0) {
  rewrite("function handleError(f, args) {\n    try {\n        return f.apply(this, args);", "function handleError(f) {\n    try {\n        return f();");
}
js = js.replace(/"([\w$]+)": function\(([^)]*)\) \{/g, (_, name, args) => `"${name}": (${args}) => {`);
// `const ret = f(); return addHeapObject(ret);` as one return, which esbuild then writes as
// the arrow's expression.
js = js.replace(/const ret = ([^;\n]+);\n\s*return addHeapObject\(ret\);/g, "return addHeapObject($1);");
// A string returned to the wasm (`ptr`, `len` written at `retptr`), optional or not.
const stringTail = String.raw`\n\s*(?:const|var) len1 = WASM_VECTOR_LEN;\n\s*getDataViewMemory0\(\)\.setInt32\(\(arg0 >>> 0\) \+ 4 \* 1, len1, true\);\n\s*getDataViewMemory0\(\)\.setInt32\(\(arg0 >>> 0\) \+ 4 \* 0, ptr1, true\);`;
let allocators;
let strings = 0;
js = js.replace(new RegExp(String.raw`const ret = ([^;\n]+);\n\s*const ptr1 = passStringToWasm0\(ret, (wasm\.[\w$]+, wasm\.[\w$]+)\);` + stringTail, "g"), (_, value, alloc) => {
  allocators = alloc;
  strings++;
  return `returnString(arg0, ${value});`;
});
js = js.replace(new RegExp(String.raw`const ret = ([^;\n]+);\n\s*var ptr1 = isLikeNone\(ret\) \? 0 : passStringToWasm0\(ret, (wasm\.[\w$]+, wasm\.[\w$]+)\);` + stringTail, "g"), (_, value, alloc) => {
  allocators = alloc;
  strings++;
  return `returnString(arg0, ${value});`;
});
if (strings > 0) {
  if (/ptr1/.test(js)) throw new Error(`${file}: a shim returning a string was not rewritten`);
  rewrite("\nfunction passStringToWasm0(", `
/** Writes \`text\` (none when it is undefined) where the wasm reads a returned string. */
function returnString(retptr, text) {
    const ptr = isLikeNone(text) ? 0 : passStringToWasm0(text, ${allocators});
    const view = getDataViewMemory0();
    view.setInt32((retptr >>> 0) + 4, WASM_VECTOR_LEN, true);
    view.setInt32(retptr >>> 0, ptr, true);
}

function passStringToWasm0(`);
}
const leftover = js.split("\n").find((line) => !line.trim().startsWith("//") && /": function\(|\barguments\b/.test(line));
if (leftover !== undefined) {
  throw new Error(`${file}: an import shim was not made an arrow function: ${leftover.trim()}`);
}

// A shim whose body is one call (its import returns nothing): the arrow's expression. The
// value it then returns is dropped by the wasm, whose import has no result.
js = js.replace(/ => \{\n +((?!(?:return|const|let|var|throw|if|for|while|switch|try)\b)\S[^;\n]*);\n +\},/g, " => $1,");

fs.writeFileSync(file, js);
console.log(`[trim-glue] ${before} -> ${js.length} bytes of JS glue`);
