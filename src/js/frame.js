// The modal in the page, for src/frame.rs: finding the page's document, parsing the modal's
// URL, building the iframe, showing and hiding it, and listening to the window's messages and
// the ready timer. Every decision (which URL, when to show, which message to accept) is made in
// Rust; these functions carry it out in one call each. Nothing here throws into the wasm: where
// the DOM, the URL parser or a value of the page throws, the function catches and returns
// `undefined`.
//
// The glue wasm-bindgen writes imports the modules Rust calls, four of them: this one,
// handle.js, options.js and the generated names.js. The test page of wasm-bindgen-test-runner
// (0.2.130) requests them at once, and with a fifth its server left one request unanswered in
// two runs of three, so that no test ran; the modules those import, requested after, loaded
// in every run. So this module hands on values.js's reads to src/js_value.rs (as handle.js
// hands on errors.js's and emitter.js's), and src/frame.rs names the modules only JavaScript
// imports so that wasm-bindgen copies them.

import { coverPage } from "./inert-page.js";
import { ALLOW, REFERRER_POLICY, SANDBOX } from "./names.js";
import { around, builtIn, focusedElement, inertOf, modalDialog, pageElement, parentOf, refocus, setInert } from "./page.js";
import { lockScroll } from "./scroll-lock.js";
import { serially } from "./serially.js";

export { dataOf, field, keysOf, kindOf, originOf, ownFields, propertyName, setField, sourceOf } from "./values.js";

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

/**
 * Whether the page has a modal `<dialog>` open: the top layer puts it above anything else and
 * makes the rest of the page inert.
 */
export const modalDialogOpen = (document) => !!modalDialog(document);

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
 * attributes of src/iframe.rs, for `parent` (`insertFrame` puts it there): a fullscreen overlay
 * when `zIndex` is given, otherwise a block that fills `parent`.
 */
export function buildFrame(document, parent, url, title, zIndex, hidden) {
  const frame = Document.prototype.createElement.call(document, "iframe");
  frame.sandbox = SANDBOX;
  frame.allow = ALLOW;
  frame.referrerPolicy = REFERRER_POLICY;
  frame.title = title;
  const style = frame.style;
  // The overlay resets every property first: as a popover it would also take the page's rules
  // for `[popover]` (a design system's size, offset or opacity). Its size in viewport units,
  // 100% where a browser has none (`sizeFrame` keeps them in the top layer, but under a page's
  // zoom). A light page's color scheme, whatever the page's: a frame whose scheme differs from
  // its document's gets an opaque canvas, which would hide a dark page behind the modal's
  // backdrop.
  style.cssText =
    (zIndex === undefined
      ? "display:block;width:100%;height:100%;"
      : "all:initial;position:fixed;inset:0;width:100%;height:100%;width:100dvw;height:100dvh;background:transparent;") +
    "border:0;margin:0;padding:0;color-scheme:light";
  if (zIndex !== undefined) {
    style.zIndex = zIndex;
    // A popover, shown once the modal is ready (`presentFrame`): the top layer puts it above
    // the whole page, and sizes it to the viewport even under a body with a `transform`. The
    // z-index is for browsers without popovers, and for the wait until ready.
    frame.popover = "manual";
    // Until then it takes no click or focus either: the page's Escape dismisses a modal that
    // does not load, and a click or a Tab into the see-through frame would take the key away.
    setInert(frame, true);
  }
  if (hidden) style.display = "none";
  frame.src = url.href;
  goingIn.set(frame, parent);
  return frame;
}

/**
 * Per frame built and not inserted, the element it goes in: a show before then (the embed's)
 * covers that element's children.
 */
const goingIn = new WeakMap();

/** Per frame, the watch on its ancestors that `listen` keeps (see there). */
const watches = new WeakMap();

/**
 * Appends the built `frame` to its parent, last in the embed: the browser then starts the
 * frame's page (its process, on another site) while the page's code runs on, and the embed's
 * listeners and show are done by then (unless the show waits its turn behind another modal's
 * show or hide: see `serially`). Its ancestors are watched from then, where the parent's
 * `appendChild` put it (a component's may move it into its slot). Says whether it is in:
 * `false` when the parent cannot hold it.
 */
