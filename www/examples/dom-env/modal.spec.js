// A component test's page as Vitest makes one in Node (happy-dom or jsdom, chosen by
// test/dom-env.test.mjs): the wasm loaded from its bytes, as docs/frameworks.md says, then a
// modal embedded and destroyed.
import fs from "node:fs";
import { test, expect } from "vitest";
import { init, embedAnonModal } from "anon-modal";

test("the modal mounts in the test's document and goes with destroy()", async () => {
  await init(fs.readFileSync(new URL(import.meta.resolve("anon-modal/anon_modal_bg.wasm"))));
  const modal = embedAnonModal("https://example.com/modal", { readyTimeoutMs: 0 });
  expect(document.querySelector("iframe")?.getAttribute("src")).toBe("https://example.com/modal");
  modal.destroy();
  expect(document.querySelector("iframe")).toBe(null);
});
