// The listeners of one modal, and their dispatch, for src/emitter.rs, which states the rules
// (through src/js/handle.js, which hands on `emitter`). Rust decides what to deliver and when;
// this only keeps the list and calls the listeners, in one call per event instead of one call
// across the wasm boundary per listener.

import { report } from "./errors.js";

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
