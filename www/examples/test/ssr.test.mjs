// Server-side rendering: importing the installed package in Node does not throw; using it
// there throws an AnonModalError with code NO_DOCUMENT.
import { test } from "node:test";
import assert from "node:assert/strict";

test("import in Node, then embed: NO_DOCUMENT", async () => {
  const mod = await import("anon-modal");
  assert.equal(typeof mod.embedAnonModal, "function");
  assert.equal(typeof mod.init, "function");
  assert.throws(() => mod.embedAnonModal("https://dashboard.anon.com/modal"), (e) => {
    assert.ok(e instanceof mod.AnonModalError, "an instance of the exported class");
    assert.ok(e instanceof Error);
    assert.ok(mod.isAnonModalError(e));
    assert.equal(e.name, "AnonModalError");
    assert.equal(e.code, "NO_DOCUMENT");
    assert.match(e.message, /server-side rendering/, "the message says what to do");
    return true;
  });
  // The guard tells errors of another copy of the package too, and nothing else.
  assert.ok(mod.isAnonModalError(Object.assign(new Error("x"), { name: "AnonModalError", code: "EXPIRED" })));
  assert.ok(!mod.isAnonModalError(new Error("x")));
  assert.ok(!mod.isAnonModalError({ name: "AnonModalError", code: "EXPIRED" }));
});

test("isModalEvent tells the public events this version knows, and each type", async () => {
  const { isModalEvent } = await import("anon-modal");
  assert.ok(isModalEvent({ type: "migration_modal.failed", code: "TIMEOUT" }));
  assert.ok(isModalEvent({ type: "migration_modal.failed" }, "migration_modal.failed"));
  assert.ok(!isModalEvent({ type: "migration_modal.closed" }, "migration_modal.failed"));
  // A type this version does not know, and names that are no event's.
  for (const type of ["migration_modal.progress", "migration_modal.show", "*", "", undefined]) {
    assert.ok(!isModalEvent({ type }), String(type));
  }
  assert.ok(!isModalEvent(null));
});
