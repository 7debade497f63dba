// The package's entry: wasm-bindgen's glue, an idempotent `init`, and the errors a page that
// is not ready gets. Importing touches no window or document (safe during SSR). The `./js/`
// modules are the crate's JavaScript (src/js/), the very modules the glue imports: the package
// build points these imports at them.
import {
  initSync,
  embedAnonModal as embedWasm,
  onMessage,
  onReadyTimeout,
  onDismiss,
  onFrameBlocked,
  showModal,
  hideModal,
  destroyModal,
} from "./anon_modal.js";
import { AnonModalError, isAnonModalError, packageError } from "./js/handle.js";
import { MESSAGE_NO_DOCUMENT, MESSAGE_NOT_INITIALIZED } from "./js/names.js";

export { AnonModalError, isAnonModalError };

/** What the modal's listeners, ready timer and handle call: the wasm's entry points. */
const commands = Object.freeze({
  message: onMessage,
  timeout: onReadyTimeout,
  dismiss: onDismiss,
  blocked: onFrameBlocked,
  show: showModal,
  hide: hideModal,
  destroy: destroyModal,
});

let loading = null;
let loaded = false;

// Our own loader over the glue's initSync, so that bundles leave out wasm-bindgen's async
// loader. It compiles from bytes, so any server's Content-Type works.
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
  if (typeof document === "undefined") throw packageError(MESSAGE_NO_DOCUMENT);
  if (!loaded) throw packageError(MESSAGE_NOT_INITIALIZED);
  return embedWasm(url, options, commands);
}
