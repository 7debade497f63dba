// The package's entry: wasm-bindgen's glue, an idempotent `init`, `embedAnonModal`, the
// single-flight `openAnonModal` over both, and the errors a page that is not ready gets.
// Importing touches no window or document (safe during SSR). The `./js/` modules are the
// crate's JavaScript (src/js/), the very modules the glue imports and those they import: the
// package build points these imports at them.
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
  WASM_MARK,
  WASM_MARK_SECTION,
} from "./anon_modal.js";
import { AnonModalError, isAnonModalError, packageError, shown } from "./js/errors.js";
import { isModalEvent } from "./js/handle.js";
import { commands, modalDialogOpen, openedFrom } from "./js/frame.js";
import { focusedElement } from "./js/page.js";
import { field } from "./js/values.js";
import { readOptions } from "./js/options.js";
import {
  ERROR_CODES,
  MESSAGES,
  MESSAGE_EXPIRED,
  MESSAGE_NO_DOCUMENT,
  MESSAGE_NOT_INITIALIZED,
  MESSAGE_INIT_NO_FETCH,
  MESSAGE_INIT_FETCH_FAILED,
  MESSAGE_INIT_HTTP_STATUS,
  MESSAGE_INIT_HTML,
  MESSAGE_INIT_NOT_WASM,
  MESSAGE_INIT_WRONG_WASM,
  MESSAGE_INIT_VITE_PREBUNDLED,
  MESSAGE_INIT_NO_URL,
  MESSAGE_INIT_REFUSED_BY_CSP,
  MESSAGE_UNDER_MODAL_DIALOG,
  MESSAGE_CONTROL_NOT_OBJECT,
  MESSAGE_SIGNAL_NOT_ABORT_SIGNAL,
  OPTION_CONTAINER,
  OPTION_EXPIRES_AT,
  OPTION_HIDDEN,
} from "./js/names.js";

export { AnonModalError, isAnonModalError, isModalEvent };

/** What the modal's listeners, ready timer and handle call: the wasm's entry points. */
const wasmCommands = commands(onMessage, onReadyTimeout, onDismiss, onFrameBlocked, showModal, hideModal, destroyModal);

let loading = null;
let loaded = false;

// A source init() fetches.
const isUrl = (source) =>
  typeof source === "string" || source instanceof URL || (typeof Request === "function" && source instanceof Request);

// The build mark a wasm carries (this build's glue carries the same), if any.
function markOf(module) {
  const [section] = WebAssembly.Module.customSections(module, WASM_MARK_SECTION);
  return section && String.fromCharCode(...new Uint8Array(section));
}

