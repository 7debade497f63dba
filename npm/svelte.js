// anon-modal/svelte: `createAnonModal` for Svelte 5 components. Importing it touches no window
// or document (safe during server-side rendering); the core is "./index.js", the one an app
// imports too.
import { onDestroy, untrack } from "svelte";
import { createSubscriber } from "svelte/reactivity";
import { opener } from "./opener.js";

/**
 * `{ open, destroy, modal, pending, error }`; reading `modal`, `pending` or `error` in a template
 * or an effect tracks it. `options` may be an object or a function returning one: `open` reads
 * it, and each callback option calls the latest function under its name. Called while a
 * component initialises, the modal is destroyed with the component, even one still being opened.
 */
export function createAnonModal(options) {
  let state = { modal: null, pending: false, error: null };
  let update;
  const subscribe = createSubscriber((changed) => {
    update = changed;
    return () => (update = undefined);
  });
  const publish = (next) => {
    state = next;
    update?.();
  };
  let disposed = false;
  const read = () => (typeof options === "function" ? options() : options);
  const { open, destroy } = opener(read, publish, () => !disposed, untrack);
  try {
    onDestroy(() => {
      disposed = true;
      destroy();
    });
  } catch {
    // Not called while a component initialises: the caller destroys the modal.
  }
  const get = (key) => () => (subscribe(), state[key]);
  return Object.defineProperties(
    { open, destroy },
    // Descriptors with nothing inherited: what the page added to `Object.prototype` (a `value`)
    // would make them invalid.
    {
      modal: { __proto__: null, get: get("modal") },
      pending: { __proto__: null, get: get("pending") },
      error: { __proto__: null, get: get("error") },
    },
  );
}
