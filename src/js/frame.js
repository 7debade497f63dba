// The modal in the page, for src/frame.rs and src/js_value.rs: finding the page's document,
// parsing the modal's URL, building the iframe, showing and hiding it, listening to the
// window's messages and the ready timer, and reading what a message holds. Every decision
// (which URL, when to show, which message to accept) is made in Rust; these functions carry
// it out in one call each. Nothing here throws into the wasm: where the DOM, the URL parser or
// a value of the page throws, the function catches and returns `undefined`.
//
// The crate's JavaScript is four modules (this one, handle.js, options.js and the generated
// names.js): the test page wasm-bindgen-test-runner serves requests them all at once, and its
// server (0.2.130) left a fifth module's request unanswered, so that no test ran.

import { report } from "./handle.js";
import { ALLOW, KIND_FALSE, KIND_LIST, KIND_NULL, KIND_NUMBER, KIND_OTHER, KIND_PLAIN, KIND_TEXT, KIND_TRUE, KIND_UNDEFINED, REFERRER_POLICY, SANDBOX } from "./names.js";

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

/** The modal `<dialog>` the page has open (see `modalDialogOpen`), or `null`. */
const modalDialog = (document) => pageElement(document, "dialog:modal");

/**
 * An element of the page that matches `selector` (`:modal`, say): one in the document, read
 * through `Document.prototype`, past a named element, or one around the element that has
 * focus, which a modal dialog takes as it opens, across the shadow roots the document's
 * `querySelector` does not look in (a web component's dialog: Material Web's, Web Awesome's);
 * `null` when there is none. A browser without the selector (`:modal` is from 2022) has none.
 */
function pageElement(document, selector) {
  try {
    return Document.prototype.querySelector.call(document, selector) ?? around(focusedElement(document), selector);
  } catch {
    // A selector the browser does not know.
    return null;
  }
}

/**
 * `node`, or the nearest element around it in the flat tree, that matches `selector`, or
 * `null`: up through the slot it is shown in (a web component's dialog shows the page's
 * buttons through one) and from a shadow root to its host.
 */