// Our own loader over the glue's initSync, so that bundles leave out wasm-bindgen's async
// loader. A response served as `application/wasm` compiles as it streams in; any other
// Content-Type compiles from its bytes, so any server works. A failure is an
// INIT_FAILED AnonModalError saying what came back from where, and what to do.
async function compile(source, cache) {
  const beside = source == null;
  if (beside) {
    try {
      source = new URL("anon_modal_bg.wasm", import.meta.url);
    } catch {
      // A script bundle (esbuild's default iife format) leaves no import.meta.url to resolve by.
      throw packageError(MESSAGE_INIT_NO_URL);
    }
  }
  source = await source;
  if (source instanceof WebAssembly.Module) return source;
  let url = "";
  let status;
  let html = false;
  if (isUrl(source)) {
    url = String(source.url ?? source);
    // With no location (server-side rendering), a URL with no scheme (Next.js writes the default
    // one so there) has nothing to resolve against, and a framework's fetch may never settle.
    const unresolved = typeof location === "undefined" && !/^[a-z][\w+.-]*:/i.test(url);
    // Node's fetch refuses file: URLs (the default one, beside this file, is one there), and a
    // component test's mocked fetch would answer with its own data. Deno, Bun and browsers
    // (Firefox, for a file: page) fetch them.
    const file = url.startsWith("file:");
    const node = globalThis.process?.versions?.node && typeof Deno === "undefined" && typeof Bun === "undefined";
    if (typeof fetch !== "function" || unresolved || (file && node)) {
      throw packageError(MESSAGE_INIT_NO_FETCH, url);
    }
    try {
      source = await fetch(source, { cache });
    } catch (problem) {
      throw file ? packageError(MESSAGE_INIT_NO_FETCH, url) : packageError(MESSAGE_INIT_FETCH_FAILED, url, String(problem));
    }
  }
  if (typeof Response === "function" && source instanceof Response) {
    url = source.url || url;
    status = source.status;
    // Vite 7 and earlier serve this module pre-bundled from their dependency cache in dev
    // (node_modules/.vite/deps; Nuxt's .cache/vite/client/deps, Vitest's .vite/vitest/<hash>/deps,
    // Storybook's sb-vite/deps), without the wasm beside it.
    const prebundled = beside && /[/.-]vite\/(.+\/)?deps\//.test(url);
    if (!source.ok) throw prebundled ? packageError(MESSAGE_INIT_VITE_PREBUNDLED, url, `HTTP ${status}`) : packageError(MESSAGE_INIT_HTTP_STATUS, status, url);
    const type = source.headers.get("content-type") ?? "";
    try {
      // Served as wasm (exactly: a parameter after it makes the browser refuse to stream), it
      // compiles while it downloads.
      if (type === "application/wasm" && WebAssembly.compileStreaming) return await WebAssembly.compileStreaming(source);
      source = await source.arrayBuffer();
    } catch (problem) {
      // A body already read, or a connection lost midway, is not a compile error.
      throw problem instanceof WebAssembly.CompileError
        ? packageError(MESSAGE_INIT_NOT_WASM, problem.message)
        : packageError(MESSAGE_INIT_FETCH_FAILED, url, String(problem));
    }
    // A dev server or an app's fallback route answers a path it does not know with a page.
    html = type.includes("html") || new Uint8Array(source)[0] === 0x3c;
    if (html && prebundled) throw packageError(MESSAGE_INIT_VITE_PREBUNDLED, url, `an HTML page, HTTP ${status}`);
  }
  try {
    return await WebAssembly.compile(source);
  } catch (problem) {
    throw html ? packageError(MESSAGE_INIT_HTML, url, status) : packageError(MESSAGE_INIT_NOT_WASM, problem.message);
  }
}

/**
 * Loads and compiles the wasm once; later calls return the same promise (a failed load may be
 * retried, and rejects with an INIT_FAILED AnonModalError). By default the `.wasm` beside this
 * file is fetched (bundlers rewrite that URL); pass a URL, a `Request`, a `Response`, bytes or
 * a `WebAssembly.Module` to load it from elsewhere (in Node, its bytes).
 */
export function init(wasm) {
  loading ??= compile(wasm)
    // Not this build's, from a URL: the browser may have kept an older copy there (a file served
    // unhashed and cached for long, across an upgrade). Asked once more, past its cache.
    .then((module) => (markOf(module) === WASM_MARK || !(wasm == null || isUrl(wasm)) ? module : compile(wasm, "reload")))
    .then((module) => {
      // WebAssembly, but not this build's (another file): it could link and fail at its first
      // call. Each build marks its wasm and its glue alike.
      const mark = markOf(module);
      if (mark !== WASM_MARK) throw packageError(MESSAGE_INIT_WRONG_WASM, mark ? `build ${mark}, not ${WASM_MARK}` : "no build mark");
      initSync({ module });
      loaded = true;
    })
    .catch((error) => {
      loading = null;
      // A Content-Security-Policy without 'wasm-unsafe-eval' refuses any wasm, whatever its
      // bytes: Chromium and Firefox as it compiles, WebKit as it is instantiated, each in its words.
      throw /Content Security Policy|blocked by CSP/.test(error?.message) ? packageError(MESSAGE_INIT_REFUSED_BY_CSP) : error;
    });
  return loading;
}

/** Mounts the modal (see the types for the options). Call `await init()` once before. */
export function embedAnonModal(url, options) {
  if (typeof document === "undefined") throw packageError(MESSAGE_NO_DOCUMENT);
  if (!loaded) throw packageError(MESSAGE_NOT_INITIALIZED);
  return embedWasm(url, options, wasmCommands);
}

