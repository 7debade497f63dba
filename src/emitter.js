// The listeners of one modal, and their dispatch, for src/emitter.rs (which states the rules).
//
// Rust decides what to deliver and when; this only keeps the list and calls the listeners, in
// one call per event instead of one call across the wasm boundary per listener.

/** The listeners of one modal: `{ topic, fn, once }` entries, in the order they were added. */
export class Emitter {
  constructor() {
    this.list = [];
  }

  /** Adds `fn` for `topic`; returns the function that removes it (a no-op once closed). */
  add(topic, fn, once) {
    const entry = { topic, fn, once };
    if (this.list) this.list.push(entry);
    return () => this.drop(entry);
  }

  /** Removes the first listener of `topic` that is this very `fn`. */
  remove(topic, fn) {
    if (this.list) this.drop(this.list.find((e) => e.topic === topic && e.fn === fn));
  }

  /** Removes every listener and refuses new ones (the modal is torn down). */
  close() {
    this.list = null;
  }

  /** Whether some listener listens to `topic`. */
  has(topic) {
    return !!this.list && this.list.some((e) => e.topic === topic);
  }

  /** Calls every listener of `topic` with `(first, second)`. */
  emit(topic, first, second) {
    // Who listens is fixed when dispatch starts; each is looked up again on its turn.
    for (const entry of this.list ? this.list.filter((e) => e.topic === topic) : []) {
      if (!this.list || !this.list.includes(entry)) continue;
      if (entry.once) this.drop(entry);
      const fn = entry.fn;
      try {
        fn(first, second);
      } catch (error) {
        if (typeof reportError === "function") reportError(error);
      }
    }
  }

  /** Removes `entry` if it is still listed. */
  drop(entry) {
    const at = this.list ? this.list.indexOf(entry) : -1;
    if (at >= 0) this.list.splice(at, 1);
  }
}