function around(node, selector) {
  for (; node; node = (node instanceof Element && builtIn(Element, "assignedSlot", node)) || parentOf(node)) {
    if (node instanceof Element && Element.prototype.matches.call(node, selector)) return node;
  }
  return null;
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
    // Every option given, and none read from what the page added to `Object.prototype`.
    frame.scrollIntoView({ __proto__: null, block: "nearest" });
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

/** The room the viewport's scrollbar takes: none for an overlay scrollbar, or where none shows. */
const scrollbarWidth = (document) => innerWidth - builtIn(Document, "documentElement", document).clientWidth;

/**
 * Per shown frame, until `hideFrame`, its show: `undo`, the functions that put back what
 * `showFrame` changed, in order; `focus`, the element that had focus as it showed (`null`:
 * none had); `cover`, with `inertPage`, what makes inert what of the page is not yet;
 * `loading`, the progress bar a fullscreen frame has until it is ready (`showLoading`);
 * `presented`, whether `presentFrame` put it in the top layer; and `waiting`, whether it
 * waits for a modal dialog of the page to close (`waitForDialog`).
 */
const shows = new WeakMap();

/**
 * The element that has focus in `document`, inside a web component's open shadow root rather
 * than its host; `null` when none has (focus is on the body). Through the prototype, as a named
 * element (`<img name=activeElement>`) overrides `document.activeElement`.
 */
export function focusedElement(document) {
  let focus = builtIn(Document, "activeElement", document);
  // Each step goes into a shadow root, deeper: what the page added to `Object.prototype` or
  // named in a focused form cannot send it round.
  for (let root; (root = focus && builtIn(Element, "shadowRoot", focus)); ) {
    const inner = builtIn(ShadowRoot, "activeElement", root);
    if (!inner || inner === focus) break;
    focus = inner;
  }
  return focus && builtIn(Element, "localName", focus) !== "body" ? focus : null;
}

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
 * scrolling; with `inertPage`, makes the iframe's siblings `inert` (before it is in, the
 * children of the parent it goes in; those the page adds while it is shown too), leaving those
 * that already were, a modal dialog open now and the dialogs and popovers the page has yet to
 * open (or opens again); a fullscreen frame not ready yet gets a progress bar a frame later
 * (`showLoading`). Remembers how to put back each change, and the element that had focus, for
 * `hideFrame`.
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
  if (fullscreen && parent) {
    // The room the viewport's scrollbar took (none for an overlay one) goes to the body's
    // padding: the page behind the modal would otherwise widen and shift sideways as the
    // scrollbar goes. A root with `scrollbar-gutter: stable` keeps that room itself.
    const scrollbar = scrollbarWidth(document);
    // Each element's computed style asked for once, and read before anything is locked.
    const root = builtIn(Document, "documentElement", document);
    const [rootStyle, bodyStyle] = [getComputedStyle(root), getComputedStyle(parent)];
    const kept = rootStyle.scrollbarGutter?.startsWith("stable");
    const padding = scrollbar > 0 && !kept && `${parseFloat(bodyStyle.paddingRight) + scrollbar}px`;
    for (const element of scrollers(root, rootStyle, parent, bodyStyle)) {
      for (const name of ["overflow-x", "overflow-y"]) undo.push(lockStyle(element, name, "hidden"));
    }
    if (padding) undo.push(lockStyle(parent, "padding-right", padding));
  }
  if (inertPage && parent) {
    const inert = [];
    const makeInert = (element) => {
      const eligible = element !== frame && element !== show.loading && element instanceof HTMLElement;
      if (eligible && !inertOf(element)) {
        inert.push(element);
        setInert(element, true);
      }
    };
    const cover = () => {
      // A copy: the page's code may take an element out as it turns inert.
      for (const child of [...builtIn(Element, "children", parent)]) if (!opensAbove(child)) makeInert(child);
    };
    // A toast, a portal or a chat widget the page adds meanwhile is behind the modal too; a
    // dialog or popover goes above it, even one opened in the task that added it. A change of
    // its own, as what turns inert runs the page's code, which may hide the modal.
    const observer = new MutationObserver((records) =>
      serially(() => {
        if (shows.get(frame) !== show) return;
        for (const record of records) for (const node of record.addedNodes) if (!isDialogOrPopover(node)) makeInert(node);
      }),
    );
    // One open as the modal showed, and so made inert, that the page opens again stops being
    // inert before it opens, in time for a modal dialog to take focus: a toast shown again, or
    // a dialog opened with `showModal()`, is above the modal, as one opened later is (a dialog
    // opened with `show()` is under it, as one opened later is).
    const reopens = (event) => {
      const target = event.target;
      if (event.newState !== "open" || !isDialogOrPopover(target)) return;
      const at = inert.indexOf(target);
      if (at >= 0) {
        setInert(target, false);
        inert.splice(at, 1);
      }
      // WebKit reads `inert` from the style, that of a dialog in the inert app root too:
      // brought up to date here, or a modal dialog's focusing steps still find it inert.
      getComputedStyle(target).visibility;
    };
    // Put back first: a hide undoes the covering however far it got.
    undo.push(() => {
      observer.disconnect();
      window.removeEventListener("beforetoggle", reopens, true);
      inert.forEach((element) => setInert(element, false));
    });
    observer.observe(parent, { __proto__: null, childList: true });
    window.addEventListener("beforetoggle", reopens, true);
    show.cover = cover;
    cover();
  }
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
 * The elements whose overflow scrolls the page, from the root's and the body's computed
 * styles: the viewport scrolls as the body says unless the root element says otherwise, or
 * either has any containment (`contain`, a container query's `container-type`,
 * `content-visibility`), and a body with an overflow of its own then scrolls itself. Locking an
 * element whose overflow is `visible` would make it a scroll container of its own, and the page
 * would lose its scroll position.
 */
function scrollers(root, rootStyle, body, bodyStyle) {
  const own = (style) => style.overflowX !== "visible" || style.overflowY !== "visible";
  const contained = (style) =>
    (style.contain ?? "none") !== "none" || (style.containerType ?? "normal") !== "normal" || (style.contentVisibility ?? "visible") !== "visible";
  if (!own(rootStyle) && !contained(rootStyle) && !contained(bodyStyle)) return [body];
  return own(bodyStyle) ? [root, body] : [root];
}