/**
 * Per key (whom the modal is for), the call getting that user's modal URL now: at most one, as
 * Anon's documents warn that modals created in quick succession for one user interfere. One
 * for another key than the last call's is wanted by nobody (its callers were told at once), but
 * stays until its server call ends, so that a call for its user takes it over rather than start
 * a second one.
 */
const flights = new Map();

/**
 * The modal `openAnonModal` mounted last, until it is torn down: its key, whether it is
 * fullscreen, and whether its migration has ended (`settled`).
 */
let going = null;

/**
 * Loads the wasm if needed, gets the modal's URL from `source` (a URL, the create-modal
 * response, or a function returning a promise of either: your server call) and embeds it.
 * Single-flight: while one call is getting its URL, further calls join it, so a double click
 * makes one server call and one modal. A caller whose `signal` aborts gets its reason at once;
 * a call that joins once every caller has aborted takes the flight over (the modal gets its
 * options and callbacks), and a URL that arrives with nobody waiting is not embedded (it would
 * replace the modal the page shows then). Until the modal it mounted last settles, hidden or
 * not, a call shows that one (unless its options say `hidden`) rather than asking for another.
 * All of this is per `key`, the user the modal is for: a call for another user cuts the flights
 * of the others off (their callers get an AbortError at once) and destroys their modal.
 */
export function openAnonModal(source, options, config) {
  const notControl = notAControl(config);
  if (notControl) {
    unused(source);
    return Promise.reject(packageError(MESSAGE_CONTROL_NOT_OBJECT, notControl));
  }
  // Read as given, never from what the page added to `Object.prototype`.
  const signal = field(config, "signal");
  const key = field(config, "key");
  // Anything else would never abort this call, nor keep its modal from mounting once its
  // caller has gone: refused before anything starts.
  if (signal != null && typeof signal.addEventListener !== "function") {
    unused(source);
    return Promise.reject(packageError(MESSAGE_SIGNAL_NOT_ABORT_SIGNAL, shown(signal)));
  }
  if (signal?.aborted) {
    unused(source);
    return Promise.reject(signal.reason);
  }
  // A mistake in the options is refused before this call changes anything, or asks the server
  // for a modal it would waste.
  const error = mistakeIn(options, source);
  if (error) return Promise.reject(error);
  // Another user's (an account switched): never embedded, and their modal goes now, whatever
  // this call gets.
  for (const other of flights.values()) if (other.key !== key) other.cut();
  if (going && going.key !== key) going.modal.destroy();
  let flight = flights.get(key);
  let modal;
  if (flight) {
    // A flight every caller left (a component unmounted, StrictMode's effect run twice, or a
    // call for another user came between, as its call was on its way): this call takes it over,
    // so the modal is embedded with its options and callbacks, not those of a caller gone.
    if (flight.cutOff || !waiting(flight.callers)) flight.takeOver(options);
    // The flight's server call is the one: this call's source goes unused.
    unused(source);
    flight.callers.push(signal);
    modal = flight.modal;
  } else if (going && !going.settled && !going.modal.destroyed && going.modal.iframe.isConnected) {
    // A second modal for the same user would start a migration that interferes with the
    // first (Anon's documents), which may be going on hidden: by the app's `hidden` or
    // `hide()`, or by the modal itself while the user signs in to their provider.
    modal = showAgain(going, source, options);
  } else {
    flight = fly(source, options, key);
    flight.callers.push(signal);
    modal = flight.modal;
  }
  if (!signal) return modal;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { __proto__: null, once: true });
    modal.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/**
 * Starts the flight for `key`: gets the URL from `source` and embeds it, unless nobody wants it
 * by then. Its callers share `modal`, which `cut()` rejects at once with an AbortError; a call
 * that takes the flight over (`takeOver`) gets a new one, and the flight's options.
 */
