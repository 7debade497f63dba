// The modal in the page, for src/frame.rs: finding the page's document, parsing the modal's
// URL, building the iframe, showing and hiding it, and listening to the window's messages and
// the ready timer. Every decision (which URL, when to show) is made in Rust; these functions
// carry it out in one call each. Nothing here throws into the wasm: where the DOM or the URL
// parser throws, the function catches and returns `undefined`.

/** A promise and the function that resolves it. */
export function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return [promise, resolve];
}

/** The page's `document`, or `undefined` where there is none (Node, workers). */
export function pageDocument() {
  return typeof document === "undefined" ? undefined : document;
}

/**
 * `document.body` as the document itself has it. A named element such as `<img name=body>`
 * overrides what `document.body` gives ([LegacyOverrideBuiltIns]), so it is read through
 * `Document.prototype`, as `createElement` is called.
 */
export function pageBody(document) {
  return Object.getOwnPropertyDescriptor(Document.prototype, "body").get.call(document);
}

/** `new URL(input)`, or `undefined` for what is not an absolute URL. */
export function parseUrl(input) {
  try {
    return new URL(input);
  } catch {
    return undefined;
  }
}

/**
 * Builds the iframe on the parsed `url` (its `href`, as the browser serializes it) with the
 * attributes src/frame.rs documents (`SANDBOX`, `ALLOW`, `REFERRER_POLICY`; a browser test
 * compares them) and appends it to `parent`: a fullscreen overlay when `zIndex` is given,
 * otherwise a block that fills `parent`. Returns `undefined` when `parent` cannot hold it.
 */
export function mountFrame(document, parent, url, title, zIndex, hidden) {
  const frame = Document.prototype.createElement.call(document, "iframe");
  frame.sandbox = "allow-scripts allow-same-origin allow-forms allow-popups";
  frame.allow = "clipboard-read; clipboard-write";
  frame.referrerPolicy = "strict-origin";
  frame.title = title;
  const style = frame.style;
  style.cssText =
    (zIndex === undefined ? "display:block;" : "position:fixed;inset:0;background:transparent;") +
    "width:100%;height:100%;border:0;margin:0;padding:0";
  if (zIndex !== undefined) style.zIndex = zIndex;
  if (hidden) style.display = "none";
  frame.src = url.href;
  try {
    parent.appendChild(frame);
  } catch {
    return undefined;
  }
  return frame;
}

/** Moves focus into the iframe. */
export function focusFrame(frame) {
  frame.focus();
}

/** What `showFrame` changed, per frame, for `hideFrame` to put back. */
const changed = new WeakMap();

/**
 * Shows the iframe; with `lockScroll`, stops the page behind it from scrolling. Remembers the
 * body's inline `overflow` and the element that had focus, for `hideFrame`.
 */
export function showFrame(frame, lockScroll) {
  frame.style.display = "block";
  // Only a fullscreen frame locks the scroll, and it is mounted on the body.
  const body = lockScroll ? frame.parentElement : null;
  const overflow = body?.style.getPropertyValue("overflow");
  body?.style.setProperty("overflow", "hidden");
  changed.set(frame, [body, overflow, frame.ownerDocument.activeElement]);
}

/** Hides the iframe and puts back what the last `showFrame` changed, once. */
export function hideFrame(frame) {
  frame.style.display = "none";
  const saved = changed.get(frame);
  changed.delete(frame);
  if (saved) {
    const [body, overflow, focus] = saved;
    body?.style.setProperty("overflow", overflow);
    if (focus?.isConnected) focus.focus?.();
  }
}

/**
 * Listens to the page's `message` events, handing each to `commands.message`, and, when
 * `readyMs > 0`, calls `commands.timeout()` after `readyMs` milliseconds. `commands` are the
 * wasm's exported entry points (src/bindings.rs). Returns the link the handle and Rust use:
 * `stop(all)` cancels the timer and, with `all`, removes the listener; from then on `stopped`
 * is true and the handle's commands do nothing.
 */
export function listen(commands, readyMs) {
  let listening = true;
  // A listener of this modal's own (the global `window`, never `document.defaultView`, which
  // a named element can override), so that removing it can never remove another's.
  const callback = (event) => commands.message(event);
  window.addEventListener("message", callback);
  const timer = readyMs && window.setTimeout(() => commands.timeout(), readyMs);
  return {
    commands,
    stop(all) {
      window.clearTimeout(timer);
      if (all && listening) {
        listening = false;
        window.removeEventListener("message", callback);
      }
    },
    get stopped() {
      return !listening;
    },
  };
}