export function insertFrame(frame) {
  const parent = goingIn.get(frame);
  goingIn.delete(frame);
  try {
    parent.appendChild(frame);
  } catch {
    return false;
  }
  watches.get(frame)?.();
  return true;
}

/**
 * Puts the shown, ready iframe before the user and moves focus into it: a fullscreen one, which
 * takes clicks and focus from now on, into the top layer, an `inline` one into view (focusing a
 * frame scrolls to it in no engine). Not before the modal is ready: until then there is nothing
 * of it to see, and showing a popover, like focusing, makes the browser compute the page's
 * styles at once, during the embed call. Under a modal dialog of the page, a fullscreen one
 * waits for that dialog to close (`waitForDialog`).
 */
export const presentFrame = (frame, inline, again) => serially(() => presentNow(frame, inline, again));

function presentNow(frame, inline, again) {
  const show = shows.get(frame);
  if (!show) return;
  if (inline) {
    // Beside an inline modal the page is usable: focus the user put elsewhere meanwhile stays
    // there, and the page where they scrolled it.
    const focus = focusedElement(frame.ownerDocument);
    if (focus && focus !== show.focus) return;
    // Every option given, and none read from what the page added to `Object.prototype`. A test's
    // DOM in Node (jsdom) has no scrollIntoView.
    frame.scrollIntoView?.({ __proto__: null, block: "nearest" });
  } else {
    // The page is still leaving fullscreen, or went fullscreen again while the modal loaded:
    // until it is out, the frame can be neither in the top layer nor focused. Once it is, this
    // runs again, if this show lasts.
    const leaving = !again && leaveFullscreen(frame.ownerDocument, frame);
    if (leaving) return void leaving.finally(() => shows.get(frame) === show && presentFrame(frame, inline, true));
    setInert(frame, false);
    show.loading?.remove();
    // A popover or non-modal dialog the page opened while the modal loaded is under it from
    // now on.
    if (setPopover(frame, true)) {
      show.presented = true;
      show.cover?.();
    } else if (waitForDialog(frame, show)) {
      // A modal dialog (a session-timeout warning) keeps the rest of the page, the modal too,
      // from taking focus until it closes.
      return;
    }
  }
  frame.focus();
}

/**
 * Under the page's modal dialog, presents the fullscreen frame again at the first animation
 * frame after that dialog closed or went, if this show lasts; one wait per show. Says whether
 * there is a dialog to wait for. Its element is watched, not the page: a web component's dialog
 * is found only while focus is in it.
 */
function waitForDialog(frame, show) {
  const dialog = modalDialog(frame.ownerDocument);
  if (!dialog || show.waiting) return !!dialog;
  show.waiting = true;
  const wait = () => {
    if (shows.get(frame) !== show) return;
    if (builtIn(Node, "isConnected", dialog) && Element.prototype.matches.call(dialog, ":modal")) {
      return void requestAnimationFrame(wait);
    }
    show.waiting = false;
    presentFrame(frame, false);
  };
  requestAnimationFrame(wait);
  return true;
}

/**
 * Per shown frame, until `hideFrame`, its show: `undo`, the functions that put back what
 * `showFrame` changed, in order; `focus`, the element that had focus as it showed (`null`:
 * none had); `cover`, with `inertPage`, what makes inert what of the page is not yet;
 * `loading`, the progress bar a fullscreen frame has until it is ready (`showLoading`);
 * `presented`, whether `presentFrame` put it in the top layer; and `waiting`, whether it
 * waits for a modal dialog of the page to close (`waitForDialog`).
 */
const shows = new WeakMap();

/** Where focus returns when none had it as the modal showed (see `openedFrom`). */
let calledFrom = null;

/**
 * Runs `embed` with `element` (the one focused when `openAnonModal` was called) as where focus
 * returns should the modal show when no element has focus: a clicked button that the app
 * disables while the server call runs loses it.
 */
