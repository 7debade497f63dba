// The public types of anon-modal. The unions between `// <generated: …>` and `// </generated>`
// are generated from the Rust definitions by tests/sourcegen/ (`ANON_MODAL_SOURCEGEN=write
// cargo test --no-default-features --features webhooks,models --test sourcegen`).

/** The public event types the modal sends. */
// <generated: event-types>
export type ModalEventType =
  | "migration_modal.opened"
  | "migration_modal.completed"
  | "migration_modal.closed"
  | "migration_modal.failed";
// </generated>

/** The stable codes of `AnonModalError`s. Changing a code is a breaking change; a message is not. */
// <generated: error-codes>
export type AnonModalErrorCode =
  | "INVALID_URL"
  | "ORIGIN_NOT_ALLOWED"
  | "INVALID_ORIGIN"
  | "EXPIRED"
  | "NO_DOCUMENT"
  | "NOT_INITIALIZED"
  | "INVALID_OPTION"
  | "INVALID_ARGUMENT"
  | "INIT_FAILED"
  | "DIALOG_OPEN";
// </generated>

/** Why the package closed a modal (`closed` events it makes). */
// <generated: closed-reasons>
export type ModalClosedReason =
  | "destroyed"
  | "replaced"
  | "dismissed"
  | "hidden";
// </generated>

/** The codes of the `failed` events the package makes. */
// <generated: failed-codes>
export type ModalFailedCode =
  | "TIMEOUT"
  | "FRAME_BLOCKED";
// </generated>

/** Why a message was dropped (`onReject`). */
// <generated: reject-reasons>
export type RejectReason =
  | "SOURCE"
  | "ORIGIN"
  | "TAG"
  | "SCHEMA";
// </generated>

/**
 * The user and migration context Anon's modal sends in every event's `data`, and a step's
 * `modal_step` and `error_message` where Anon documents them. Each is a string or `null` when
 * present (one of another type is left out); other fields Anon adds are kept as data.
 */
export interface ModalEventData {
  user_id?: string | null;
  migration_id?: string | null;
  /** The step the user was on (`closed`, `failed`). */
  modal_step?: string | null;
  /** What went wrong (`failed`). */
  error_message?: string | null;
  [field: string]: unknown;
}
/**
 * An event as Anon's modal documents its messages: `{id, object: "event", created, type, data}`.
 * Each typed field is a string or `null` when present (one of another type is left out); the
 * events the package sends itself have no `data`. Unknown extra fields are kept as data.
 */
export interface ModalEventContext {
  id?: string | null;
  /** `"event"`. */
  object?: string | null;
  /** ISO 8601. */
  created?: string | null;
  /** `data.migration_id`, `data.user_id`: the context is here, not on the event itself. */
  data?: ModalEventData;
  [field: string]: unknown;
}
export interface ModalOpenedEvent extends ModalEventContext { type: "migration_modal.opened" }
export interface ModalCompletedEvent extends ModalEventContext { type: "migration_modal.completed" }
export interface ModalClosedEvent extends ModalEventContext {
  type: "migration_modal.closed";
  /**
   * Set when the package closed the modal, not the modal itself: `"destroyed"` when `destroy()`
   * settled it, `"replaced"` when a newer `embedAnonModal` did (one modal is mounted at a
   * time; these two only `settled` sees, no callback runs), `"dismissed"` when the user
   * pressed Escape while the fullscreen modal was shown and not yet opened (that keydown then
   * goes no further into the page: propagation stopped, default prevented), `"hidden"` when the
   * modal hid itself once `completed` or `failed` came (Anon documents its own `closed` only for
   * a user who leaves before the migration starts). A reason the modal sends is a string too.
   */
  reason?: ModalClosedReason | (string & {}) | null;
}
export interface ModalFailedEvent extends ModalEventContext {
  type: "migration_modal.failed";
  /**
   * Set by the package: `"TIMEOUT"` when the modal did not open within `readyTimeoutMs`,
   * `"FRAME_BLOCKED"` when the page's Content-Security-Policy blocked its URL (allow its
   * origin in `frame-src`). A code the modal sends is a string too. Anon's own failure is
   * `data.error_message`.
   */
  code?: ModalFailedCode | (string & {}) | null;
  /**
   * With `code`, for the page's developer, not its users: with `TIMEOUT`, it names the first
   * origin not allowed that the modal's frame sent a message from, if any.
   */
  message?: string | null;
}
/** An event type this version does not know yet (delivered to `onEvent` / `"*"` only). */
export interface ModalUnknownEvent extends ModalEventContext { type: string }
/** Any public event. */
export type ModalEvent = ModalOpenedEvent | ModalCompletedEvent | ModalClosedEvent | ModalFailedEvent;
/**
 * What `onEvent` and `on("*")` get: a public event, or one this version does not know. Since
 * an unknown event's `type` may be any string, checking `event.type` alone does not narrow
 * it: `isModalEvent(event)` (or `isModalEvent(event, type)`) does.
 */