/**
 * Sets `name: locked !important` on `element`'s inline style (`!important` to win over the
 * page's stylesheets); returns what puts back the value and priority it had, unless the page
 * changed it meanwhile, and takes out the `style` attribute it added, left empty. The locked
 * value without its `!important` is still the lock's: a dialog library that saved it and put it
 * back as it closed (MUI's, Bootstrap's) drops the priority.
 */
function lockStyle(element, name, locked) {
  const { style } = element;
  const attribute = Element.prototype.hasAttribute.call(element, "style");
  const value = style.getPropertyValue(name);
  const priority = style.getPropertyPriority(name);
  style.setProperty(name, locked, "important");
  // As stored: a length of many digits (a fractional padding plus the scrollbar) is rounded.
  const stored = style.getPropertyValue(name);
  return () => {
    if (style.getPropertyValue(name) === stored) style.setProperty(name, value, priority);
    if (!attribute && Element.prototype.getAttribute.call(element, "style") === "") Element.prototype.removeAttribute.call(element, "style");
  };
}

/**
 * `object[name]` as the `type`'s prototype defines it, past any named element's override. Where
 * that prototype has no such property (a browser without it, or a DOM of another realm than
 * the global `type`, as Vitest's happy-dom gives), `object[name]` as it reads.
 */
function builtIn(type, name, object) {
  const descriptor = Object.getOwnPropertyDescriptor(type.prototype, name);
  return descriptor ? descriptor.get.call(object) : object[name];
}

/**
 * `node`'s parent, or a shadow root's host, past any named element's override: the document's
 * `host` is an `<img name=host>` (which a sanitizer lets through in user content), a form's
 * `parentNode` its `<input name=parentNode>`, and either would send a walk up the page round
 * for ever.
 */
function parentOf(node) {
  return builtIn(Node, "parentNode", node) ?? (node instanceof ShadowRoot ? node.host : null);
}

const inertOf = (element) => builtIn(HTMLElement, "inert", element);

/** Sets `inert` past any override; a browser without it (Firefox before 112) has none to set. */
function setInert(element, inert) {
  Object.getOwnPropertyDescriptor(HTMLElement.prototype, "inert")?.set.call(element, inert);
}

/**
 * Gives focus back to `element` if it is still in `document`, past any named control's
 * override; says whether it took it.
 */
function refocus(element, document) {
  try {
    if (builtIn(Node, "isConnected", element)) {
      (element instanceof SVGElement ? SVGElement : HTMLElement).prototype.focus.call(element);
    }
  } catch {
    // Not an element that takes focus: it stays where it is.
  }
  return focusedElement(document) === element;
}

/**
 * The window's own `HTMLDialogElement`, or undefined: a browser without dialogs (Safari before
 * 15.4, Firefox before 98) has none, and the name is then the page's element named so, if any,
 * which is never an own property of the window.
 */
const dialogElement = () => field(globalThis, "HTMLDialogElement");

function isDialog(node) {
  const Dialog = dialogElement();
  return typeof Dialog === "function" && node instanceof Dialog;
}

const isDialogOrPopover = (node) =>
  isDialog(node) || (node instanceof Element && Element.prototype.hasAttribute.call(node, "popover"));

/**
 * Whether `node` is a dialog or popover that is above the overlay, and must stay usable (a
 * session-timeout warning): one the page has not opened yet, as opened later it goes in the top
 * layer, or a modal dialog open now, which the overlay goes above only once it has closed
 * (`waitForDialog`). A popover or non-modal dialog open already is under the overlay, as the
 * rest of the page is.
 */
