// The `AnonModal` handle JavaScript callers get from embedAnonModal (made by src/bindings.rs).
//
// Its commands go to Rust through the modal's own listener (`link.send`, see frame.js) as the
// numbers of src/frame.rs's `Signal`, and Rust decides what they do; its listeners go straight
// to the modal's emitter (emitter.js).

/** `on()`'s event names, at their topic numbers (src/emitter.rs's `Topic`). */
const TOPICS = ["migration_modal.opened", "migration_modal.completed", "migration_modal.closed", "migration_modal.failed", "*"];

/** An `AnonModalError`: a real `Error` with a stable `code` (src/error.rs makes them here too). */
export function anonModalError(code, message) {
  const error = new Error(message);
  error.name = "AnonModalError";
  error.code = code;
  return error;
}

/** The codes of src/error.rs's `ErrorCode`, at their numbers (a test checks the order). */
export const CODES = ["INVALID_URL", "ORIGIN_NOT_ALLOWED", "INVALID_ORIGIN", "EXPIRED", "NO_DOCUMENT", "INVALID_OPTION", "INVALID_ARGUMENT"];

/** Why a text is not an origin (src/origin.rs `OriginError`, in its order). */
const NOT_AN_ORIGIN = [
  "an origin must start with https:// or http://",
  "the host or port is not valid",
  "the host must be ASCII (write international names in punycode)",
  "an origin has no path, query or fragment",
];

/**
 * The messages of src/error.rs's `Message`, at their numbers, as Rust writes them (a test
 * compares each): `%` stands for the error's detail.
 */
const MESSAGES = [
  "the modal URL must be a string",
  "the modal URL has expired (expiresAt is in the past): create a new modal on your server",
  "the modal URL is not a valid absolute URL",
  "the document has no body yet: call embedAnonModal once the page has loaded",
  "cannot mount the modal in options.container",
  "the modal URL must use https:, not %",
  "the modal URL must use https:, not http: (http: is allowed only for localhost with allowInsecureLocalhost: true)",
  "the modal URL must not contain a user name or password",
  "the modal URL's origin % is not in allowedOrigins",
  "%",
  ...NOT_AN_ORIGIN.map((why) => "the modal URL has no usable origin: " + why),
  ...NOT_AN_ORIGIN.map((why) => "allowedOrigins: % is not an origin: " + why),
];

/**
 * The `AnonModalError` of a Rust `Error`: its code comes as `ErrorCode`'s number, its message
 * as `Message`'s, with the detail (a protocol, an origin, a text given as one) in its place.
 */
export function rustError(code, message, detail) {
  return anonModalError(CODES[code], MESSAGES[message].replace("%", () => detail));
}

/** The `AnonModalError` a wrong argument throws. */
const invalidArgument = (message) => anonModalError("INVALID_ARGUMENT", message);

/** The topic number of an event name; throws for any other value. */
function topic(type) {
  const number = TOPICS.indexOf(type);
  if (number < 0) throw invalidArgument('unknown event type: use migration_modal.opened, .completed, .closed, .failed or "*"');
  return number;
}

/** `callback`, which must be a function. */
function listener(callback) {
  if (typeof callback !== "function") throw invalidArgument("the callback must be a function");
  return callback;
}

/**
 * The handle of a modal just mounted (the `AnonModal` of the types in src/bindings.rs), with
 * the options' `callbacks` (at their topic numbers) subscribed: a frozen object whose methods
 * need no `this`, so they may be passed around on their own.
 */
export function handle(link, emitter, iframe, settled, callbacks) {
  callbacks.forEach((callback, topic) => callback && emitter.add(topic, callback, false));
  return Object.freeze({
    iframe,
    settled,
    get destroyed() {
      return link.stopped;
    },
    on: (type, callback) => emitter.add(topic(type), listener(callback), false),
    once: (type, callback) => emitter.add(topic(type), listener(callback), true),
    off: (type, callback) => void emitter.remove(topic(type), callback),
    show: () => link.send(1),
    hide: () => link.send(2),
    destroy: () => link.send(3),
  });
}
