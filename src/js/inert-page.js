// The page behind a modal shown with `inertPage`, made `inert`, for src/js/frame.js.

import { builtIn, inertOf, isDialogOrPopover, opensAbove, setInert } from "./page.js";
import { serially } from "./serially.js";

/**
 * Makes `parent`'s children (the frame's siblings) `inert` for `show`, and those the page adds
 * while `lasts()` says the show lasts, leaving those that already were, a modal dialog open now
 * and the dialogs and popovers the page has yet to open (or opens again). Sets `show.cover`,
 * which covers what of the page is not yet, and pushes onto `show.undo`, before it changes
 * anything, what puts it all back.
 */
export function coverPage(frame, parent, show, lasts) {
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
      if (!lasts()) return;
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
  show.undo.push(() => {
    observer.disconnect();
    window.removeEventListener("beforetoggle", reopens, true);
    inert.forEach((element) => setInert(element, false));
  });
  observer.observe(parent, { __proto__: null, childList: true });
  window.addEventListener("beforetoggle", reopens, true);
  show.cover = cover;
  cover();
}