export type ModalAnyEvent = ModalEvent | ModalUnknownEvent;
/** What `settled` resolves with. */
export type ModalSettledEvent = ModalCompletedEvent | ModalClosedEvent | ModalFailedEvent;

/** The event each `on()` name delivers. */
export interface ModalEventMap {
  "migration_modal.opened": ModalOpenedEvent;
  "migration_modal.completed": ModalCompletedEvent;
  "migration_modal.closed": ModalClosedEvent;
  "migration_modal.failed": ModalFailedEvent;
  "*": ModalAnyEvent;
}

/** The error every failure of the package throws: a real `Error` with a stable `code`. */
export declare class AnonModalError extends Error {
  readonly name: "AnonModalError";
  readonly code: AnonModalErrorCode;
  constructor(code: AnonModalErrorCode, message: string);
}

/** `true` for an `AnonModalError`, including one from another copy of the package. */
export function isAnonModalError(value: unknown): value is AnonModalError;

/**
 * Narrows an `onEvent` / `"*"` event to the public event `type`:
 * `if (isModalEvent(event, "migration_modal.failed")) event.code`.
 */
export function isModalEvent<K extends ModalEventType>(event: ModalAnyEvent, type: K): event is ModalEventMap[K];
/**
 * Narrows an `onEvent` / `"*"` event to the public events this version knows, after which
 * `event.type` narrows as usual: `if (isModalEvent(event) && event.type === "migration_modal.failed")`.
 */
export function isModalEvent(event: ModalAnyEvent): event is ModalEvent;

/**
 * The create-modal response (`POST /api/v1/migration-modal`), or the part of it your server
 * hands on: `embedAnonModal` takes its `url`, and its `expires_at` unless `expiresAt` is given.
 * Any object with these two fits, whatever else it holds: the whole response, or a type of your
 * own (the calls take it as a type parameter, so that neither is refused for its other fields).
 */
export interface CreatedModal {
  url: string;
  expires_at?: string | null;
}

