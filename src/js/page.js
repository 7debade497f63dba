// Reading the page past what its own code and markup override (a named element such as
// `<img name=body>`, a patched prototype): its elements, focus, `inert`, and its dialogs and
// popovers, for src/js/frame.js and the modules it uses, and npm/index.js.

import { field } from "./values.js";

/** The modal `<dialog>` the page has open (see frame.js `modalDialogOpen`), or `null`. */
export const modalDialog = (document) => pageElement(document, "dialog:modal");

/**
 * An element of the page that matches `selector` (`:modal`, say): one in the document, read
 * through `Document.prototype`, past a named element, or one around the element that has
 * focus, which a modal dialog takes as it opens, across the shadow roots the document's
 * `querySelector` does not look in (a web component's dialog: Material Web's, Web Awesome's);
 * `null` when there is none. A browser without the selector (`:modal` is from 2022) has none.
 */
export function pageElement(document, selector) {
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
export function around(node, selector) {
  for (; node; node = (node instanceof Element && builtIn(Element, "assignedSlot", node)) || parentOf(node)) {
    if (node instanceof Element && Element.prototype.matches.call(node, selector)) return node;
  }
  return null;
}

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

/**
 * `object[name]` as the `type`'s prototype defines it, past any named element's override. Where
 * that prototype has no such property (a browser without it, or a DOM of another realm than
 * the global `type`, as Vitest's happy-dom gives), `object[name]` as it reads.
 */
export function builtIn(type, name, object) {
  const descriptor = Object.getOwnPropertyDescriptor(type.prototype, name);
  return descriptor ? descriptor.get.call(object) : object[name];
}

/**
 * `node`'s parent, or a shadow root's host, past any named element's override: the document's
 * `host` is an `<img name=host>` (which a sanitizer lets through in user content), a form's
 * `parentNode` its `<input name=parentNode>`, and either would send a walk up the page round
 * for ever.
 */
export function parentOf(node) {
  return builtIn(Node, "parentNode", node) ?? (node instanceof ShadowRoot ? node.host : null);
}

export const inertOf = (element) => builtIn(HTMLElement, "inert", element);

/** Sets `inert` past any override; a browser without it (Firefox before 112) has none to set. */
export function setInert(element, inert) {
  Object.getOwnPropertyDescriptor(HTMLElement.prototype, "inert")?.set.call(element, inert);
}

/**
 * Gives focus back to `element` if it is still in `document`, past any named control's
 * override; says whether it took it.
 */
export function refocus(element, document) {
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

export const isDialogOrPopover = (node) =>
  isDialog(node) || (node instanceof Element && Element.prototype.hasAttribute.call(node, "popover"));

/**
 * Whether `node` is a dialog or popover that is above the overlay, and must stay usable (a
 * session-timeout warning): one the page has not opened yet, as opened later it goes in the top
 * layer, or a modal dialog open now, which the overlay goes above only once it has closed
 * (frame.js `waitForDialog`). A popover or non-modal dialog open already is under the
 * overlay, as the rest of the page is.
 */
export function opensAbove(node) {
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
