// anon-modal/svelte: `createAnonModal` for Svelte 5 components. Importing it touches no window
// or document (safe during server-side rendering); the core is "./index.js", the one an app
// imports too.
import { onDestroy } from "svelte";
import { createSubscriber } from "svelte/reactivity";
import { openAnonModal } from "./index.js";

/**
 * `{ open, destroy, modal, pending, error }`; reading `modal`, `pending` or `error` in a template
 * or an effect tracks it. `options` may be an object or a function returning one: `open` reads
 * it, and each callback option calls the latest function under its name. Called while a
 * component initialises, the modal is destroyed with the component, even one still being opened.
 */
export function createAnonModal(options) {
  const read = () => (typeof options === "function" ? options() : options);
  let state = { modal: null, pending: false, error: null };
  let update;
  const subscribe = createSubscriber((changed) => {
    update = changed;
    return () => (update = undefined);
  });
  const set = (next) => {
    state = { ...state, ...next };
    update?.();
  };
  let disposed = false;
  let owned = null;
  // destroy() counts up: an open it overtook destroys its modal when that arrives.
  let destroys = 0;
  const clear = (handle) => {
    if (state.modal === handle && handle?.destroyed) set({ modal: null });
  };

  const open = (source) => {
    const given = read() ?? {};
    const current = { ...given };
    for (const key in given) {
      if (typeof given[key] === "function") current[key] = (...args) => read()?.[key]?.(...args);
    }
    set({ pending: true, error: null });
    const destroysBefore = destroys;
    return openAnonModal(source, current).then(
      (handle) => {
        if (disposed || destroys !== destroysBefore || handle.destroyed) {
          handle.destroy();
          set({ pending: false });
          return null;
        }
        set({ modal: handle, pending: false });
        // A second open that joined the first's promise gets the same modal.
        if (owned !== handle) {
          owned = handle;
          // Whichever tore the modal down (its closed event, a timeout, a newer modal, its own
          // destroy()), `modal` goes back to null.
          handle.on("*", () => queueMicrotask(() => clear(handle)));
          handle.settled.then(() => clear(handle));
        }
        return handle;
      },
      (error) => {
        set({ pending: false, error });
        return null;
      },
    );
  };
  const destroy = () => {
    destroys++;
    set({ pending: false });
    owned?.destroy();
    clear(owned);
  };
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
    { modal: { get: get("modal") }, pending: { get: get("pending") }, error: { get: get("error") } },
  );
}