export function openedFrom(element, embed) {
  calledFrom = element;
  try {
    return embed();
  } finally {
    calledFrom = null;
  }
}

/**
 * Shows the iframe; a `fullscreen` one takes the page out of fullscreen and stops it from
 * scrolling (`lockScroll`); with `inertPage`, makes the page behind it `inert` (`coverPage`:
 * before the iframe is in, the children of the parent it goes in); a fullscreen frame not
 * ready yet gets a progress bar a frame later (`showLoading`). Remembers how to put back each
 * change, and the element that had focus, for `hideFrame`.
 */
export const showFrame = (frame, fullscreen, inertPage) => serially(() => showNow(frame, fullscreen, inertPage));

function showNow(frame, fullscreen, inertPage) {
  // A show whose hide was dropped (see `serially`) is undone first, or its undo list, and the
  // page's own values in it, would be lost.
  if (shows.has(frame)) hideNow(frame);
  // Read before any sibling turns inert, which takes focus away.
  const document = frame.ownerDocument;
  const focus = focusedElement(document) ?? calledFrom;
  // The page may have taken the frame out; then there is nothing behind it to change.
  const parent = frame.parentElement ?? goingIn.get(frame);
  if (fullscreen) leaveFullscreen(document, frame, parent);
  frame.style.display = "block";
  // Focus goes back unless the user has put it elsewhere meanwhile (beside an inline modal).
  const undo = [
    () => {
      const now = focusedElement(document);
      if ((!now || now === frame) && !refocus(focus, document)) {
        // A button the page disables while the modal shows, and enables again as it closes (in
        // `onClosed`, or as its framework renders, a task later, which may come after a frame or
        // two on a busy machine): tried again at each frame for a quarter of a second, until it
        // or anything else has focus.
        const until = performance.now() + 250;
        const retry = (time) => focusedElement(document) || refocus(focus, document) || (time < until && requestAnimationFrame(retry));
        requestAnimationFrame(retry);
      }
    },
  ];
  const show = { __proto__: null, undo, focus, cover: undefined, loading: undefined, presented: false, waiting: false };
  shows.set(frame, show);
  // Only a fullscreen frame locks the scroll, and it is mounted on the body.
  if (fullscreen && parent) lockScroll(document, parent, undo);
  if (inertPage && parent) coverPage(frame, parent, show, () => shows.get(frame) === show);
  // Last: a `requestAnimationFrame` the page's code broke then leaves out the loading bar only.
  if (fullscreen && parent && inertOf(frame)) requestAnimationFrame(() => showLoading(frame, show));
}

/**
 * Until it is ready the frame takes no focus (see `buildFrame`), and the page behind is inert:
 * focus goes to a progress bar named as the frame, unseen, for a screen reader to say what is
 * loading where it would say nothing. Run a frame after `showFrame`, as focusing lays the page
 * out at once, within the embed call otherwise; `show` is the show it is for, and nothing is
 * made once the frame is ready, hidden or gone.
 */
function showLoading(frame, show) {
  if (!inertOf(frame) || shows.get(frame) !== show) return;
  const document = frame.ownerDocument;
  const progress = Document.prototype.createElement.call(document, "div");
  progress.setAttribute("role", "progressbar");
  progress.setAttribute("aria-label", frame.title);
  progress.tabIndex = -1;
  progress.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)";
  // Recorded before focus moves, as the page's focus handlers may hide or replace the modal.
  show.loading = progress;
  show.undo.push(() => progress.remove());
  frame.after(progress);
  // Not from the modal's page, which may take focus itself meanwhile, nor from a dialog or
  // popover the page opened: only from the inert page (an engine may not have moved it yet).
  // Not scrolled to either: under a transformed body, `top:0` is the body's top.
  const focus = focusedElement(document);
  if (focus !== frame && (!focus || around(focus, "[inert]"))) progress.focus({ __proto__: null, preventScroll: true });
}

