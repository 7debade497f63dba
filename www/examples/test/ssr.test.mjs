// Server-side rendering: importing the installed package in Node does not throw; using it
// there throws an AnonModalError with code NO_DOCUMENT.
import { test } from "node:test";
import assert from "node:assert/strict";

test("import in Node, then embed: NO_DOCUMENT", async () => {
  const mod = await import("anon-modal");
  assert.equal(typeof mod.embedAnonModal, "function");
  assert.equal(typeof mod.init, "function");
  assert.throws(() => mod.embedAnonModal("https://dashboard.anon.com/modal"), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, "AnonModalError");
    assert.equal(e.code, "NO_DOCUMENT");
    return true;
  });
});
