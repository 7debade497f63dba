// Reads embedAnonModal's arguments: the URL (or the create-modal response) and each option's
// type, in one call. What the values mean (which origins, whether the URL has expired, what to
// mount) is decided in Rust (src/arguments.rs and src/modal.rs). Each property is read once; one
// whose getter throws counts as not given. A wrong option gives an INVALID_OPTION
// AnonModalError naming it and the value given, an unknown key one naming the nearest option,
// and a page with no document (server-side rendering, a worker) a NO_DOCUMENT one.
import {
  CALLBACK_OPTIONS,
  CALLBACK_TAKES,
  ORIGIN_ENTRY_TAKES,
  MESSAGE_CONTAINER_BAD_SELECTOR,
  MESSAGE_CONTAINER_NOT_FOUND,
  MESSAGE_EXPIRES_IN_SECONDS,
  MESSAGE_INVALID_OPTION,
  MESSAGE_NO_DOCUMENT,
  MESSAGE_OPTIONS_NOT_OBJECT,
  MESSAGE_OPTIONS_UNREADABLE,
  MESSAGE_UNKNOWN_OPTION,
  MESSAGE_UNKNOWN_OPTION_FAR_FROM_ALL,
  MESSAGE_URL_IS_RESPONSE,
  MESSAGE_URL_IS_PROMISE,
  MESSAGE_URL_IS_JSON_TEXT,
  MESSAGE_URL_NOT_STRING,
  MESSAGE_URL_OBJECT_WITHOUT_URL,
  SECONDS_BELOW,
} from "./names.js";
// Own properties only, as the unknown-key check lists them: what a library of the page added to
// `Object.prototype` is no option.
import { field } from "./values.js";
import { AnonModalError, packageError, shown } from "./errors.js";

/**
 * Returns the arguments as src/arguments.rs `OptionValues` reads them: the modal `url` (a string),
 * the `values` of src/option_names.rs `ValueOption` at their numbers (each checked by its
 * reader: `allowedOrigins` a fresh array of strings, `container` the element, `expiresAt` in
 * milliseconds; `undefined` when not given), the `callbacks` at their topic numbers, and the
 * page's `document`. What an option not given means is decided in Rust (src/options.rs
 * `ModalOptions::default`), so that a value left out here is a default, never a `false` read from
 * `undefined`. `url` may be a `URL` object, or the create-modal response: its `url` is taken, and
 * its `expires_at` unless the options give `expiresAt`. Or, returned rather than thrown so that no
 * exception crosses into wasm, `{ error }`: a `NO_DOCUMENT` AnonModalError where there is no
 * document, an `INVALID_URL` one for a URL that is no string, or an `INVALID_OPTION` one whose
 * message names the option. With `lookUp` false (`openAnonModal`'s check before its server call), a
 * container selector is not looked up yet: the container may render meanwhile.
 */
export function readOptions(url, options, lookUp = true) {
  if (typeof document === "undefined") return { error: packageError(MESSAGE_NO_DOCUMENT) };
  try {
    return read(url, options ?? {}, document, lookUp);
  } catch (problem) {
    // The checks throw AnonModalErrors; anything else is an exotic object (a revoked Proxy, say).
    return { error: problem instanceof AnonModalError ? problem : packageError(MESSAGE_OPTIONS_UNREADABLE) };
  }
}

/** The edit distance between two option names, case aside. */
function distance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] !== b[j - 1]));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Throws for `key`, which is no option: naming the nearest option, or all when none is near. */
function unknownOption(key, known) {
  const distances = known.map((name) => distance(key, name));
  const nearest = Math.min(...distances);
  throw nearest <= Math.max(2, key.length / 3)
    ? packageError(MESSAGE_UNKNOWN_OPTION, key, known[distances.indexOf(nearest)])
    : packageError(MESSAGE_UNKNOWN_OPTION_FAR_FROM_ALL, key, known.join(", "));
}

// <generated: value-options>
/**
 * The options of `embedAnonModal` that take a value, at the numbers of src/option_names.rs
 * `ValueOption`: `[name, reader, what it must be]`, and a whole number's least and greatest.
 */
const VALUE_OPTIONS = [
  ["container", readContainer, "an element or a selector"],
  ["allowedOrigins", readOrigins, "a non-empty array of origin strings"],
  ["expiresAt", readTime, "a date, an ISO 8601 string or milliseconds since the epoch"],
  ["readyTimeoutMs", readWhole, "a whole number from 0 to 2147483647 (milliseconds; 0 waits forever)", 0, 2147483647],
  ["zIndex", readWhole, "a whole number from -2147483648 to 2147483647", -2147483648, 2147483647],
  ["title", readText, "a non-blank string"],
  ["hidden", readFlag, "a boolean"],
  ["allowInsecureLocalhost", readFlag, "a boolean"],
  ["inertPage", readFlag, "a boolean"],
];
// </generated>

// The readers of src/option_names.rs `Takes`, which the table above names: each, given an
// option's value and a way to refuse it (`refuse(value)` throws the INVALID_OPTION error naming
// the option), returns the value src/arguments.rs takes, `undefined` when not given.

/** An element, or a selector found in `document` (kept as written while `lookUp` is false). */
function readContainer(container, refuse, { document, lookUp }) {
  if (typeof container === "string") {
    if (!lookUp) return container;
    let found;
    try {
      // Through `Document.prototype`: a named element may override `document.querySelector`.
      found = Document.prototype.querySelector.call(document, container);
    } catch {
      throw packageError(MESSAGE_CONTAINER_BAD_SELECTOR, shown(container));
    }
    if (!found) throw packageError(MESSAGE_CONTAINER_NOT_FOUND, shown(container));
    return found;
  }
  return container === undefined || container instanceof Element ? container : refuse(container);
}

