// The changes a modal makes to the page, run one at a time, for src/js/frame.js and
// src/js/inert-page.js.

import { report } from "./errors.js";

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
export function serially(change) {
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
