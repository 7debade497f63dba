// Every entry of the package as TypeScript's node10 resolution finds it: the `"moduleResolution":
// "node"` of many existing projects, which reads `types` and files beside the package's root,
// never its `exports`.
import { embedAnonModal, type AnonModal } from "anon-modal";
import { useAnonModal } from "anon-modal/react";
import { useAnonModal as useAnonModalVue } from "anon-modal/vue";
import { createAnonModal } from "anon-modal/svelte";
import type { AnonMigrationModalElement } from "anon-modal/element";
import { verifyWebhook, type WebhookEvent } from "anon-modal/server";
import { startMock, type Mock } from "anon-modal/mock";

export async function everyEntry(): Promise<void> {
  const modal: AnonModal = embedAnonModal("https://dashboard.anon.com/m");
  const event: WebhookEvent = verifyWebhook("{}", new Headers(), "whsec_x");
  const mock: Mock = await startMock({ port: 0 });
  const element: AnonMigrationModalElement | null = document.querySelector("anon-migration-modal");
  console.log(modal, event, mock.url, element, useAnonModal, useAnonModalVue, createAnonModal);
  // @ts-expect-error: the mock's options are typed, not any
  await startMock({ prot: 0 });
}
