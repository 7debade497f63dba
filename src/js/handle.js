// The `AnonModal` handle JavaScript callers get from embedAnonModal (made by src/bindings.rs):
// its listeners go straight to the modal's emitter (emitter.js), its commands are calls to the
// wasm's exported entry points (`link.commands`, see frame.js `listen`), made only while the
// modal listens.
import { MESSAGE_CALLBACK_NOT_FUNCTION, MESSAGE_UNKNOWN_EVENT_TYPE, TOPICS } from "./names.js";
import { packageError } from "./errors.js";

/** The topic number of an event name; throws for any other value. */
function topic(type) {
  const number = typeof type === "string" && type !== "" ? TOPICS.indexOf(type) : -1;
  if (number < 0) throw packageError(MESSAGE_UNKNOWN_EVENT_TYPE, JSON.stringify(String(type)));
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
