// The package's entry: wasm-bindgen's glue, plus an idempotent `init` and clear errors when
// the page is not ready for it. Importing touches no window or document (safe during SSR).
import { initSync, embedAnonModal as embedWasm, dispatch } from "./anon_modal.js";

let loading = null;
let loaded = false;

function anonModalError(code, message) {
  const error = new Error(message);
  error.name = "AnonModalError";
  error.code = code;
  return error;
}

// Our own loader over the glue's initSync, so that bundles leave out wasm-bindgen's async
// loader (about 300 B). It compiles from bytes, so any server's Content-Type works.
async function compile(source) {
  source = await source;
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === "string" || source instanceof URL || (typeof Request === "function" && source instanceof Request)) {
    source = await fetch(source);
  }
  if (typeof Response === "function" && source instanceof Response) {
    if (!source.ok) throw new Error(`anon-modal: fetching ${source.url} failed with HTTP ${source.status}`);
    source = await source.arrayBuffer();
  }
  return WebAssembly.compile(source);
}

/**
 * Loads and compiles the wasm once; later calls return the same promise (a failed load may be
 * retried). By default the `.wasm` beside this file is fetched (bundlers rewrite that URL);
 * pass a URL, a `Request`, a `Response`, bytes or a `WebAssembly.Module` to load it from
 * elsewhere.
 */
export function init(wasm) {
  loading ??= compile(wasm ?? new URL("anon_modal_bg.wasm", import.meta.url)).then(
    (module) => {
      initSync({ module });
      loaded = true;
    },
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Mounts the modal (see the types for the options). Call `await init()` once before. */
export function embedAnonModal(url, options) {
  if (typeof document === "undefined") {
    throw anonModalError("NO_DOCUMENT", "there is no document: embedAnonModal runs in a browser page (call it from an effect, not during server-side rendering)");
  }
  if (!loaded) {
    throw anonModalError("NOT_INITIALIZED", "anon-modal is not loaded yet: await init() once before embedAnonModal");
  }
  return embedWasm(url, options, dispatch);
}
