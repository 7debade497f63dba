// The modal in the page, for src/frame.rs and src/js_value.rs: finding the page's document,
// parsing the modal's URL, building the iframe, showing and hiding it, listening to the
// window's messages and the ready timer, and reading what a message holds. Every decision
// (which URL, when to show, which message to accept) is made in Rust; these functions carry
// it out in one call each. Nothing here throws into the wasm: where the DOM, the URL parser or
// a value of the page throws, the function catches and returns `undefined`.
//
// The crate's JavaScript is four modules (this one, handle.js, options.js and the generated
// names.js): wasm-bindgen-test-runner's server can stall a page that loads more at once.

import { ALLOW, REFERRER_POLICY, SANDBOX } from "./names.js";

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
  return builtIn(Document, "body", document);
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
 * attributes of src/iframe.rs and appends it to `parent`: a fullscreen overlay when `zIndex` is given,
 * otherwise a block that fills `parent`. Returns `undefined` when `parent` cannot hold it.
 */
export function mountFrame(document, parent, url, title, zIndex, hidden) {
  const frame = Document.prototype.createElement.call(document, "iframe");
  frame.sandbox = SANDBOX;
  frame.allow = ALLOW;
  frame.referrerPolicy = REFERRER_POLICY;
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
 * Shows the iframe; with `lockScroll`, stops the page behind it from scrolling; with
 * `inertPage`, makes the iframe's siblings `inert`, leaving those that already were. Remembers
 * the body's inline `overflow`, the element that had focus and the siblings it made inert, for
 * `hideFrame`.
 */
export function showFrame(frame, lockScroll, inertPage) {
  // Read before any sibling turns inert, which takes focus away; through the prototypes, as a
  // named element (`<img name=activeElement>`, a form's `<input name=inert>`) overrides both.
  const focus = builtIn(Document, "activeElement", frame.ownerDocument);
  frame.style.display = "block";
  // The page may have taken the frame out; then there is nothing behind it to change.
  const parent = frame.parentElement;
  // Only a fullscreen frame locks the scroll, and it is mounted on the body.
  const body = lockScroll ? parent : null;
  const overflow = body?.style.getPropertyValue("overflow");
  body?.style.setProperty("overflow", "hidden");
  const inert = [];
  if (inertPage && parent) {
    for (const sibling of parent.children) {
      if (sibling !== frame && sibling instanceof HTMLElement && !inertOf(sibling)) {
        setInert(sibling, true);
        inert.push(sibling);
      }
    }
  }
  changed.set(frame, [body, overflow, focus, inert]);
}

/**
 * `object[name]` as the `type`'s prototype defines it, past any named element's override;
 * `undefined` where this browser has no such property.
 */
function builtIn(type, name, object) {
  return Object.getOwnPropertyDescriptor(type.prototype, name)?.get.call(object);
}

const inertOf = (element) => builtIn(HTMLElement, "inert", element);

/** Sets `inert` past any override; a browser without it (Firefox before 112) has none to set. */
function setInert(element, inert) {
  Object.getOwnPropertyDescriptor(HTMLElement.prototype, "inert")?.set.call(element, inert);
}

/** Gives focus back to `element` if it is still in the page, past any named control's override. */
function refocus(element) {
  try {
    if (builtIn(Node, "isConnected", element)) {
      (element instanceof SVGElement ? SVGElement : HTMLElement).prototype.focus.call(element);
    }
  } catch {
    // Not an element that takes focus: it stays where it is.
  }
}

/** Hides the iframe and puts back what the last `showFrame` changed, once. */
export function hideFrame(frame) {
  frame.style.display = "none";
  const saved = changed.get(frame);
  changed.delete(frame);
  if (saved) {
    const [body, overflow, focus, inert] = saved;
    body?.style.setProperty("overflow", overflow);
    for (const element of inert) setInert(element, false);
    refocus(focus);
  }
}

/**
 * The commands object `listen` and the handle call, the one place their names are given: the
 * wasm's exported entry points (npm/index.js), or closures over the same for Rust callers
 * (src/modal.rs).
 */
export function commands(message, timeout, dismiss, blocked, show, hide, destroy) {
  return Object.freeze({ message, timeout, dismiss, blocked, show, hide, destroy });
}

/**
 * Listens to the page's `message` events, handing each to `commands.message`, and, when
 * `readyMs > 0`, calls `commands.timeout()` after `readyMs` milliseconds. Until the modal is
 * ready it also hands over the page's Escape key (`commands.dismiss()`) and its
 * Content-Security-Policy violations (`commands.blocked(directive, blockedURI)`), so that a
 * modal that cannot load never traps the page. `commands` is what `commands()` made. Returns
 * the link the handle and Rust use: `stop(all)` cancels the timer and the ready-time listeners
 * and, with `all`, removes the message listener; from then on `stopped` is true, the handle's
 * commands do nothing and `removed` is resolved.
 */
export function listen(commands, readyMs) {
  let listening = true;
  // Listeners of this modal's own (on the global `window`, never `document.defaultView`, which
  // a named element can override), so that removing them can never remove another's.
  const callback = (event) => commands.message(event);
  // A list, not an object walked with `for...in`, which would also walk what the page added
  // to `Object.prototype`.
  const unready = [
    ["keydown", (event) => event.key === "Escape" && commands.dismiss()],
    // A report-only policy blocked nothing.
    [
      "securitypolicyviolation",
      (event) =>
        event.disposition === "enforce" &&
        commands.blocked(event.effectiveDirective, event.blockedURI),
    ],
  ];
  window.addEventListener("message", callback);
  for (const [type, listener] of unready) window.addEventListener(type, listener);
  const timer = readyMs && window.setTimeout(() => commands.timeout(), readyMs);
  const [removed, resolveRemoved] = deferred();
  return {
    commands,
    removed,
    stop(all) {
      if (all && listening) {
        listening = false;
        window.removeEventListener("message", callback);
        resolveRemoved();
      }
      window.clearTimeout(timer);
      for (const [type, listener] of unready) window.removeEventListener(type, listener);
    },
    get stopped() {
      return !listening;
    },
  };
}

/**
 * What the guard asks of a value, in one call (src/guard.rs `Kind`): 0 `undefined`, 1 `null`,
 * 2 `false`, 3 `true`, 4 a number, 5 a plain object (its prototype is `Object.prototype` or
 * `null`), 6 anything else (a function, an exotic object, or one whose prototype cannot be
 * read), 7 + n a string of length n, and -1 - n an array of length n.
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
      if (Array.isArray(value)) return -1 - value.length;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return 5;
    } catch {}
  }
  return 6;
}

/** `Object.keys(object)`, or none when listing them throws (a `Proxy` of the page's own making). */
export function keysOf(object) {
  try {
    return Object.keys(object);
  } catch {
    return [];
  }
}

/**
 * `object[key]` when `key` is `object`'s own; `undefined` for an inherited one (a message from
 * another window is structured-cloned onto the page's `Object.prototype`, which the page may
 * have added to), or where reading it throws (a `Proxy` or getter of the page's own making).
 * options.js reads the options with it too. (`hasOwnProperty`, as engines before 2021 have no
 * `Object.hasOwn`.)
 */
export function field(object, key) {
  try {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds `key: value` to the guard's copy as a plain data property, whatever the page put on the
 * prototypes: a field is assigned where no setter can run (the key is nowhere on
 * `Object.prototype`, whose own prototype cannot change), which is fast, and otherwise defined,
 * which runs no setter; an array's item (its index a number) is always defined, as
 * `Array.prototype`'s chain is the page's to change.
 */
export function setField(object, key, value) {
  if (typeof key === "number" || key in Object.prototype) {
    Object.defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}