/** A non-empty array of strings, copied: what each means is checked in Rust. */
function readOrigins(origins, refuse, { name }) {
  if (origins === undefined) return origins;
  if (!Array.isArray(origins) || origins.length === 0) refuse(origins);
  return Array.from(origins, (origin, at) =>
    typeof origin === "string" ? origin : wrong(`${name}[${at}]`, ORIGIN_ENTRY_TAKES, origin),
  );
}

/** A time as milliseconds; not given, the create-modal response's `expires_at`. */
function readTime(expires, refuse, { responseExpires }) {
  if (expires === undefined && responseExpires != null) expires = responseExpires;
  if (expires === undefined) return expires;
  // A number or a string of digits that reads as a time before 1973 in milliseconds is a
  // Unix time in seconds.
  let given = typeof expires === "string" && /^\d+$/.test(expires) ? +expires : expires;
  if (typeof given === "number" && given > 0 && given < SECONDS_BELOW) throw packageError(MESSAGE_EXPIRES_IN_SECONDS, given);
  // Anon writes times without a zone, meaning UTC; Date would read them as local time. RFC
  // 3339's lowercase `t` and `z` and its space, which engines read differently, become ISO's,
  // and so do the forms the server's parser reads too: a comma before the fraction, and an
  // offset of hours alone or without its colon (`+00`, as PostgreSQL writes it). An offset
  // of another shape stays as written, for Date to refuse.
  if (typeof given === "string") {
    given = given
      .replace(/^([+\d-]+)[t ]([\d:.,]+)(z|[+-][\d:]+)?$/i, (_, day, time, zone = "Z") => `${day}T${time.replace(",", ".")}${zone}`.toUpperCase())
      .replace(/(T[\d:.]+[+-]\d\d)(?::?(\d\d))?$/, (_, hours, minutes = "00") => `${hours}:${minutes}`);
  }
  const time = typeof given === "string" || typeof given === "number" || given instanceof Date ? new Date(given).getTime() : NaN;
  return Number.isNaN(time) ? refuse(expires) : time;
}

/** A whole number from `min` to `max`. */
function readWhole(n, refuse, { min, max }) {
  return n === undefined || (typeof n === "number" && Number.isInteger(n) && n >= min && n <= max) ? n : refuse(n);
}

/** A string that is not blank. */
function readText(text, refuse) {
  // Blank (spaces and invisible format characters, a zero-width space, only), it would leave
  // the iframe with no accessible name.
  return text === undefined || (typeof text === "string" && /[^\s\p{Cf}]/u.test(text)) ? text : refuse(text);
}

/** A boolean. */
function readFlag(b, refuse) {
  return b === undefined || typeof b === "boolean" ? b : refuse(b);
}

/** Throws the INVALID_OPTION error of the option `name`, whose `value` is not `expected`. */
function wrong(name, expected, value) {
  throw packageError(MESSAGE_INVALID_OPTION, name, expected, shown(value));
}

function read(url, options, document, lookUp) {
  // The create-modal response where the URL goes: its url, and its expires_at.
  let responseExpires;
  // A Response's own url is the endpoint it came from, never the modal's.
  if (typeof Response === "function" && url instanceof Response) throw packageError(MESSAGE_URL_IS_RESPONSE);
  // The server call not awaited (any thenable, as `await` takes): its keys would say nothing.
  if (typeof url?.then === "function") throw packageError(MESSAGE_URL_IS_PROMISE);
  // A URL object stands for its text, as it does for fetch; one of another frame's too.
  if (url instanceof URL || Object.prototype.toString.call(url) === "[object URL]") url = url.href;
  if (url !== null && typeof url === "object" && !Array.isArray(url)) {
    const inner = field(url, "url");
    // Without one, most often a server's error body passed on: its keys say so.
    if (typeof inner !== "string") {
      const keys = Object.keys(url);
      throw packageError(MESSAGE_URL_OBJECT_WITHOUT_URL, keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", ..." : "") || "none");
    }
    responseExpires = field(url, "expires_at");
    url = inner;
  }
  if (typeof url !== "string") throw packageError(MESSAGE_URL_NOT_STRING, shown(url));
  // The create-modal response read as text: a URL never starts so.
  if (/^\s*[{["]/.test(url)) throw packageError(MESSAGE_URL_IS_JSON_TEXT);

  if (typeof options !== "object" || Array.isArray(options)) throw packageError(MESSAGE_OPTIONS_NOT_OBJECT, shown(options));
  const known = [...VALUE_OPTIONS.map(([name]) => name), ...CALLBACK_OPTIONS];
  for (const key of Object.keys(options)) if (!known.includes(key)) unknownOption(key, known);

  const values = VALUE_OPTIONS.map(([name, reader, expected, min, max]) =>
    reader(field(options, name), (value) => wrong(name, expected, value), { name, min, max, document, lookUp, responseExpires }),
  );
  const callbacks = CALLBACK_OPTIONS.map((name) => {
    const callback = field(options, name);
    if (callback !== undefined && callback !== null && typeof callback !== "function") wrong(name, CALLBACK_TAKES, callback);
    return callback ?? undefined;
  });
  // `error` too, or it would be read from what the page added to `Object.prototype`.
  return { error: undefined, url, values, callbacks, document };
}
