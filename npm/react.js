// anon-modal/react: the `useAnonModal` hook. Importing it touches no window or document (safe
// during server-side rendering); the core is "./index.js", the one an app imports too.
import { useEffect, useInsertionEffect, useRef, useState } from "react";
import { opener } from "./opener.js";

/**
 * `{ open, destroy, modal, pending, error }`. `open(source)` is `openAnonModal` with `options`;
 * the callbacks called are always the latest render's, without mounting again. Unmounting
 * destroys the modal, even one still being opened (StrictMode's mount, unmount and mount leave
 * one modal: the second open joins the first's single-flight promise).
 */
export function useAnonModal(options) {
  const latest = useRef(options);
  const mounted = useRef(false);
  const [state, setState] = useState({ modal: null, pending: false, error: null });
  const [{ open, destroy }] = useState(() => opener(() => latest.current, setState, () => mounted.current));

  useInsertionEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      destroy();
    };
  }, []);

  return { open, destroy, ...state };
}
