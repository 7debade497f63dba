// The `AnonModal` handle JavaScript callers get from embedAnonModal (made by src/bindings.rs),
// with what it is made of: the modal's listeners and their dispatch (`emitter`, for
// src/emitter.rs), its commands (calls to the wasm's exported entry points, `link.commands`,
// see frame.js `listen`, made only while the modal listens), the AnonModalError every
// failure of the package throws, written from the generated messages, and `report`, for an
// error of the page's code that must not stop ours (a callback's; frame.js's changes).
import { ERROR_CODES, MESSAGES, MESSAGE_CALLBACK_NOT_FUNCTION, MESSAGE_UNKNOWN_EVENT_TYPE, TOPICS, TOPIC_ANY } from "./names.js";

/**
 * A value as an error's message shows it: a string quoted, a number or boolean as written, else
 * its kind (never by converting it, which an object may refuse or take over).
 */
export function shown(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (value == null || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length ? "an array" : "an empty array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The topic number of an event name; throws for any other value. */
function topic(type) {
  const number = typeof type === "string" && type !== "" ? TOPICS.indexOf(type) : -1;
  if (number < 0) throw packageError(MESSAGE_UNKNOWN_EVENT_TYPE, shown(type));
  return number;
}

/** `callback`, which must be a function. */
function listener(callback) {
  if (typeof callback !== "function") throw packageError(MESSAGE_CALLBACK_NOT_FUNCTION);
  return callback;
}

/**
 * The handle of a modal just mounted, with the options' `callbacks` (at their topic numbers)
 * subscribed: a frozen object whose methods need no `this`, so they may be passed around on
 * their own.
 */
export function handle(link, emitter, iframe, settled, callbacks) {
  callbacks.forEach((callback, topic) => callback && emitter.add(topic, callback, false));
  const command = (name) => () => void (link.stopped || link.commands[name]());
  return Object.freeze({
    iframe,
    settled,
    removed: link.removed,
    get destroyed() {
      return link.stopped;
    },
    on: (type, callback) => emitter.add(topic(type), listener(callback), false),
    once: (type, callback) => emitter.add(topic(type), listener(callback), true),
    off: (type, callback) => void emitter.remove(topic(type), callback),
    show: command("show"),
    hide: command("hide"),
    destroy: command("destroy"),
  });
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
 * `true` when `event` (as `onEvent` and `on("*")` get it) is the public event `type`, or,
 * without `type`, any public event this version knows: the check that narrows its type.
 */
export function isModalEvent(event, type) {
  const at = TOPICS.indexOf(event?.type);
  return at >= 0 && at < TOPIC_ANY && (type === undefined || event.type === type);
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

// The listeners of one modal, and their dispatch (src/emitter.rs states the rules). Rust
// decides what to deliver and when; this only keeps the list and calls the listeners, in one
// call per event instead of one call across the wasm boundary per listener.

/** An emitter with no listeners: `{ topic, fn, once }` entries, in the order they were added. */
export function emitter() {
  let list = [];
  /** Where `entry` is in the list; -1 once it was removed or the list closed. */
  const indexOf = (entry) => (list ? list.indexOf(entry) : -1);
  /** Removes `entry` if it is still listed. */
  const drop = (entry) => {
    const at = indexOf(entry);
    if (at >= 0) list.splice(at, 1);
  };
  return {
    /** Adds `fn` for `topic`; returns the function that removes it (a no-op once closed). */
    add(topic, fn, once) {
      const entry = { topic, fn, once };
      if (list) list.push(entry);
      return () => drop(entry);
    },
    /** Removes the first listener of `topic` that is this very `fn`. */
    remove(topic, fn) {
      if (list) drop(list.find((e) => e.topic === topic && e.fn === fn));
    },
    /** Removes every listener and refuses new ones (the modal is torn down). */
    close() {
      list = null;
    },
    /** Whether some listener listens to `topic`. */
    has(topic) {
      return !!list && list.some((e) => e.topic === topic);
    },
    /** Calls every listener of `topic` with `(first, second)`. */
    emit(topic, first, second) {
      // Who listens is fixed when dispatch starts; each is looked up again on its turn.
      for (const entry of list ? list.filter((e) => e.topic === topic) : []) {
        const at = indexOf(entry);
        if (at < 0) continue;
        if (entry.once) list.splice(at, 1);
        const fn = entry.fn;
        try {
          fn(first, second);
        } catch (error) {
          report(error);
        }
      }
    },
  };
}
