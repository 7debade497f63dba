// anon-modal/vue: the `useAnonModal` composable. Importing it touches no window or document
// (safe during server-side rendering); the core is "./index.js", the one an app imports too.
import { getCurrentScope, onScopeDispose, ref, shallowRef, toValue } from "vue";
import { openAnonModal } from "./index.js";

/**
 * `{ open, destroy, modal, pending, error }`, the last three as refs. `options` may be an object,
 * a ref or a getter: `open` reads it, and each callback option calls the latest function under
 * its name. The modal is destroyed when the calling scope (the component) is disposed, even
 * one still being opened.
 */
export function useAnonModal(options) {
  const modal = shallowRef(null);
  const pending = ref(false);
  const error = shallowRef(null);
  let disposed = false;
  let owned = null;
  // destroy() counts up: an open it overtook destroys its modal when that arrives.
  let destroys = 0;
  const clear = (handle) => {
    if (modal.value === handle && handle?.destroyed) modal.value = null;
  };

  const open = (source) => {
    const given = toValue(options) ?? {};
    const current = { ...given };
    for (const key in given) {
      if (typeof given[key] === "function") current[key] = (...args) => toValue(options)?.[key]?.(...args);
    }
    pending.value = true;
    error.value = null;
    const destroysBefore = destroys;
    return openAnonModal(source, current).then(
      (handle) => {
        pending.value = false;
        if (disposed || destroys !== destroysBefore || handle.destroyed) {
          handle.destroy();
          return null;
        }
        modal.value = handle;
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
      (reason) => {
        pending.value = false;
        error.value = reason;
        return null;
      },
    );
  };
  const destroy = () => {
    destroys++;
    pending.value = false;
    owned?.destroy();
    clear(owned);
  };
  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true;
      destroy();
    });
  }
  return { open, destroy, modal, pending, error };
}