function opensAbove(node) {
  try {
    if (isDialog(node)) {
      return !builtIn(dialogElement(), "open", node) || Element.prototype.matches.call(node, ":modal");
    }
    return isDialogOrPopover(node) && !Element.prototype.matches.call(node, ":popover-open");
  } catch {
    // A browser without popovers: a `popover` attribute is an ordinary element's.
    return false;
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

/**
 * The changes to the page (shows, presents, hides, and the observers' work) asked while one
 * runs, each run once those before it are done: the page's code runs inside one (a custom
 * element that observes `inert`, a `beforetoggle` handler) and may ask for another, of this
 * modal or of a new one, which, run at once, would lock and cover what the hide it interrupts
 * then unlocks and uncovers, or hide what the show it interrupts then goes on covering. One
 * list for every frame, as the scroll lock and `inert` are the page's. `undefined` while none
 * runs.
 */
let queue;

/**
 * The most changes one run of the list takes in turn, far more than any page asks for at once.
 * More is the page's code asking for another in each, without end (an element that hides the
 * modal as the page turns inert and shows it as it stops), which would hang the page: the rest
 * are dropped, and that reported. Rust then believes the last one asked, which may not be
 * done: a show then a hide, or the modal's teardown, puts the page right.
 */
const MOST_CHANGES = 100;

/**
 * Runs `change` (a show, a present, a hide, or the observers' covering and putting back in the
 * top layer, which run the page's code too) now or, while one runs, after it and those asked
 * before it. One that the page's code breaks (a patched `requestAnimationFrame` that throws) is
 * reported as that code's error, and the others still run: none throws into the wasm.
 */
function serially(change) {
  if (queue) return void queue.push(change);
  queue = [change];
  let at = 0;
  for (; at < queue.length && at < MOST_CHANGES; at++) {
    try {
      queue[at]();
    } catch (error) {
      report(error);
    }
  }
  const endless = at < queue.length;
  queue = undefined;
  // Reported once the list is done, so that what the page's error listener asks is done too.
  if (endless) {
    report(
      new RangeError(
        `anon-modal: ${MOST_CHANGES} shows and hides in a row, each asked by the page's code during an earlier one, without end (an element that hides the modal as the page turns inert and shows it as it stops?): the rest were dropped`,
      ),
    );
  }
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

/**
 * What the guard asks of a value, in one call (src/guard.rs `Kind`, in the codes of its
 * `kind_code`): a plain object's prototype is `Object.prototype` or `null`; "other" is anything
 * else (a function, an exotic object, or one whose prototype cannot be read); a string's code
 * adds its length, and an array's takes its length away.
 */
export function kindOf(value) {
  const type = typeof value;
  if (type === "string") return KIND_TEXT + value.length;
  if (type === "number") return KIND_NUMBER;
  if (type === "boolean") return value ? KIND_TRUE : KIND_FALSE;
  if (value === undefined) return KIND_UNDEFINED;
  if (value === null) return KIND_NULL;
  if (type === "object") {
    try {
      if (Array.isArray(value)) return KIND_LIST - value.length;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return KIND_PLAIN;
    } catch {}
  }
  return KIND_OTHER;
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
 * A `message` event's `source`, `origin` and `data`: `undefined` where a page's script made the
 * getter throw, as a throw that crossed the wasm would leave its stack lower each time, until
 * no call into it worked.
 */
export function sourceOf(event) {
  try {
    return event.source;
  } catch {}
}

/** See `sourceOf`. */
export function originOf(event) {
  try {
    return event.origin;
  } catch {}
}

/** See `sourceOf`. */
export function dataOf(event) {
  try {
    return event.data;
  } catch {}
}

/**
 * `text` as the engine keeps a property's name (interned): the guard's names compare with a
 * message's keys, and look its fields up, at once, where a string made from the wasm's bytes
 * is compared character by character.
 */
export const propertyName = (text) => Object.keys({ [text]: 0 })[0];

/**
 * Which of `keys` are `object`'s own enumerable fields, those `Object.keys` lists, as bits (bit i
 * for `keys[i]`): not one whose asking throws (a `Proxy` of the page's own making).
 */
export function ownFields(object, keys) {
  let bits = 0;
  for (let i = 0; i < keys.length; i++) {
    try {
      if (Object.prototype.propertyIsEnumerable.call(object, keys[i])) bits |= 1 << i;
    } catch {}
  }
  return bits;
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
