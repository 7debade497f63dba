// The modal in the page: finding the page's document, parsing the modal's URL, building the
// iframe, showing it and hiding it, listening to the window's messages (and the ready timer),
// the events Rust reports without a message, the strings the message checks compare with
// (`messageKeys`), what kind of value each of a message's values is (`kindOf`), and reading
// one (`field`). Nothing here throws into the wasm: where the DOM or the URL parser throws,
// the function catches and returns `undefined`.
//
// Called from src/frame.rs. Every decision (which URL, which attributes, when to show) is
// made in Rust; these functions only carry it out, in one call each, which is smaller and
// faster than the dozen DOM calls each would take across the wasm boundary.

/** A promise and the function that resolves it. */
export function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return [promise, resolve];
}

/**
 * `document.body` as the document itself has it. A named element such as `<img name=body>`
 * overrides what `document.body` gives ([LegacyOverrideBuiltIns]), so it is read through
 * `Document.prototype`, as `createElement` is called.
 */
export function pageBody(document) {
  return Object.getOwnPropertyDescriptor(Document.prototype, "body").get.call(document);
}

/**
 * Builds the iframe on the parsed `url` (its `href`, as the browser serializes it) and appends
 * it to `parent`: a fullscreen overlay when `zIndex` is given, otherwise a block that fills
 * `parent`. Returns `undefined` when `parent` cannot hold it.
 */
export function mountFrame(document, parent, url, title, zIndex, hidden) {
  const frame = Document.prototype.createElement.call(document, "iframe");
  // src/modal.rs SANDBOX, ALLOW and REFERRER_POLICY (a test checks them).
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

/** `new URL(input)`, or `undefined` for what is not an absolute URL. */
export function parseUrl(input) {
  try {
    return new URL(input);
  } catch {
    return undefined;
  }
}

/** Moves focus into the iframe (`focus()` never throws: no catch is needed around it). */
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
 * Adds a `message` listener to the page's window that hands each event to `dispatch` (the
 * package's exported `dispatch`, which passes it to the modal that is listening) with 0 and,
 * when `readyMs > 0`, calls `dispatch(undefined, 4)` after `readyMs` milliseconds: the ready
 * timeout. The handle's commands reach it through `send` with their numbers, 1 to 3
 * (src/frame.rs `Signal`). Only the listener passes 0, and only with the event the DOM gives
 * it.
 * `stop(all)` cancels the timer and, with `all`, removes the listener; from then on `send`
 * does nothing and `stopped` is true.
 */
export function listen(dispatch, readyMs) {
  // The global `window`, never `document.defaultView`: a named element such as
  // <img name="defaultView"> overrides the document's own properties.
  let listening = true;
  // A listener of this modal's own, so that removing it can never remove another's.
  const callback = (event) => dispatch(event, 0);
  window.addEventListener("message", callback);
  const timer = readyMs && window.setTimeout(() => dispatch(undefined, 4), readyMs);
  return {
    stop(all) {
      window.clearTimeout(timer);
      if (all && listening) {
        listening = false;
        window.removeEventListener("message", callback);
      }
    },
    send(command) {
      if (listening) dispatch(undefined, command);
    },
    get stopped() {
      return !listening;
    },
  };
}

/**
 * A fresh event for what Rust reports without a message: `destroy()`'s `closed` (with
 * `destroyed`), or the ready timeout's `failed`.
 */
export function syntheticEvent(destroyed) {
  return destroyed
    ? { type: "migration_modal.closed", reason: "destroyed" }
    : { type: "migration_modal.failed", code: "TIMEOUT", message: "the modal did not open in time" };
}

/**
 * The strings the message guard and the schema compare a message with (src/message_guard.rs,
 * src/schema.rs), made here rather than one by one from Rust: the tag, the envelope's keys,
 * the event's keys, then four lists in the order of Rust's `EventKind::NAMED`,
 * `STRING_FIELDS`, `RESERVED_KEYS` and `RejectReason::ALL` (a test checks them against those).
 */
export function messageKeys() {
  return [
    "anon_modal", "source", "event", "type", "internal",
    ["migration_modal.opened", "migration_modal.completed", "migration_modal.closed", "migration_modal.failed", "migration_modal.show", "migration_modal.hide"],
    ["user_id", "migration_id", "modal_id", "source_provider", "code", "message", "error_message"],
    ["__proto__", "constructor", "prototype"],
    ["SOURCE", "ORIGIN", "TAG", "SCHEMA", "TOO_LARGE"],
  ];
}

/**
 * What the schema asks of a value, in one call (src/schema.rs `Kind`): 0 `undefined`, 1
 * `null`, 2 `false`, 3 `true`, 4 a number, 5 a plain object (its prototype is
 * `Object.prototype` or `null`), 6 anything else (an array, a function, an exotic object, or
 * one whose prototype cannot be read), and 7 + n a string of length n.
 */
export function kindOf(value) {
  const type = typeof value;
  if (type === "string") return 7 + value.length;
  if (type === "number") return 4;
  if (type === "boolean") return value ? 3 : 2;
  if (value === undefined) return 0;
  if (value === null) return 1;
  if (type === "object") {
    try {
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return 5;
    } catch {}
  }
  return 6;
}

/**
 * `object[key]`, or `undefined` when reading it throws: a getter or a `Proxy` of the page's
 * own making (a message from another window, structured-cloned, has neither).
 */
export function field(object, key) {
  try {
    return object[key];
  } catch {
    return undefined;
  }
}

/** The page's `document`, or `undefined` where there is none (Node, workers). */
export function pageDocument() {
  return typeof document === "undefined" ? undefined : document;
}
