// anon-modal/react: the `useAnonModal` hook. Importing it touches no window or document (safe
// during server-side rendering); the core is "./index.js", the one an app imports too.
import { useCallback, useEffect, useInsertionEffect, useRef, useState } from "react";
import { openAnonModal } from "./index.js";

/** The state without `modal` once that modal is torn down. */
const cleared = (modal) => (state) => (state.modal === modal && modal?.destroyed ? { ...state, modal: null } : state);

/**
 * `{ open, destroy, modal, pending, error }`. `open(source)` is `openAnonModal` with `options`;
 * the callbacks called are always the latest render's, without mounting again. Unmounting
 * destroys the modal, even one still being opened (StrictMode's mount, unmount and mount leave
 * one modal: the second open joins the first's single-flight promise).
 */
export function useAnonModal(options) {
  const latest = useRef(options);
  const owned = useRef(null);
  const mounted = useRef(false);
  const [state, setState] = useState({ modal: null, pending: false, error: null });

  useInsertionEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      owned.current?.destroy();
      owned.current = null;
    };
  }, []);

  const open = useCallback((source) => {
    const given = latest.current ?? {};
    const options = { ...given };
    // Each callback option calls the latest function under its name.
    for (const key in given) {
      if (typeof given[key] === "function") options[key] = (...args) => latest.current?.[key]?.(...args);
    }
    setState((state) => ({ ...state, pending: true, error: null }));
    return openAnonModal(source, options).then(
      (modal) => {
        if (!mounted.current) {
          modal.destroy();
          return null;
        }
        setState({ modal, pending: false, error: null });
        // A second open that joined the first's promise gets the same modal.
        if (owned.current !== modal) {
          owned.current = modal;
          // Whichever event tore the modal down (closed, a timeout), `modal` goes back to null.
          modal.on("*", () => queueMicrotask(() => setState(cleared(modal))));
        }
        return modal;
      },
      (error) => {
        if (mounted.current) setState((state) => ({ ...state, pending: false, error }));
        return null;
      },
    );
  }, []);
  const destroy = useCallback(() => {
    const modal = owned.current;
    modal?.destroy();
    setState(cleared(modal));
  }, []);

  return { open, destroy, ...state };
}