export interface EmbedOptions {
  /**
   * Mount inside this element (or the first match of this selector) instead of fullscreen. It
   * needs a size (an element is 0 or 150 px tall by default) and a place in the document: the
   * modal loads once it is in it, and the ready timeout runs until then.
   */
  container?: HTMLElement | string;
  /**
   * Origins the modal may message from; default: exactly the URL's origin. Each is `https:`
   * (`http:` only on localhost, with `allowInsecureLocalhost`), else `INVALID_ORIGIN`.
   */
  allowedOrigins?: readonly string[];
  /**
   * From the create-modal response (its ISO string; one without a zone is UTC, as Anon writes
   * it), or a `Date`, or milliseconds since the epoch (Unix seconds are refused:
   * `INVALID_OPTION`): refuse to mount (`EXPIRED`) once past.
   */
  expiresAt?: string | Date | number;
  /** No `opened`/`show` within this many ms: `failed` with code `TIMEOUT`. 0 waits forever. Default 15000. */
  readyTimeoutMs?: number;
  /**
   * The fullscreen overlay's z-index until the modal is ready, and all along where the browser
   * has no popovers (once ready, the overlay is in the top layer, above the whole page). Default
   * 2147483647, the highest.
   */
  zIndex?: number;
  /** The iframe's accessible title; not blank (only spaces or invisible characters). */
  title?: string;
  /** Mount without showing; the modal's `show` message or `modal.show()` reveals it. */
  hidden?: boolean;
  /** Allow `http:` on loopback hosts (local development only). */
  allowInsecureLocalhost?: boolean;
  /**
   * While the fullscreen modal is shown, the rest of the page is `inert` (no focus, clicks or
   * screen reader), what the page adds meanwhile too (but a dialog or popover the page has yet
   * to open, which goes above the modal), restored exactly on hide and teardown.
   * Default true; `false` leaves the page as it is; a browser without `inert` (Firefox before
   * 112, Safari before 15.5) leaves it so too. A `<dialog>` the page opened with
   * `showModal()` stays above the modal and makes it inert: embedding a fullscreen modal then
   * throws `DIALOG_OPEN`; close the dialog first, or pass an element in it as `container`.
   * (A `hidden` modal is not checked: shown under such a dialog, it stays under it, and the
   * dialog usable, until the dialog closes; then the modal goes above the page and takes focus.)
   */
  inertPage?: boolean;
  onOpened?: (event: ModalOpenedEvent) => void;
  /**
   * The first `completed` or `failed` is the modal's one outcome: a later one of either reaches
   * no callback, `onEvent` and `onReject` included.
   */
  onCompleted?: (event: ModalCompletedEvent) => void;
  /**
   * The modal closed itself (Anon's `closed`: the user left before the migration started), hid
   * itself once `completed` or `failed` came (`reason: "hidden"`), or the user pressed Escape
   * before it opened (`"dismissed"`); not for `destroy()` or a newer modal.
   */
  onClosed?: (event: ModalClosedEvent) => void;
  /** The modal failed, or the package failed it (`TIMEOUT`, `FRAME_BLOCKED`); one outcome, as `onCompleted` says. */
  onFailed?: (event: ModalFailedEvent) => void;
  /** Every public event, including types this version does not know (`isModalEvent` narrows it). */
  onEvent?: (event: ModalAnyEvent) => void;
  /**
   * Every message the guard drops (its source, origin, tag or schema), with the reason (a
   * debugging aid).
   */
  onReject?: (reason: RejectReason, event: MessageEvent) => void;
}

/**
 * A mounted modal. A frozen object: its methods need no `this`, and after the modal is torn
 * down `show`, `hide` and `destroy` do nothing. One modal is mounted at a time: embedding
 * another destroys this one.
 */
export interface AnonModal {
  /** The modal's iframe. */
  readonly iframe: HTMLIFrameElement;
  /** Resolves with the first completed, failed or closed event. */
  readonly settled: Promise<ModalSettledEvent>;
  /** `true` once the modal was torn down. */
  readonly destroyed: boolean;
  /**
   * Resolves once the modal is torn down (its iframe removed, `destroyed` true), whatever tore
   * it down: its closed event, a failure of the package's own (the ready timeout, a blocked
   * frame), a newer modal, `destroy()`, or the page taking its iframe out (a re-render, Turbo
   * or htmx swapping the body). A `failed` event the modal sends leaves it mounted,
   * showing its error, until it closes or hides itself.
   */
  readonly removed: Promise<void>;
  /** Listens to one event type (or `"*"` for all); returns a function that unsubscribes. */
  on<K extends keyof ModalEventMap>(type: K, callback: (event: ModalEventMap[K]) => void): () => void;
  /** Like `on`, for the next event of that type only. */
  once<K extends keyof ModalEventMap>(type: K, callback: (event: ModalEventMap[K]) => void): () => void;
  /** Removes a callback added with `on` or `once`. */
  off<K extends keyof ModalEventMap>(type: K, callback: (event: ModalEventMap[K]) => void): void;
  /**
   * Shows the modal: locks page scroll (a fullscreen modal; one in a `container` leaves the
   * page's scroll alone) and, once the modal has said `opened` or `show`, moves
   * focus into it (before that, focus stays out of the frame, where Escape can dismiss it: the
   * focus a fullscreen modal's inert page lost goes to an unseen progress bar named as the
   * frame, which a screen reader announces; an inline modal's stays where the user puts it).
   * Hiding or removing it gives focus back to the element that had it (inside a web component
   * too), or, when none had, to the one focused when `openAnonModal` was called; not when the
   * user has moved focus elsewhere meanwhile. A button the page disables while the modal shows
   * gets it if the page enables it again within a quarter of a second (in `onClosed`, or as
   * its framework renders). One the page removed, or left disabled, cannot take it: focus goes to
   * the page's body then, as from a native dialog; move it where you want in `onClosed`.
   */
  show(): void;
  /**
   * Hides the modal; it keeps running. What your code asks while the modal is being shown or
   * hidden (a custom element that observes `inert` calling `show()` or `hide()`, or embedding a
   * modal) is done once that is over, in order.
   */
  hide(): void;
  /**
   * Removes the modal now, with no callback; safe to call twice. Called while the modal is
   * being shown or hidden (see `hide()`), the page is put back once that is over.
   */
  destroy(): void;
}

