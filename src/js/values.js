// What the guard reads of a message and its values, for src/js_value.rs (through
// src/js/frame.js, which hands them on), and `field` for the other modules and npm/index.js.
// Each read is one call that cannot throw into the wasm: where a value of the page throws, it
// gives `undefined` (or none).

import { KIND_FALSE, KIND_LIST, KIND_NULL, KIND_NUMBER, KIND_OTHER, KIND_PLAIN, KIND_TEXT, KIND_TRUE, KIND_UNDEFINED } from "./names.js";

/**
 * What the guard asks of a value, in one call (src/guard.rs `Kind`, in the codes of its
 * `kind_code`): a plain object's prototype is `Object.prototype` or `null`; "other" is anything
 * else (a function, an exotic object, or one whose prototype cannot be read); a string's code
 * adds its length, and an array's takes its length away.
 */
export function kindOf(value) {
  const type = typeof value;
  if (type === "string") return KIND_TEXT + value.length;
  if (type === "number") return KIND_NUMBER;
  if (type === "boolean") return value ? KIND_TRUE : KIND_FALSE;
  if (value === undefined) return KIND_UNDEFINED;
  if (value === null) return KIND_NULL;
  if (type === "object") {
    try {
      if (Array.isArray(value)) return KIND_LIST - value.length;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return KIND_PLAIN;
    } catch {}
  }
  return KIND_OTHER;
}

/** `Object.keys(object)`, or none when listing them throws (a `Proxy` of the page's own making). */
export function keysOf(object) {
  try {
    return Object.keys(object);
  } catch {
    return [];
  }
}

/**
 * A `message` event's `source`, `origin` and `data`: `undefined` where a page's script made the
 * getter throw, as a throw that crossed the wasm would leave its stack lower each time, until
 * no call into it worked.
 */
export function sourceOf(event) {
  try {
    return event.source;
  } catch {}
}

/** See `sourceOf`. */
export function originOf(event) {
  try {
    return event.origin;
  } catch {}
}

/** See `sourceOf`. */
export function dataOf(event) {
  try {
    return event.data;
  } catch {}
}

/**
 * `text` as the engine keeps a property's name (interned): the guard's names compare with a
 * message's keys, and look its fields up, at once, where a string made from the wasm's bytes
 * is compared character by character.
 */
export const propertyName = (text) => Object.keys({ [text]: 0 })[0];

/**
 * Which of `keys` are `object`'s own enumerable fields, those `Object.keys` lists, as bits (bit i
 * for `keys[i]`): not one whose asking throws (a `Proxy` of the page's own making).
 */
export function ownFields(object, keys) {
  let bits = 0;
  for (let i = 0; i < keys.length; i++) {
    try {
      if (Object.prototype.propertyIsEnumerable.call(object, keys[i])) bits |= 1 << i;
    } catch {}
  }
  return bits;
}

/**
 * `object[key]` when `key` is `object`'s own; `undefined` for an inherited one (a message from
 * another window is structured-cloned onto the page's `Object.prototype`, which the page may
 * have added to), or where reading it throws (a `Proxy` or getter of the page's own making).
 * options.js reads the options with it too. (`hasOwnProperty`, as engines before 2021 have no
 * `Object.hasOwn`.)
 */
export function field(object, key) {
  try {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds `key: value` to the guard's copy as a plain data property, whatever the page put on the
 * prototypes: a field is assigned where no setter can run (the key is nowhere on
 * `Object.prototype`, whose own prototype cannot change), which is fast, and otherwise defined,
 * which runs no setter; an array's item (its index a number) is always defined, as
 * `Array.prototype`'s chain is the page's to change.
 */
export function setField(object, key, value) {
  if (typeof key === "number" || key in Object.prototype) {
    Object.defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}
