// A TypeScript consumer of the package: what must compile, and (@ts-expect-error) what must not.
import { init, embedAnonModal, openAnonModal, isAnonModalError, isModalEvent, AnonModalError as AnonModalErrorClass } from "anon-modal";
import type { AnonModal, AnonModalError, CreatedModal, ModalSource, ModalAnyEvent, ModalClosedReason, ModalCompletedEvent, ModalEvent, ModalEventMap, ModalEventType, ModalFailedCode, ModalFailedEvent, ModalSettledEvent, RejectReason } from "anon-modal";

// The hand-written interfaces agree with the event types generated from Rust: the map's keys
// are those types and "*", and each typed event's `type` is its own key.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const mapKeysAreTheEventTypes: Same<keyof ModalEventMap, ModalEventType | "*"> = true;
export const eventsAreTheEventTypes: Same<ModalEvent["type"], ModalEventType> = true;
export const eachEventIsItsKeys: Record<ModalEventType, true> = {} as {
  [K in ModalEventType]: Same<ModalEventMap[K]["type"], K>;
};

/** An `onEvent` / `"*"` callback: the guard narrows what `event.type` alone cannot. */
function onAnyEvent(event: ModalAnyEvent): void {
  if (event.type === "migration_modal.failed") {
    // @ts-expect-error: an unknown event's `type` may be any string, so this check alone does not narrow
    const failed: ModalFailedEvent = event;
    console.log(failed);
  }
  if (isModalEvent(event, "migration_modal.failed")) {
    const failed: ModalFailedEvent = event;
    console.log(failed.code satisfies ModalFailedCode | (string & {}) | null | undefined);
  }
  if (isModalEvent(event)) {
    switch (event.type) {
      case "migration_modal.failed": {
        const failed: ModalFailedEvent = event;
        console.log(failed.data?.error_message satisfies string | null | undefined, failed.data?.modal_step);
        break;
      }
      case "migration_modal.closed":
        // The package's reasons, or one the modal sent.
        console.log(event.reason satisfies ModalClosedReason | (string & {}) | null | undefined);
        break;
      default: {
        const rest: "migration_modal.opened" | "migration_modal.completed" = event.type;
        console.log(rest);
      }
    }
  } else {
    // A type this version does not know: still an event, with a string type.
    console.log(event.type.toUpperCase());
  }
  // @ts-expect-error: not an event type
  isModalEvent(event, "migration_modal.complete");
  // @ts-expect-error: "*" is a listener's topic, not an event's type
  isModalEvent(event, "*");
}

