// The server wasm for Node, Deno and Bun: its bytes ship as base64 in a module (no file to
// locate at run time, no async loading), compiled on first use. The build points the import at
// a copy in each bundle's own module format, which a loader of that format alone can run.
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
