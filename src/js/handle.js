// The `AnonModal` handle JavaScript callers get from embedAnonModal (made by src/bindings.rs):
// its listeners, subscribed by event name, and its commands (calls to the wasm's exported entry
// points, `link.commands`, see frame.js `listen`, made only while the modal listens); and
// `isModalEvent`, which tells a caller's code an event's type. It hands on `emitter` and
// `packageError` to src/emitter.rs and src/error.rs (see frame.js for why the glue imports no
// more modules).
import { packageError, shown } from "./errors.js";
import { MESSAGE_CALLBACK_NOT_FUNCTION, MESSAGE_UNKNOWN_EVENT_TYPE, TOPICS, TOPIC_ANY } from "./names.js";

export { emitter } from "./emitter.js";
export { packageError } from "./errors.js";

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
 * `true` when `event` (as `onEvent` and `on("*")` get it) is the public event `type`, or,
 * without `type`, any public event this version knows: the check that narrows its type.
 */
export function isModalEvent(event, type) {
  const at = TOPICS.indexOf(event?.type);
  return at >= 0 && at < TOPIC_ANY && (type === undefined || event.type === type);
}
