export type {
  AnonModal, AnonModalError, AnonModalErrorCode, EmbedOptions, ModalClosedEvent,
  ModalCompletedEvent, ModalEvent, ModalEventContext, ModalEventMap, ModalEventType,
  ModalFailedEvent, ModalOpenedEvent, ModalSettledEvent, ModalUnknownEvent, RejectReason,
} from "./anon_modal.js";
import type { AnonModal, EmbedOptions } from "./anon_modal.js";

/** What `init` accepts: by default the `.wasm` beside the package's JS is fetched. */
export type WasmSource = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads and compiles the wasm once; later calls return the same promise (a failed load may be retried). */
export function init(wasm?: WasmSource | Promise<WasmSource>): Promise<void>;

/**
 * Mounts the Anon migration modal for a signed `url` that your server got from
 * `POST /api/v1/migration-modal`. Call `await init()` once before. Throws an `AnonModalError`
 * (`code`: `NO_DOCUMENT` without a DOM, `NOT_INITIALIZED` before `init()`, or the codes of
 * `AnonModalErrorCode` for a bad URL or option).
 */
export function embedAnonModal(url: string, options?: EmbedOptions): AnonModal;
