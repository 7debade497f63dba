// A React hook for anon-modal. Give it the signed URL (or null); it embeds the modal while the
// component is mounted and the URL stays the same, and destroys it on unmount. StrictMode's
// mount-unmount-mount leaves exactly one modal: the first mount is cancelled before it embeds
// (init() always resolves asynchronously), and embedding replaces any modal still mounted.
import { useEffect, useRef } from "react";
import { init, embedAnonModal } from "anon-modal";

export function useAnonModal(url, options) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    if (!url) return undefined;
    let cancelled = false;
    let modal = null;
    const call = (name) => (event) => latest.current?.[name]?.(event);
    init().then(() => {
      if (cancelled) return;
      const { expiresAt, allowInsecureLocalhost } = latest.current ?? {};
      modal = embedAnonModal(url, {
        expiresAt,
        allowInsecureLocalhost,
        onOpened: call("onOpened"),
        onCompleted: call("onCompleted"),
        onClosed: call("onClosed"),
        onFailed: call("onFailed"),
      });
      window.__modals = [...(window.__modals ?? []), modal];
    });
    return () => {
      cancelled = true;
      modal?.destroy();
    };
  }, [url]);
}
