// The server wasm for Cloudflare workerd, which compiles no wasm from bytes at run time: the
// `.wasm` file is imported as a module (wrangler and miniflare compile it at upload).
import compiled from "./anon_modal_server_bg.wasm";

export function wasmModule() {
  return compiled;
}
