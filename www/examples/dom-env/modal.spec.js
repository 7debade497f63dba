// A component test's page as Vitest makes one in Node (happy-dom or jsdom, chosen by
// test/dom-env.test.mjs): the wasm loaded from its bytes, as docs/frameworks.md says, then a
// modal embedded and destroyed.
import fs from "node:fs";
import { createRequire } from "node:module";
import { test, expect } from "vitest";
import { init, embedAnonModal } from "anon-modal";

const require = createRequire(import.meta.url);

test("the modal mounts in the test's document and goes with destroy()", async () => {
  await init(fs.readFileSync(require.resolve("anon-modal/anon_modal_bg.wasm")));
  const modal = embedAnonModal("https://example.com/modal", { readyTimeoutMs: 0 });
  expect(document.querySelector("iframe")?.getAttribute("src")).toBe("https://example.com/modal");
  modal.destroy();
  expect(document.querySelector("iframe")).toBe(null);
});

// Vitest makes the window's names accessors on the global object: the dialog is still told
// from the rest of the page, which turns inert behind the modal (jsdom has no `inert`).
test.skipIf(!("inert" in HTMLElement.prototype))("a dialog the page adds while the modal shows is not made inert with the rest", async () => {
  await init(fs.readFileSync(require.resolve("anon-modal/anon_modal_bg.wasm")));
  const modal = embedAnonModal("https://example.com/modal", { readyTimeoutMs: 0 });
  const div = document.body.appendChild(document.createElement("div"));
  const dialog = document.body.appendChild(document.createElement("dialog"));
  await new Promise((resolve) => setTimeout(resolve));
  const inert = [div.inert, dialog.inert];
  modal.destroy();
  div.remove();
  dialog.remove();
  expect(inert).toEqual([true, false]);
});

// As docs/frameworks.md says, a test sees the callbacks run by dispatching the modal's message
// from the iframe's window (jsdom has one; happy-dom's iframe has none). jsdom has no
// scrollIntoView, which an inline modal's show uses.
test("an inline modal's opened reaches its callback", async () => {
  await init(fs.readFileSync(require.resolve("anon-modal/anon_modal_bg.wasm")));
  const container = document.body.appendChild(document.createElement("div"));
  const opened = [];
  const modal = embedAnonModal("https://example.com/modal", { container, readyTimeoutMs: 0, onOpened: (event) => opened.push(event.type) });
  const source = modal.iframe.contentWindow;
  if (source) {
    const data = { source: "anon_modal", event: { type: "migration_modal.opened" } };
    window.dispatchEvent(new MessageEvent("message", { data, origin: "https://example.com", source }));
  }
  modal.destroy();
  container.remove();
  expect(opened).toEqual(source ? ["migration_modal.opened"] : []);
});