export async function start(url: string, expiresAt: string): Promise<ModalSettledEvent> {
  await init();
  const modal: AnonModal = embedAnonModal(url, {
    expiresAt,
    container: "#modal",
    allowedOrigins: ["https://dashboard.anon.com"],
    readyTimeoutMs: 20_000,
    onCompleted: (event: ModalCompletedEvent) => console.log(event.data?.migration_id?.toUpperCase()),
    onFailed: (event) => {
      if (event.code === "FRAME_BLOCKED") console.log("allow the modal's origin in frame-src");
      const known: ModalFailedCode = "TIMEOUT";
      // @ts-expect-error: not a code the package gives
      const wrong: ModalFailedCode = "TIMED_OUT";
      console.log(known, wrong, event.code?.toLowerCase(), event.data?.error_message?.toLowerCase());
      // @ts-expect-error: Anon sends the context in `data`; a field beside it is unknown
      console.log(event.migration_id?.toUpperCase());
    },
    onReject: (reason: RejectReason, message: MessageEvent) => console.log(reason, message.origin),
    onEvent: onAnyEvent,
  });
  modal.on("*", onAnyEvent);
  const off: () => void = modal.on("migration_modal.closed", (event) => {
    const reason: string | null | undefined = event.reason;
    if (reason === "destroyed" || reason === "replaced" || reason === "dismissed") {
      const ours: ModalClosedReason = reason;
      console.log(ours);
    }
    // @ts-expect-error: not a reason the package gives
    const wrong: ModalClosedReason = "closed";
    console.log(wrong);
  });
  off();
  modal.once("*", (event: ModalEvent | { type: string }) => console.log(event.type));
  const frame: HTMLIFrameElement = modal.iframe;
  frame.focus();
  try {
    embedAnonModal("javascript:alert(1)");
  } catch (e) {
    const error = e as AnonModalError;
    if (error.code === "INVALID_URL") console.log(error.message);
    // The guard narrows an unknown catch value.
    if (isAnonModalError(e)) console.log(e.code satisfies AnonModalError["code"]);
    if (e instanceof AnonModalErrorClass) console.log(e.code);
    // @ts-expect-error: without the guard, `e` is unknown
    console.log(e.code);
  }

  // @ts-expect-error: not an event type
  modal.on("migration_modal.complete", () => {});
  // @ts-expect-error: a completed event has no `reason`... and the callback takes the event type
  modal.on("migration_modal.completed", (event: { type: "migration_modal.closed" }) => event);
  // @ts-expect-error: onCompleted receives an event, not a string
  embedAnonModal(url, { onCompleted: (event: string) => event });
  // @ts-expect-error: readyTimeoutMs is a number
  embedAnonModal(url, { readyTimeoutMs: "30s" });
  // @ts-expect-error: no such option
  embedAnonModal(url, { onComplete: () => {} });
  // @ts-expect-error: not an error code
  const code: AnonModalError["code"] = "TIMEOUT";
  console.log(code);
  // @ts-expect-error: url is required
  embedAnonModal();
  // The create-modal response goes where the URL does: its url, and its expires_at.
  const created = { object: "migration_modal", url, expires_at: expiresAt, migration_id: "m_1" };
  embedAnonModal(created, { readyTimeoutMs: 10_000 }).destroy();
  // A URL object stands for its text.
  embedAnonModal(new URL(url)).destroy();
  // Your server's own type of its response fits, an interface too, whatever else it holds.
  interface ServerResponse {
    url: string;
    expires_at: string;
    id: number;
    created: Date;
  }
  const response: ServerResponse = { url, expires_at: "2026-01-01T00:00:00Z", id: 1, created: new Date() };
  embedAnonModal(response).destroy();
  void openAnonModal(async (): Promise<ServerResponse> => response);
  embedAnonModal({ url, expires_at: null, team: "ops" }).destroy();
  // @ts-expect-error: expires_at is Anon's text
  embedAnonModal({ url, expires_at: new Date() });
  // @ts-expect-error: an object without a url string is no create-modal response
  embedAnonModal({ href: url });
  // @ts-expect-error: the response's url is a string
  embedAnonModal({ url: new URL(url) });
  // @ts-expect-error: expiresAt is a string, a Date or milliseconds, not a boolean
  embedAnonModal(url, { expiresAt: true });
  // @ts-expect-error: zIndex is a number
  embedAnonModal(url, { zIndex: "10" });
  // @ts-expect-error: the container is an element or a selector
  embedAnonModal(url, { container: 5 });
  const initFailed: AnonModalError["code"] = "INIT_FAILED";
  console.log(initFailed);
  // Resolves with nothing once the modal is torn down, whatever tore it down.
  const removed: Promise<void> = modal.removed;
  void removed.then(() => modal.destroyed satisfies boolean);
  // @ts-expect-error: removed resolves with no event
  void modal.removed.then((event) => event.type);

  return modal.settled;
}

/** openAnonModal: a URL, the create-modal response, a promise of either, or your server call. */
export async function open(): Promise<AnonModal> {
  const created = { url: "https://dashboard.anon.com/m", expires_at: "2026-01-01T00:00:00Z", id: "x" };
  const part: CreatedModal = { url: created.url, expires_at: created.expires_at };
  await openAnonModal("https://dashboard.anon.com/m");
  await openAnonModal(created, { onCompleted: (event) => console.log(event.data?.migration_id) });
  await openAnonModal(Promise.resolve(created));
  await openAnonModal(part);
  await openAnonModal(async () => new URL("https://dashboard.anon.com/m"));
  const source: ModalSource = async () => (await fetch("/api/create-modal", { method: "POST" })).json() as Promise<CreatedModal>;
  // @ts-expect-error: the response needs its url
  await openAnonModal({ expires_at: "2026-01-01T00:00:00Z" });
  // @ts-expect-error: a server call returns a URL or a response, not a number
  await openAnonModal(async () => 42);
  // @ts-expect-error: no such option
  await openAnonModal(source, { onComplete: () => {} });
  // Who the modal is for, where the page's user can change without a reload.
  await openAnonModal(source, {}, { signal: new AbortController().signal, key: "user_42" });
  // @ts-expect-error: the key is in the control, not the options
  await openAnonModal(source, { key: "user_42" });
  return openAnonModal(source, { allowedOrigins: ["https://dashboard.anon.com"] });
}
