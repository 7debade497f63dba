// The error every failure of the package throws, written from the generated messages.
import { ERROR_CODES, MESSAGES } from "./names.js";

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
 * names.js's `MESSAGE_*` constants) with `detail` where the text has `%`.
 */
export function packageError(message, detail = "") {
  const [code, text] = MESSAGES[message];
  return new AnonModalError(ERROR_CODES[code], text.replace("%", () => detail));
}
