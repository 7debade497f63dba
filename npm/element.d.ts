// The types of anon-modal/element: importing it defines <anon-migration-modal>.
import type {
  AnonModal,
  AnonModalError,
  ModalClosedEvent,
  ModalCompletedEvent,
  ModalFailedEvent,
  ModalOpenedEvent,
  ModalUnknownEvent,
} from "./index.js";

/**
 * `<anon-migration-modal url="…" expires-at="…">`: setting `url` mounts the modal, changing
 * `url`, `expires-at`, `allowed-origins` (space-separated), `ready-timeout-ms`, `z-index` (the
 * fullscreen overlay's until the modal is ready, or where the browser has no popovers), `title` (the iframe's accessible title), `inline` (mount inside the
 * element instead of fullscreen) or `allow-insecure-localhost` (local development only) mounts
 * it again, removing `url` (or emptying it: an empty value is no value) or the element
 * destroys it (moving the element keeps a fullscreen modal when it is back before the script
 * that moved it ends), and `hidden` hides it (removing it shows it). A modal that is gone
 * (closed, timed out, blocked by the page's CSP, replaced, or `element.modal.destroy()`) is not
 * mounted again for the same `url`, nor when the element comes back into the page. Each event of the modal
 * whose type is Anon's (`migration_modal.…`, `migration_modal_step.…`) is dispatched on the element as a `CustomEvent`
 * named by its type (bubbling, composed), the event as `detail`; one of another type is not,
 * since it could pose as a DOM event (`error`, `click`): `element.modal.on("*", …)` gets every
 * type. A refused URL or attribute is an `error` CustomEvent (reported as uncaught unless a
 * listener calls `preventDefault()`); its message names the option the attribute sets
 * (`allowInsecureLocalhost` for `allow-insecure-localhost`, `readyTimeoutMs` for
 * `ready-timeout-ms`).
 */
export interface AnonMigrationModalElement extends HTMLElement {
  /** The mounted modal, or `null`. */
  readonly modal: AnonModal | null;
  addEventListener<K extends keyof AnonMigrationModalEventMap>(
    type: K,
    listener: (this: AnonMigrationModalElement, event: AnonMigrationModalEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AnonMigrationModalEventMap>(
    type: K,
    listener: (this: AnonMigrationModalElement, event: AnonMigrationModalEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * The events the element dispatches; a `migration_modal.…` or `migration_modal_step.…` type
 * this version does not know (a step's `started`, say) comes as `CustomEvent<ModalUnknownEvent>`.
 */
export interface AnonMigrationModalEventMap extends Omit<HTMLElementEventMap, "error"> {
  /** A refused URL or attribute: `detail` is the `AnonModalError`. */
  error: CustomEvent<AnonModalError>;
  "migration_modal.opened": CustomEvent<ModalOpenedEvent>;
  "migration_modal.completed": CustomEvent<ModalCompletedEvent>;
  "migration_modal.closed": CustomEvent<ModalClosedEvent>;
  "migration_modal.failed": CustomEvent<ModalFailedEvent>;
}

export type { ModalUnknownEvent };

declare global {
  interface HTMLElementTagNameMap {
    "anon-migration-modal": AnonMigrationModalElement;
  }
}
