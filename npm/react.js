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
  // destroy() counts up: an open it overtook destroys its modal when that arrives.
  const destroys = useRef(0);
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
    const destroysBefore = destroys.current;
    return openAnonModal(source, options).then(
      (modal) => {
        if (!mounted.current || destroys.current !== destroysBefore || modal.destroyed) {
          modal.destroy();
          if (mounted.current) setState((state) => ({ ...state, pending: false }));
          return null;
        }
        setState({ modal, pending: false, error: null });
        // A second open that joined the first's promise gets the same modal.
        if (owned.current !== modal) {
          owned.current = modal;
          // Whichever tore the modal down (its closed event, a timeout, a newer modal, its own
          // destroy()), `modal` goes back to null.
          const clear = () => queueMicrotask(() => mounted.current && setState(cleared(modal)));
          modal.on("*", clear);
          modal.settled.then(clear);
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
    destroys.current++;
    const modal = owned.current;
    modal?.destroy();
    setState((state) => ({ ...cleared(modal)(state), pending: false }));
  }, []);

  return { open, destroy, ...state };
}
