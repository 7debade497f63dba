// A TypeScript consumer of the bindings: what must compile, and (@ts-expect-error) what must not.
import { useAnonModal } from "anon-modal/react";
import { useAnonModal as useAnonModalVue } from "anon-modal/vue";
import { createAnonModal } from "anon-modal/svelte";
import "anon-modal/element";
import type { AnonMigrationModalElement, AnonMigrationModalEventMap } from "anon-modal/element";
import { isAnonModalError } from "anon-modal";
import type { AnonModal, CreatedModal, ModalEventMap, ModalEventType } from "anon-modal";
import { ref } from "vue";

// The element dispatches each event type the core's map has, with that event as its detail.
export const elementEventsAreTheCores: Record<ModalEventType, true> = {} as {
  [K in ModalEventType]: [AnonMigrationModalEventMap[K]] extends [CustomEvent<ModalEventMap[K]>] ? true : false;
};

const create = async (): Promise<CreatedModal> => (await fetch("/api/create-modal", { method: "POST" })).json();
/** An app's own type of its server's answer. */
interface ServerResponse {
  url: string;
  expires_at: string;
}
const createOwn = async (): Promise<ServerResponse> => (await fetch("/api/create-modal", { method: "POST" })).json();

export async function react(): Promise<void> {
  const { open, destroy, modal, pending, error } = useAnonModal({ onCompleted: (event) => console.log(event.data?.migration_id) });
  const opened: AnonModal | null = await open(create);
  await open(createOwn, { key: "user_42" });
  await open(await createOwn());
  // @ts-expect-error: the binding's own signal cancels it: destroy(), or unmount
  await open(createOwn, { signal: new AbortController().signal });
  const busy: boolean = pending;
  console.log(opened?.iframe, modal?.destroyed, busy, error);
  // What the docs show of a failed open: its text, or its code once narrowed.
  const shown: string = String(error);
  const code: string | undefined = isAnonModalError(error) ? error.code : undefined;
  console.log(shown, code);
  // @ts-expect-error: `error` is unknown until narrowed
  console.log(error.message);
  destroy();
  // @ts-expect-error: no such option
  useAnonModal({ onComplete: () => {} });
  // @ts-expect-error: a source is a URL, a response or a server call
  await open(42);
  // @ts-expect-error: `modal` is not a ref
  console.log(modal.value);
}

export async function vue(): Promise<void> {
  const options = ref({ allowInsecureLocalhost: true });
  const { open, modal, pending, error } = useAnonModalVue(options);
  useAnonModalVue(() => ({ onClosed: (event) => console.log(event.reason) }));
  const opened: AnonModal | null = await open("https://dashboard.anon.com/m");
  const live: AnonModal | null = modal.value;
  const busy: boolean = pending.value;
  console.log(opened, live, busy, error.value);
  // @ts-expect-error: the refs are read-only
  pending.value = true;
  // @ts-expect-error: `modal` is a ref
  console.log(modal.iframe);
}

export async function svelte(): Promise<void> {
  const anon = createAnonModal(() => ({ readyTimeoutMs: 20_000 }));
  const opened: AnonModal | null = await anon.open({ url: "https://dashboard.anon.com/m", expires_at: null });
  const busy: boolean = anon.pending;
  console.log(opened, anon.modal?.iframe, busy, anon.error);
  // @ts-expect-error: state is read-only
  anon.pending = false;
  // @ts-expect-error: readyTimeoutMs is a number
  createAnonModal({ readyTimeoutMs: "20s" });
}

export function element(): void {
  const el = document.createElement("anon-migration-modal");
  const typed: AnonMigrationModalElement = el;
  el.setAttribute("url", "https://dashboard.anon.com/m");
  el.addEventListener("migration_modal.completed", (event) => console.log(event.detail.data?.migration_id));
  el.addEventListener("migration_modal.closed", (event) => console.log(event.detail.reason));
  el.addEventListener("error", (event) => console.log(event.detail.code));
  const modal: AnonModal | null = typed.modal;
  console.log(modal);
  // @ts-expect-error: `modal` is read-only
  typed.modal = null;
  // @ts-expect-error: the completed event's detail is a completed event
  el.addEventListener("migration_modal.completed", (event) => event.detail.type === "migration_modal.closed");
}