/**
 * Leaves the page's fullscreen element (a video, a dashboard panel) when the frame is not in
 * it: in the top layer, it would cover the overlay and, as a modal dialog does, make it inert.
 * Unlike closing a dialog, leaving fullscreen loses nothing of the page's, so the modal is not
 * refused (as it is under a dialog) but put before the user once the browser has left it.
 * Returns a promise that settles then, or `undefined` when there is nothing to leave.
 */
function leaveFullscreen(document, frame, parent) {
  try {
    const element = builtIn(Document, "fullscreenElement", document);
    // One around the frame, or around the `parent` it goes in (the whole page, `<html>`, in a
    // kiosk or presentation) covers nothing of it: the page stays fullscreen, and the frame
    // where its `z-index` puts it.
    const holds = (node) => node && Node.prototype.contains.call(element, node);
    if (element && !holds(frame) && !holds(parent)) {
      return Document.prototype.exitFullscreen.call(document).catch(() => {});
    }
  } catch {
    // A browser without the Fullscreen API has no fullscreen element.
  }
}

/**
 * Sizes a fullscreen frame for where it is: the viewport, in viewport units. In the top layer
 * under a page's CSS zoom, which Chromium scales viewport units by, 100% instead; not
 * otherwise: WebKit may lay a 100% frame out 0 px tall under a body with a transform, a filter
 * or containment.
 */
function sizeFrame(frame, inTopLayer) {
  const zoomed = inTopLayer && (frame.currentCSSZoom ?? zoomAbove(frame)) !== 1;
  frame.style.width = zoomed ? "100%" : "100dvw";
  frame.style.height = zoomed ? "100%" : "100dvh";
}

/** The CSS zoom on `frame`, from its ancestors' (Chromium before 128 has no `currentCSSZoom`). */
function zoomAbove(frame) {
  let zoom = 1;
  for (let element = frame; element; element = element.parentElement) zoom *= parseFloat(getComputedStyle(element).zoom) || 1;
  return zoom;
}

/**
 * Shows or hides a fullscreen frame's popover, in the top layer; says whether it showed it. Not
 * above a page's modal dialog or fullscreen element (`:modal`), which makes the rest of the
 * page inert, the overlay too: under one, the overlay stays where its `z-index` puts it
 * (`presentFrame` waits for a modal dialog to close). A browser without popovers has none, and
 * a frame the page took out shows none: each is left as it is.
 */
function setPopover(frame, shown) {
  try {
    if (!shown) {
      frame.hidePopover?.();
      sizeFrame(frame, false);
    } else if (!pageElement(frame.ownerDocument, ":modal") && frame.showPopover) {
      frame.showPopover();
      sizeFrame(frame, true);
      return true;
    }
  } catch {
    // Not a popover, or not in the page.
  }
  return false;
}

/** Hides the iframe and puts back what the last `showFrame` changed, once, last change first. */
export const hideFrame = (frame) => serially(() => hideNow(frame));