function fly(source, options, key) {
  let cut;
  const flight = {
    key,
    options,
    callers: [],
    modal: null,
    cutOff: false,
    cut() {
      flight.cutOff = true;
      cut(new DOMException("openAnonModal was called for another key meanwhile", "AbortError"));
    },
    // Asked before the embed and after it: once nobody waits, a later call starts anew.
    wanted() {
      const wanted = !flight.cutOff && waiting(flight.callers);
      if (!wanted && flights.get(key) === flight) flights.delete(key);
      return wanted;
    },
    // From the map, where the flight stays until its server call ends.
    takeOver(options) {
      Object.assign(flight, { options, callers: [], cutOff: false });
      share();
    },
  };
  // The promise the flight's callers share: `cut()` rejects it at once, a takeover makes anew.
  const share = () => {
    flight.modal = Promise.race([new Promise((_, reject) => (cut = reject)), embedded]);
  };
  flights.set(key, flight);
  const embedded = open(source, flight, true)
    // Every caller may have aborted between the embed and their promises' turn.
    .then((handle) => {
      if (handle && !flight.wanted()) handle.destroy();
      if (handle && !handle.destroyed) {
        const mounted = (going = { modal: handle, key, settled: false, fullscreen: field(flight.options, OPTION_CONTAINER) == null });
        // A migration that ended (completed, failed, closed, or the modal removed) interferes
        // with none: a later call opens a new one.
        handle.settled.then(() => (mounted.settled = true));
        handle.removed.then(() => going === mounted && (going = null));
      }
      return handle;
    });
  const landed = () => flights.get(key) === flight && flights.delete(key);
  embedded.then(landed, landed);
  share();
  return flight;
}

/** Whether any of a flight's `callers` still waits: one with no signal always does. */
const waiting = (callers) => callers.some((caller) => !caller?.aborted);

/**
 * What `control` is shown as when it is no `{ signal, key }`, or nothing. The signal itself, or
 * its controller, in its place would never abort the call: their own keys read as none.
 */
function notAControl(config) {
  if (config == null) return;
  try {
    const kind = Object.prototype.toString.call(config);
    if (kind === "[object AbortSignal]") return "an AbortSignal: pass { signal }";
    if (kind === "[object AbortController]") return "an AbortController: pass { signal: controller.signal }";
    if (typeof config !== "object" || Array.isArray(config)) return shown(config);
  } catch {
    return "an object that cannot be read";
  }
}

/** Settles a promise given as the source that goes unused, so that it never rejects unhandled. */
const unused = (source) => void Promise.resolve(source).catch(() => {});

/**
 * A mistake in `options`, found before the server is asked for a modal it would waste; the
 * source then goes unused.
 */
function mistakeIn(options, source) {
  const { error } = readOptions("", options, false);
  if (error) unused(source);
  return error;
}

/** Shows the `modal` `going` again, for a call that would have opened another from `source`. */
async function showAgain({ modal, fullscreen }, source, options) {
  unused(source);
  if (!field(options, OPTION_HIDDEN)) {
    // Refused as a new modal would be: a modal <dialog> of the page would cover it.
    if (fullscreen && modalDialogOpen(document)) throw packageError(MESSAGE_UNDER_MODAL_DIALOG);
    modal.show();
  }
  return modal;
}

/** Gets the URL from `source` and embeds it with the options the flight `current` has then. */
async function open(source, current, again, focused) {
  // Where focus is now, before the app may disable the button that was clicked.
  focused ??= focusedElement(document);
  // The wasm loads while the server creates the modal: neither waits for the other. The flight
  // lasts until both are done, so that a failed load lets no second server call start.
  const done = await Promise.allSettled([init(), typeof source === "function" ? source() : source]);
  for (const { status, reason } of done) if (status === "rejected") throw reason;
  const created = done[1].value;
  // Nobody waits for it: each caller's promise has rejected with its signal's reason.
  if (!current.wanted()) return null;
  const { options } = current;
  try {
    // A URL, or the create-modal response whose expires_at applies unless options give one.
    return openedFrom(focused, () => embedAnonModal(created, options));
  } catch (error) {
    // A URL that expired on its way here: a function source is asked once more for a new one
    // (unless the caller's expiresAt, which a new URL would not change, is what expired).
    if (again && typeof source === "function" && field(options, OPTION_EXPIRES_AT) == null && error.code === ERROR_CODES[MESSAGES[MESSAGE_EXPIRED][0]]) {
      return open(source, current, false, focused);
    }
    throw error;
  }
}
