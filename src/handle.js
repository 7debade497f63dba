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

/** The `AnonModalError` of a Rust `Error`: its code comes as `ErrorCode`'s number. */
export function rustError(code, message) {
  return anonModalError(CODES[code], message);
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
