// The types of anon-modal/svelte.
import type { AnonModal, CreatedModal, EmbedOptions, ModalSource, OpenControl } from "./index.js";

/**
 * Read `modal`, `pending` and `error` from this object (`anon.error`): they are getters, so
 * destructured they keep the value they had then.
 */
export interface AnonModalState {
  /**
   * Mounts the modal (`openAnonModal(source, options, control)`, `control.key` saying who it is
   * for). Resolves with the modal, or with `null` when it failed (see `error`), the component was
   * destroyed first or `destroy()` was called while it opened (and `open` not again since); never
   * rejects.
   */
  open<Created extends CreatedModal>(source: ModalSource<Created>, control?: Pick<OpenControl, "key">): Promise<AnonModal | null>;
  /**
   * Removes this component's modal now (one its `open` shares with another component's, as
   * `openAnonModal` shows a modal that has not settled rather than open a second), with no
   * callback; one still being opened is never mounted
   * (it cannot replace a modal the page shows by then), unless `open` is called again before it
   * arrives.
   */
  destroy(): void;
  /** The mounted modal, `null` before it opens and once it is torn down (reactive). */
  readonly modal: AnonModal | null;
  /** `true` while `open` is getting the URL and mounting (reactive). */
  readonly pending: boolean;
  /** Why the last `open` failed (an `AnonModalError`, or your server call's error; nothing is logged: show `String(error)`, or narrow it with `isAnonModalError`); `null` on success (reactive). */
  readonly error: unknown;
}

/**
 * The Anon migration modal in a Svelte 5 component: call it while the component initialises
 * (in its `<script>`); the modal is destroyed with the component, and the latest callbacks are
 * called without mounting again.
 */
export function createAnonModal(options?: EmbedOptions | (() => EmbedOptions | undefined)): AnonModalState;
