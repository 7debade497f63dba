// The scroll lock behind a fullscreen modal, for src/js/frame.js.

import { builtIn } from "./page.js";

/**
 * Stops the page behind a fullscreen modal from scrolling: the elements whose overflow scrolls
 * it (`scrollers`: `body`, the frame's parent, the root, or both) get `overflow: hidden`, and
 * `body` the scrollbar's room as padding. Pushes onto `undo` what puts back each change, as it makes it.
 */
export function lockScroll(document, body, undo) {
  // The room the viewport's scrollbar took (none for an overlay one) goes to the body's
  // padding: the page behind the modal would otherwise widen and shift sideways as the
  // scrollbar goes. A root with `scrollbar-gutter: stable` keeps that room itself.
  const scrollbar = scrollbarWidth(document);
  // Each element's computed style asked for once, and read before anything is locked.
  const root = builtIn(Document, "documentElement", document);
  const [rootStyle, bodyStyle] = [getComputedStyle(root), getComputedStyle(body)];
  const kept = rootStyle.scrollbarGutter?.startsWith("stable");
  const padding = scrollbar > 0 && !kept && `${parseFloat(bodyStyle.paddingRight) + scrollbar}px`;
  for (const element of scrollers(root, rootStyle, body, bodyStyle)) {
    for (const name of ["overflow-x", "overflow-y"]) undo.push(lockStyle(element, name, "hidden"));
  }
  if (padding) undo.push(lockStyle(body, "padding-right", padding));
}

/** The room the viewport's scrollbar takes: none for an overlay scrollbar, or where none shows. */
const scrollbarWidth = (document) => innerWidth - builtIn(Document, "documentElement", document).clientWidth;

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
