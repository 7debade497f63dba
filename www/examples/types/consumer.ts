// A TypeScript consumer of the package: what must compile, and (@ts-expect-error) what must not.
import { init, embedAnonModal, openAnonModal, isAnonModalError, AnonModalError as AnonModalErrorClass } from "anon-modal";
import type { AnonModal, AnonModalError, CreatedModal, ModalSource, ModalClosedReason, ModalCompletedEvent, ModalEvent, ModalFailedCode, ModalSettledEvent, RejectReason } from "anon-modal";

export async function start(url: string, expiresAt: string): Promise<ModalSettledEvent> {
  await init();
  const modal: AnonModal = embedAnonModal(url, {
    expiresAt,
    container: "#modal",
    allowedOrigins: ["https://dashboard.anon.com"],
    readyTimeoutMs: 20_000,
    onCompleted: (event: ModalCompletedEvent) => console.log(event.migration_id?.toUpperCase()),
    onFailed: (event) => {
      if (event.code === "FRAME_BLOCKED") console.log("allow the modal's origin in frame-src");
      const known: ModalFailedCode = "TIMEOUT";
      // @ts-expect-error: not a code the package gives
      const wrong: ModalFailedCode = "TIMED_OUT";
      console.log(known, wrong, event.code?.toLowerCase(), event.error_message);
    },
    onReject: (reason: RejectReason, message: MessageEvent) => console.log(reason, message.origin),
    onEvent: (event) => console.log(event.type),
  });
  const off: () => void = modal.on("migration_modal.closed", (event) => {
    const reason: "destroyed" | "replaced" | "dismissed" | undefined = event.reason;
    console.log(reason);
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

  return modal.settled;
}

/** openAnonModal: a URL, the create-modal response, a promise of either, or your server call. */
export async function open(): Promise<AnonModal> {
  const created: CreatedModal = { url: "https://dashboard.anon.com/m", expires_at: "2026-01-01T00:00:00Z", id: "x" };
  await openAnonModal("https://dashboard.anon.com/m");
  await openAnonModal(created, { onCompleted: (event) => console.log(event.migration_id) });
  await openAnonModal(Promise.resolve(created));
  const source: ModalSource = async () => (await fetch("/api/create-modal", { method: "POST" })).json() as Promise<CreatedModal>;
  // @ts-expect-error: the response needs its url
  await openAnonModal({ expires_at: "2026-01-01T00:00:00Z" });
  // @ts-expect-error: a server call returns a URL or a response, not a number
  await openAnonModal(async () => 42);
  // @ts-expect-error: no such option
  await openAnonModal(source, { onComplete: () => {} });
  return openAnonModal(source, { allowedOrigins: ["https://dashboard.anon.com"] });
}
