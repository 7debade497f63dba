// A TypeScript consumer of the package: what must compile, and (@ts-expect-error) what must not.
import { init, embedAnonModal, isAnonModalError, AnonModalError as AnonModalErrorClass } from "anon-modal";
import type { AnonModal, AnonModalError, ModalClosedReason, ModalCompletedEvent, ModalEvent, ModalFailedCode, ModalSettledEvent, RejectReason } from "anon-modal";

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
