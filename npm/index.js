// The package's entry: wasm-bindgen's glue, plus an idempotent `init` and clear errors when
// the page is not ready for it. Importing touches no window or document (safe during SSR).
import initWasm, { embedAnonModal as embedWasm, AnonModal } from "./anon_modal.js";

let loading = null;
let loaded = false;

function anonModalError(code, message) {
  const error = new Error(message);
  error.name = "AnonModalError";
  error.code = code;
  return error;
}

/**
 * Loads and compiles the wasm once; later calls return the same promise. By default the
 * `.wasm` beside this file is fetched (bundlers rewrite that URL); pass a URL, a `Response`,
 * bytes or a `WebAssembly.Module` to load it from elsewhere.
 */
export function init(wasm) {
  loading ??= initWasm(wasm === undefined ? undefined : { module_or_path: wasm }).then((exports) => {
    loaded = true;
    return exports;
  });
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
  return embedWasm(url, options);
}

export { AnonModal };
