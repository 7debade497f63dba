// Reading a message's values for the message guard (src/js_value.rs): what kind each value is
// and one field of it, in one call each, neither of which can throw into the wasm.

/**
 * What the guard asks of a value, in one call (src/guard.rs `Kind`): 0 `undefined`, 1 `null`,
 * 2 `false`, 3 `true`, 4 a number, 5 a plain object (its prototype is `Object.prototype` or
 * `null`), 6 anything else (an array, a function, an exotic object, or one whose prototype
 * cannot be read), and 7 + n a string of length n.
 */
export function kindOf(value) {
  const type = typeof value;
  if (type === "string") return 7 + value.length;
  if (type === "number") return 4;
  if (type === "boolean") return value ? 3 : 2;
  if (value === undefined) return 0;
  if (value === null) return 1;
  if (type === "object") {
    try {
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return 5;
    } catch {}
  }
  return 6;
}

/**
 * `object[key]`, or `undefined` when reading it throws: a getter or a `Proxy` of the page's
 * own making (a message from another window, structured-cloned, has neither).
 */
export function field(object, key) {
  try {
    return object[key];
  } catch {
    return undefined;
  }
}
