// The server wasm for Node, Deno and Bun: its bytes ship as base64 in a module (no file to
// locate at run time, no async loading), compiled on first use. scripts/build-pkg.sh points
// "anon-modal-server-base64" at the module of each build's format: server.js imports an ES
// module (a loader of ES modules only, such as Vite's dev server for SSR, can run it), and
// server.cjs requires a CommonJS one (Node before require(esm) can run it).
import { base64 } from "anon-modal-server-base64";

let compiled;

function decode(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  if (typeof Buffer === "function") return Buffer.from(text, "base64");
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function wasmModule() {
  compiled ??= new WebAssembly.Module(decode(base64));
  return compiled;
}
