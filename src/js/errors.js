// The errors of the package, for src/error.rs (through src/js/handle.js, which hands on
// `packageError`), the other modules and npm/index.js: the AnonModalError every failure of the
// package throws, written from the generated messages, how a value a caller gave wrongly is
// shown in one, and `report`, for an error of the page's code that must not stop ours (a
// callback's; the changes of serially.js).

import { ERROR_CODES, MESSAGES } from "./names.js";

/**
 * A value as an error's message shows it: a string quoted, a number or boolean as written, else
 * its kind (never by converting it, which an object may refuse or take over).
 */
export function shown(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (value == null || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length ? "an array" : "an empty array";
  // A date made of a value that was no time (`new Date(response.expiresAt)`, a misspelt field).
  try {
    if (Number.isNaN(Date.prototype.getTime.call(value))) return "an invalid Date";
  } catch {
    // No date.
  }
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * Reports `error` as an uncaught one (the page's `error` event, the console) and goes on: with
 * `reportError`, or, in a browser without it (Chromium before 95, Safari before 15.4), thrown
 * from a task of its own. Never throws.
 */
export function report(error) {
  // The window's own only: in a browser without one, the name is the page's element named so
  // (`<img name=reportError>`, which a sanitizer keeps), never an own property of the window.
  const own = Object.prototype.hasOwnProperty.call(globalThis, "reportError") && globalThis.reportError;
  try {
    if (typeof own === "function") return void own(error);
  } catch {
    // The page's own replacement, which threw: reported as below.
  }
  setTimeout(() => {
    throw error;
  });
}

/** A real `Error` with a stable `code` (see `AnonModalErrorCode` in the package's types). */
export class AnonModalError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "AnonModalError";
    this.code = code;
  }
}

/**
 * `true` for an `AnonModalError`, including one made by another copy of the package (two
 * bundles on one page each have their own class).
 */
export function isAnonModalError(value) {
  return value instanceof Error && value.name === "AnonModalError" && typeof value.code === "string";
}

/**
 * The `AnonModalError` that says `message` (its number in src/error.rs `Message`: one of
 * names.js's `MESSAGE_*` constants) with its `details` in order where the text has `%`.
 */
export function packageError(message, ...details) {
  const [code, text] = MESSAGES[message];
  let at = 0;
  return new AnonModalError(ERROR_CODES[code], text.replace(/%/g, () => details[at++] ?? ""));
}
