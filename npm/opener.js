// What the React, Vue and Svelte bindings share: one modal per component, opened with
// openAnonModal, whose state (`modal`, `pending`, `error`) each binding keeps in its framework's
// own reactive form. Importing it touches no window or document. Not a public entry: the
// bindings import it as "./opener.js", and the core as "./index.js", the one an app imports too.
import { openAnonModal } from "./index.js";

/**
 * An opener for one component. `read()` gives the options as the component has them now; each
 * callback option of the modal calls the latest function under its name. `publish(state)` is
 * handed each new `{ modal, pending, error }`. `live()` says whether the component is still
 * mounted: a modal that arrives when it is not is destroyed.
 *
 * Returns `open(source)` (resolving with the modal, or `null` when it failed or was
 * cancelled), `destroy()` (the modal now, and one still being opened as it arrives, unless
 * `open` was called again since) and `release()` (the component unmounts: the modal goes, and
 * `live()` decides for one still being opened; React may mount the component again and join
 * that open).
 */
export function opener(read, publish, live) {
  let state = { modal: null, pending: false, error: null };
  const set = (next) => {
    state = { ...state, ...next };
    publish(state);
  };
  let owned = null;
  // A modal that arrives is wanted while some open() came after the last destroy(): an open,
  // then destroy(), then open again before the server answered join one single-flight promise,
  // and the second wants its modal.
  let opens = 0;
  let opensCancelled = 0;

  const open = (source) => {
    const given = read() ?? {};
    const options = { ...given };
    for (const key of Object.keys(given)) {
      if (typeof given[key] === "function") options[key] = (...args) => read()?.[key]?.(...args);
    }
    set({ pending: true, error: null });
    opens++;
    return openAnonModal(source, options).then(
      (modal) => {
        if (!live() || opens === opensCancelled || modal.destroyed) {
          modal.destroy();
          if (live()) set({ pending: false });
          return null;
        }
        set({ modal, pending: false, error: null });
        // A second open that joined the first's promise gets the same modal.
        if (owned !== modal) {
          owned = modal;
          // Whatever tears it down (its events, a timeout, a newer modal, its own destroy()).
          modal.removed.then(() => state.modal === modal && live() && set({ modal: null }));
        }
        return modal;
      },
      (error) => {
        if (live()) set({ pending: false, error });
        return null;
      },
    );
  };
  // The state goes back to idle too: a component React shows again (StrictMode, <Activity>)
  // keeps its state.
  const release = () => {
    owned?.destroy();
    owned = null;
    set({ modal: null, pending: false });
  };
  const destroy = () => {
    opensCancelled = opens;
    release();
  };
  return { open, destroy, release };
}
