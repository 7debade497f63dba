// anon-modal/vue: the `useAnonModal` composable. Importing it touches no window or document
// (safe during server-side rendering); the core is "./index.js", the one an app imports too.
import { effectScope, getCurrentScope, onScopeDispose, ReactiveEffect, ref, shallowReadonly, shallowRef, toValue } from "vue";
import { opener } from "./opener.js";

/**
 * Vue has no untrack: an effect of our own takes the reads of `run` instead, in a detached scope
 * (which no scope of the component's keeps), both stopped at once.
 */
function untracked(run) {
  const scope = effectScope(true);
  try {
    return scope.run(() => new ReactiveEffect(run, () => {}).run());
  } finally {
    scope.stop();
  }
}

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
  const publish = (state) => {
    modal.value = state.modal;
    pending.value = state.pending;
    error.value = state.error;
  };
  const { open, destroy } = opener(() => toValue(options), publish, () => !disposed, untracked);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true;
      destroy();
    });
  }
  // Read-only at run time too, as the types say (only the opener sets them); shallow, so each
  // value is the very one set, whatever your server call rejected with.
  return { open, destroy, modal: shallowReadonly(modal), pending: shallowReadonly(pending), error: shallowReadonly(error) };
}