/** What `init` accepts: by default the `.wasm` beside the package's JS is fetched. */
export type WasmSource = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads and compiles the wasm once; later calls return the same promise (a failed load may be
 * retried). A failure rejects with an `INIT_FAILED` `AnonModalError` that says what came back
 * (an HTML page, an HTTP status) and what to do; a promise given that rejects rejects `init`
 * with its own reason (pass a URL for the message). In Node, pass the wasm's bytes.
 */
export function init(wasm?: WasmSource | Promise<WasmSource>): Promise<void>;

/**
 * Mounts the Anon migration modal for a signed `url` (a string or a `URL`) that your server got
 * from `POST /api/v1/migration-modal` (or that whole response). Call `await init()` once before.
 * Throws an `AnonModalError` (`NO_DOCUMENT` without a DOM, `NOT_INITIALIZED` before `init()`,
 * or another code for a bad URL or option, an unknown option key included).
 */
export function embedAnonModal<Created extends CreatedModal>(url: string | URL | Created, options?: EmbedOptions): AnonModal;

/** What `openAnonModal` mounts: a signed URL, the create-modal response (or a promise of either), or your server call. */
export type ModalSource<Created extends CreatedModal = CreatedModal> =
  | string
  | URL
  | Created
  | PromiseLike<string | URL | Created>
  | (() => string | URL | Created | PromiseLike<string | URL | Created>);

/** How a call of `openAnonModal` may be cancelled, and who it is for. */
export interface OpenControl {
  /**
   * Aborting it rejects this call's promise with the signal's reason at once. Once every call
   * joined in one flight has aborted, the URL that arrives is not mounted: a component that
   * went away never replaces the modal the page shows by then. A call that joins the flight
   * then takes it over: the modal is mounted with that call's options and callbacks.
   */
  signal?: AbortSignal;
  /**
   * Who the modal is for (your user's id), where the page's user can change without a reload
   * (an account or company switch). Calls with the same key share one server call and one modal,
   * as Anon asks; so do calls without one, which are for another user than any call with one
   * (give every call a key, or none). A call for another user than the last call's cuts that
   * user's calls off (they reject with an `AbortError` at once, and their modal is never
   * mounted) and destroys their modal at once; their server call, still on its way, is taken
   * over by a call for them that comes before it answers, rather than made twice. Compared
   * with `===`.
   */
  key?: string;
}

/**
 * Loads the wasm if needed (`init()`), gets the URL from `source` and mounts the modal. While one
 * call is getting its URL, further calls join it (without a signal, they get the same promise):
 * one server call, one modal. Until the modal it mounted last settles (hidden too), a call
 * shows that one again (unless its options say `hidden`) and resolves with it, calling no
 * server: a second modal would start a migration for the same user that interferes with the
 * first. That call's other options and its `signal` change nothing of the modal. All of this is
 * per user, as `control.key` says. `control.signal`, then the options, are checked first, so a
 * mistake in them (`INVALID_ARGUMENT`, `INVALID_OPTION`) calls no server and changes nothing,
 * whatever the call would have joined; a `container` selector is looked up once the URL is here.
 * A URL already expired when it arrives is asked for once more from a function source; else,
 * like any refusal of `embedAnonModal`, the promise rejects with an `AnonModalError`
 * (`EXPIRED`, `NO_DOCUMENT` on a server, ...). A rejection of your function is passed on, as
 * are an aborted `signal`'s reason and the `AbortError` of a call for another key.
 */
export function openAnonModal<Created extends CreatedModal>(source: ModalSource<Created>, options?: EmbedOptions, control?: OpenControl): Promise<AnonModal>;
