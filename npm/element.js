// anon-modal/element: importing it defines <anon-migration-modal> once (a second import, or one
// on a server without customElements, does nothing). The core is "./index.js", the one an app
// imports too.
import { init, embedAnonModal } from "./index.js";

const TAG = "anon-migration-modal";
// <generated: attributes>
/**
 * The options the element's attributes give (src/option_names.rs `ValueOption::attribute`):
 * `[attribute, option, reader]`, each reader one of the functions below.
 */
const ATTRIBUTES = [
  ["inline", "container", attributeContainer],
  ["allowed-origins", "allowedOrigins", attributeOrigins],
  ["expires-at", "expiresAt", attributeTime],
  ["ready-timeout-ms", "readyTimeoutMs", attributeWhole],
  ["z-index", "zIndex", attributeWhole],
  ["title", "title", attributeText],
  ["hidden", "hidden", attributeFlag],
  ["allow-insecure-localhost", "allowInsecureLocalhost", attributeFlag],
];
/** Shows and hides the modal rather than mounting it again. */
const HIDDEN = "hidden";
/** Mounts the modal inside the element. */
const INLINE = "inline";
/** The callback option that gets every event, which the element dispatches. */
const ON_EVENT = "onEvent";
// </generated>
// <generated: type-namespace>
/** Anon's modal event types start with one of these (src/event.rs `TYPE_NAMESPACES`). */
const TYPE_NAMESPACES = ["migration_modal.", "migration_modal_step."];
// </generated>
// The readers of src/option_names.rs `Takes`, which ATTRIBUTES names: each returns the value of
// the element's attribute `name` for its option, `undefined` when absent (a flag: `false`).

/** The value as written; an empty one, as a template binding with no value writes it, is none. */
function attributeText(element, name) {
  return element.getAttribute(name) || undefined;
}

/** The value as written, for `expiresAt` to read (and an error to show as written). */
function attributeTime(element, name) {
  return attributeText(element, name);
}

/** Space-separated origins. */
function attributeOrigins(element, name) {
  return attributeText(element, name)?.split(/\s+/).filter(Boolean);
}

/** Digits are a number; anything else goes as written, for the error to show it. */
function attributeWhole(element, name) {
  const value = attributeText(element, name);
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** By its presence, as HTML's boolean attributes: `hidden="until-found"` reads as a string. */
function attributeFlag(element, name) {
  return element.hasAttribute(name);
}

/** Present, the element itself: the modal mounts inside it. */
function attributeContainer(element, name) {
  return element.hasAttribute(name) ? element : undefined;
}

// <generated: report>
// src/js/errors.js's `report`, which the bundled entry does not export.
/**
 * Reports `error` as an uncaught one (the page's `error` event, the console) and goes on: with
 * `reportError`, or, in a browser without it (Chromium before 95, Safari before 15.4), thrown
 * from a task of its own. Never throws.
 */
function report(error) {
  // The window's own only: in a browser without one, the name is the page's element named so
  // (`<img name=reportError>`, which a sanitizer keeps), never an own property of the window.
  const own = Object.prototype.hasOwnProperty.call(globalThis, "reportError") && globalThis.reportError;
  try {
    if (typeof own === "function") return void own(error);
  } catch {
    // The page's own replacement, which threw: reported as below.
  }
  setTimeout(() => {
    throw error;
  });
}
// </generated>

if (typeof customElements !== "undefined" && !customElements.get(TAG)) {
  customElements.define(
    TAG,
    class AnonMigrationModalElement extends HTMLElement {
      // Changing one but `hidden` mounts the modal again (attributeChangedCallback).
      static observedAttributes = ["url", ...ATTRIBUTES.map(([attribute]) => attribute)];
      #modal = null;
      #mounting = 0;
      // The url of the modal mounted, and of one that went by itself (closed, timed out,
      // CSP-blocked, replaced): used, so moving the element or changing another attribute does
      // not mount it again.
      #url = null;
      #spent = null;

      /** The mounted modal, or null (also once it is torn down, by whatever tore it down). */
      get modal() {
        return this.#modal?.destroyed ? null : this.#modal;
      }

      connectedCallback() {
        // Moved within the page (taken out and put back in one task): a fullscreen modal lives
        // outside the element and stays; an inline one went out of the page with it.
        if (this.modal && !this.hasAttribute(INLINE)) return;
        this.#mount();
      }

      disconnectedCallback() {
        // A modal already gone (closed, timed out, destroyed) went while the element was in the
        // page: its url is used, though the element comes back later (a tab kept alive).
        if (this.#modal?.destroyed) this.#spent = this.#url;
        // Only once the script that took it out is over may the element be gone for good
        // rather than moved.
        queueMicrotask(() => this.isConnected || this.#mount());
      }

      attributeChangedCallback(name, before, after) {
        // Set again to the value it has, as a render may: the modal stays as it is (`hidden`
        // set again hides a modal that showed itself).
        if (before === after && name !== HIDDEN) return;
        if (name === "url") this.#spent = null;
        if (name !== HIDDEN) return this.#mount();
        this.#modal?.[after === null ? "show" : "hide"]();
      }

      /** Destroys the modal, then mounts one for the attributes as they are once init() resolved. */
      async #mount() {
        const mounting = ++this.#mounting;
        // Gone by itself while the element is in the page (not as the element went out, which
        // takes an inline modal's iframe out): only here does the element destroy its modal,
        // and it forgets it then.
        if (this.#modal?.destroyed && this.isConnected) this.#spent = this.#url;
        this.#modal?.destroy();
        this.#modal = null;
        const url = attributeText(this, "url");
        if (!this.isConnected || !url || url === this.#spent) return;
        try {
          await init();
          // Taken out meanwhile (in the script that set the url, as a list re-rendered may): its
          // microtask destroys what it had; a modal mounted now would load for nothing.
          if (mounting !== this.#mounting || !this.isConnected) return;
          const modal = embedAnonModal(url, {
            ...Object.fromEntries(ATTRIBUTES.map(([attribute, option, read]) => [option, read(this, attribute)])),
            // Only Anon's own names: a type such as `error`, `click` or `message` would pose as
            // the DOM's event of that name. `modal.on("*")` still gets every type.
            [ON_EVENT]: (event) =>
              TYPE_NAMESPACES.some((namespace) => event.type.startsWith(namespace)) &&
              this.dispatchEvent(new CustomEvent(event.type, { __proto__: null, bubbles: true, composed: true, detail: event })),
          });
          this.#modal = modal;
          this.#url = url;
        } catch (error) {
          // A refused URL or attribute: an `error` event; unless a listener calls
          // preventDefault(), the error is reported like an uncaught one.
          if (mounting === this.#mounting && this.dispatchEvent(new CustomEvent("error", { __proto__: null, cancelable: true, detail: error }))) {
            report(error);
          }
        }
      }
    },
  );
}
