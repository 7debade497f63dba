// The plain-JS floor: the least code that does the job safely (source, exact origin, tag),
// with a fullscreen iframe and cleanup. What anon-modal is measured against. The frame's
// window is read when a message arrives: read during the embed, while a cross-site page is
// still loading, it costs the browser a script context for the blank document.
export function embedFloor(url, { onEvent, onReady } = {}) {
  const origin = new URL(url).origin;
  if (!/^https?:$/.test(new URL(url).protocol)) throw new Error("bad url");
  const iframe = document.createElement("iframe");
  iframe.src = url;
  iframe.title = "Anon";
  iframe.allow = "clipboard-read; clipboard-write";
  iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-storage-access-by-user-activation allow-modals");
  iframe.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0;z-index:2147483000";
  document.body.appendChild(iframe);
  const listener = (e) => {
    if (!e.source || e.source !== iframe.contentWindow) return;
    if (e.origin !== origin) return;
    const d = e.data;
    if (!d || typeof d !== "object" || d.source !== "anon_modal") return;
    const ev = d.event;
    if (!ev || typeof ev !== "object" || typeof ev.type !== "string") return;
    if (ev.internal) {
      iframe.style.display = ev.type === "migration_modal.hide" ? "none" : "block";
      if (onReady) onReady();
      return;
    }
    if (onEvent) onEvent(ev);
    if (ev.type === "migration_modal.closed") destroy();
  };
  function destroy() {
    window.removeEventListener("message", listener);
    iframe.remove();
  }
  window.addEventListener("message", listener);
  return { iframe, destroy };
}