function hideNow(frame) {
  frame.style.display = "none";
  const show = shows.get(frame);
  shows.delete(frame);
  // Taking the frame out of the top layer runs the page's `beforetoggle` handlers.
  if (show?.presented) setPopover(frame, false);
  for (const put of show?.undo.reverse() ?? []) put();
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
 * Whether `event` went to an element in a modal dialog or an open popover, which the top layer
 * puts above the overlay: where it went first, inside a web component's shadow root, rather
 * than the host `event.target` names at the window. One selector at a time: a browser that
 * lacks one refuses a list holding it.
 */
function inPageTopLayer(event) {
  const target = Event.prototype.composedPath.call(event)[0];
  return ["dialog:modal", ":popover-open"].some((selector) => {
    try {
      return around(target, selector);
    } catch {
      return false;
    }
  });
}

/**
 * Listens to the page's `message` events, handing each to `commands.message`, and, when
 * `readyMs > 0`, calls `commands.timeout()` after `readyMs` milliseconds. Until the modal is
 * ready it also hands over the page's Escape key (`commands.dismiss()`; the keydown that closed
 * the modal goes no further) and its Content-Security-Policy violations
 * (`commands.blocked(directive, blockedURI)`), so that a modal that cannot load never traps
 * the page. Should the page take `frame` out (a re-render, or Turbo or htmx swapping the
 * body), it calls `commands.destroy()`: nothing of the modal's outlives its iframe. `commands`
 * is what `commands()` made. Returns the link the handle and Rust use: `stop(all)` cancels the
 * timer and the ready-time listeners and, with `all`, removes the message listener and stops
 * watching the frame; from then on `stopped` is true, the handle's commands do nothing and
 * `removed` is resolved.
 */
export function listen(commands, readyMs, frame) {
  let listening = true;
  // Listeners of this modal's own (on the global `window`, never `document.defaultView`, which
  // a named element can override), so that removing them can never remove another's.
  const callback = (event) => commands.message(event);
  // A list, not an object walked with `for...in`, which would also walk what the page added
  // to `Object.prototype`.
  const unready = [
    [
      "keydown",
      (event) => {
        // Not for the overlay: an Escape that ends an IME composition, one the page handled
        // already, one pressed in a dialog or popover the page opened above the overlay, and
        // any while the page has a modal dialog open (above it: it refuses to mount under one),
        // which gets Escape wherever focus is.
        if (event.key !== "Escape" || event.isComposing || event.defaultPrevented) return;
        if (modalDialogOpen(frame.ownerDocument) || inPageTopLayer(event)) return;
        commands.dismiss();
        // The Escape that closed the overlay was for it alone: the page's own handlers (a menu
        // or a dialog under the overlay) do not also act on it.
        if (!listening) {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
      },
    ],
    // A report-only policy blocked nothing.
    [
      "securitypolicyviolation",
      (event) =>
        event.disposition === "enforce" &&
        commands.blocked(event.effectiveDirective, event.blockedURI),
    ],
  ];
  window.addEventListener("message", callback);
  // In the capture phase: `window` is then an event's first stop, before any of the page's.
  for (const [type, listener] of unready) window.addEventListener(type, listener, true);
  const timer = readyMs && window.setTimeout(() => commands.timeout(), readyMs);
  // The page may take the frame out: a change to the child list of one of its ancestors (across
  // shadow roots) can, and only that, so those are watched, again after each change, as the
  // frame may have moved. One moved within a task is still in the page when this runs, and
  // stays. One not in the page yet is watched from the document until it is in; `insertFrame`
  // watches its ancestors as it goes in, wherever its parent put it.
  let inPage = false;
  const taken = new MutationObserver(watchAncestors);
  function watchAncestors() {
    if (!listening) return;
    if (!frame.isConnected) {
      if (inPage) commands.destroy();
      return;
    }
    inPage = true;
    // Moved, it has left the top layer: it goes back, or, under a modal dialog the page opened
    // meanwhile, once that closes. A change of its own, as going back runs the page's
    // `beforetoggle` handlers, which may hide the modal.
    serially(() => {
      const show = shows.get(frame);
      if (!show?.presented || Element.prototype.matches.call(frame, ":popover-open")) return;
      if (!setPopover(frame, true)) waitForDialog(frame, show);
    });
    taken.disconnect();
    for (let node = parentOf(frame); node; node = parentOf(node)) taken.observe(node, { __proto__: null, childList: true });
  }
  watches.set(frame, watchAncestors);
  if (frame.isConnected) watchAncestors();
  else taken.observe(frame.ownerDocument, { __proto__: null, childList: true, subtree: true });
  const [removed, resolveRemoved] = deferred();
  return {
    commands,
    removed,
    stop(all) {
      if (all && listening) {
        listening = false;
        window.removeEventListener("message", callback);
        taken.disconnect();
        resolveRemoved();
      }
      window.clearTimeout(timer);
      for (const [type, listener] of unready) window.removeEventListener(type, listener, true);
    },
    get stopped() {
      return !listening;
    },
  };
}
