// Reads embedAnonModal's options object: each option's type, in one call. What the values
// mean (which origins, whether the URL has expired, what to mount) is decided in Rust
// (src/options.rs and src/modal.rs). Each property is read once; one whose getter throws
// counts as not given. A wrong option gives an INVALID_OPTION AnonModalError naming it, and a
// page with no document (server-side rendering, a worker) a NO_DOCUMENT one.
import { CALLBACK_OPTIONS, MESSAGE_INVALID_OPTION, MESSAGE_NO_DOCUMENT } from "./names.js";
import { packageError } from "./handle.js";

const INT32 = 2147483647;

/**
 * Returns the options as src/options.rs `OptionValues` reads them: `container`,
 * `allowedOrigins` (a fresh array of strings), `title` (`undefined` when not given),
 * `expiresAtMs`, `readyTimeoutMs` and `zIndex` (NaN when not given), `hidden` and `allowInsecureLocalhost` (booleans), the
 * `callbacks` at their topic numbers, and the page's `document`. Or, returned rather than
 * thrown so that no exception crosses into wasm, `{ error }`: a `NO_DOCUMENT` AnonModalError
 * where there is no document, or an `INVALID_OPTION` one whose message names the option.
 */
export function readOptions(options) {
  if (typeof document === "undefined") return { error: packageError(MESSAGE_NO_DOCUMENT) };
  try {
    return read(options ?? {}, document);
  } catch (problem) {
    // `wrong` throws its message; anything else is an exotic object (a revoked Proxy, say).
    return { error: packageError(MESSAGE_INVALID_OPTION, typeof problem === "string" ? problem : "options could not be read") };
  }
}

function read(options, document) {
  if (typeof options !== "object") throw "options must be an object";
  const get = (key) => {
    try {
      return options[key];
    } catch {
      return undefined;
    }
  };
  const wrong = (key, expected) => {
    throw `options.${key} must be ${expected}`;
  };
  const whole = (key, min) => {
    const n = get(key);
    return n === undefined || (typeof n === "number" && Number.isInteger(n) && n >= min && n <= INT32) ? n : wrong(key, "a whole number in range");
  };
  const flag = (key) => {
    const b = get(key);
    return b === undefined ? false : typeof b === "boolean" ? b : wrong(key, "a boolean");
  };

  let container = get("container");
  if (typeof container === "string") {
    try {
      // Through `Document.prototype`: a named element may override `document.querySelector`.
      container = Document.prototype.querySelector.call(document, container);
    } catch {
      container = null;
    }
    if (!container) wrong("container", "an element or a selector that matches one");
  } else if (container !== undefined && !(container instanceof Element)) {
    wrong("container", "an element or a selector");
  }

  let origins = get("allowedOrigins");
  if (origins !== undefined) {
    if (!Array.isArray(origins) || origins.length === 0) wrong("allowedOrigins", "a non-empty array of origin strings");
    origins = Array.from(origins, (origin) => (typeof origin === "string" ? origin : wrong("allowedOrigins", "an array of strings")));
  }

  let expires = get("expiresAt");
  if (expires !== undefined) {
    const time = typeof expires === "string" || typeof expires === "number" || expires instanceof Date ? new Date(expires).getTime() : NaN;
    if (Number.isNaN(time)) wrong("expiresAt", "a date, an ISO 8601 string or milliseconds since the epoch");
    expires = time;
  }

  const readyTimeoutMs = whole("readyTimeoutMs", 0);
  const zIndex = whole("zIndex", -INT32 - 1);
  const title = get("title");
  if (title !== undefined && (typeof title !== "string" || title === "")) wrong("title", "a non-empty string");

  const callbacks = CALLBACK_OPTIONS.map((key) => {
    const callback = get(key);
    if (callback !== undefined && callback !== null && typeof callback !== "function") wrong(key, "a function");
    return callback ?? undefined;
  });
  return {
    container,
    allowedOrigins: origins,
    expiresAtMs: expires ?? NaN,
    readyTimeoutMs: readyTimeoutMs ?? NaN,
    zIndex: zIndex ?? NaN,
    title,
    hidden: flag("hidden"),
    allowInsecureLocalhost: flag("allowInsecureLocalhost"),
    callbacks,
    document,
  };
}
