// What the React, Vue and Svelte bindings share: one modal per component, opened with
// openAnonModal, whose state (`modal`, `pending`, `error`) each binding keeps in its framework's
// own reactive form. Importing it touches no window or document. Not a public entry: the
// bindings import it as "./opener.js", and the core as "./index.js", the one an app imports too.
import { openAnonModal } from "./index.js";

/**
 * An opener for one component. `read()` gives the options as the component has them now; each
 * callback option of the modal calls the latest function under its name. `publish(state)` is
 * handed each new `{ modal, pending, error }`. `live()` says whether the component is still
 * mounted: a modal that arrives when it is not is destroyed. `untracked(run)` calls `run` so that
 * the framework's reactivity records none of its reads (React has none to record).
 *
 * Returns `open(source, control)` (`control` as `openAnonModal`'s, less the signal, which is the
 * opener's: resolving with the modal, or `null` when it failed or was cancelled) and `destroy()`
 * (the modal now, and one still being opened unless `open` is called again before it arrives),
 * which the binding also calls when the component unmounts: React may mount it again and open
 * again, which joins the open still in flight.
 */
export function opener(read, publish, live, untracked = (run) => run()) {
  let state = { modal: null, pending: false, error: null };
  const set = (next) => {
    state = { ...state, ...next };
    publish(state);
  };
  let owned = null;
  // One per open() not yet settled: aborting them tells openAnonModal that this component no
  // longer wants the modal, which is then not embedded unless another caller wants it.
  const opening = new Set();
  // The last open(): only its outcome is the component's state (one for another key fails
  // when a later one replaces it, or resolves with a modal the later one takes away).
  let last = 0;

  const openNow = (source, control) => {
    let options;
    try {
      const given = read() ?? {};
      options = { ...given };
      for (const key of Object.keys(given)) {
        if (typeof given[key] === "function") options[key] = (...args) => read()?.[key]?.(...args);
      }
    } catch (error) {
      // The component's options getter threw: an error like any other, never a throw from open().
      set({ pending: false, error });
      return Promise.resolve(null);
    }
    set({ pending: true, error: null });
    const mine = ++last;
    const controller = new AbortController();
    opening.add(controller);
    const { signal } = controller;
    // The control's own fields (its `key`), none of `Object.prototype`'s, and this signal.
    return openAnonModal(source, options, { ...control, signal })
      .then(
        (modal) => {
          if (!live() || !modal || modal.destroyed) {
            modal?.destroy();
            if (live() && mine === last) set({ pending: false });
            return null;
          }
          // A second open that joined the first's promise gets the same modal.
          if (owned !== modal) {
            owned = modal;
            // Whatever tears it down (its events, a timeout, a newer modal, its own destroy()).
            modal.removed.then(() => state.modal === modal && live() && set({ modal: null }));
          }
          // The component's, but its state is the last open's, which may still be on its way.
          if (mine === last) set({ modal, pending: false, error: null });
          return modal;
        },
        (error) => {
          // Cancelled by destroy(), which set the state already. Cut off by a call for another
          // user (an AbortError), or its own fetch aborted: no error to show.
          if (live() && !signal.aborted && mine === last) set(error?.name === "AbortError" ? { pending: false } : { pending: false, error });
          return null;
        },
      )
      .finally(() => opening.delete(controller));
  };
  // The state goes back to idle too: a component React shows again (StrictMode, <Activity>)
  // keeps its state.
  const destroy = () => {
    for (const controller of opening) controller.abort();
    owned?.destroy();
    owned = null;
    set({ modal: null, pending: false });
  };
  // Untracked: called from an effect (Svelte's $effect, Vue's watchEffect), every value the
  // options and the server call read before their first await would be the effect's
  // dependency, and a change would open again.
  const open = (source, control) => untracked(() => openNow(source, control));
  return { open, destroy };
}
