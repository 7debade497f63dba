// Server-side rendering: importing the installed package, its bindings and its element in Node
// does not throw; React, Vue and Svelte render a component using their binding to a string;
// opening a modal there gives an AnonModalError with code NO_DOCUMENT; Vue's open tracks nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

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

test("openAnonModal in Node: NO_DOCUMENT, before any server call", async () => {
  const mod = await import("anon-modal");
  let calls = 0;
  await assert.rejects(mod.openAnonModal(async () => (calls++, "https://dashboard.anon.com/modal")), (e) => e.code === "NO_DOCUMENT");
  assert.equal(calls, 0);
});

test("the bindings and the element import in Node (no window, document or customElements)", async () => {
  const react = await import("anon-modal/react");
  const vue = await import("anon-modal/vue");
  const svelte = await import("anon-modal/svelte");
  await import("anon-modal/element");
  await import("anon-modal/element"); // twice: harmless
  assert.equal(typeof react.useAnonModal, "function");
  assert.equal(typeof vue.useAnonModal, "function");
  assert.equal(typeof svelte.createAnonModal, "function");
  assert.equal(typeof globalThis.customElements, "undefined");
});

test("React renders a component using the hook on the server", async () => {
  const { createElement } = await import("react");
  const { renderToString } = await import("react-dom/server");
  const { useAnonModal } = await import("anon-modal/react");
  function Importer() {
    const { pending, modal } = useAnonModal({ onCompleted: () => {} });
    return createElement("button", null, pending || modal ? "busy" : "Import data");
  }
  assert.equal(renderToString(createElement(Importer)), "<button>Import data</button>");
});

test("Vue's composable outside a component, and Svelte's: nothing mounted, NO_DOCUMENT on open", async () => {
  const { useAnonModal } = await import("anon-modal/vue");
  const vue = useAnonModal({});
  assert.equal(vue.modal.value, null);
  assert.equal(await vue.open("https://dashboard.anon.com/modal"), null);
  assert.equal(vue.error.value.code, "NO_DOCUMENT");
  // The refs are read-only at run time too: Vue warns and keeps the value.
  const warn = console.warn;
  const warnings = [];
  console.warn = (...args) => warnings.push(args.join(" "));
  try {
    vue.modal.value = {};
    vue.pending.value = true;
  } finally {
    console.warn = warn;
  }
  assert.equal(vue.modal.value, null);
  assert.equal(vue.pending.value, false);
  assert.match(warnings.join("\n"), /target is readonly/);
  // Shallow: `error` is the very value thrown, not a read-only copy of it.
  const thrown = { status: 500 };
  const failing = useAnonModal(() => {
    throw thrown;
  });
  assert.equal(await failing.open("https://dashboard.anon.com/modal"), null);
  assert.equal(failing.error.value, thrown);
  const { createAnonModal } = await import("anon-modal/svelte");
  const svelte = createAnonModal();
  assert.equal(await svelte.open("https://dashboard.anon.com/modal"), null);
  assert.equal(svelte.error.code, "NO_DOCUMENT");
  assert.equal(svelte.modal, null);
  // A `value` that a page's script added to `Object.prototype` is in no descriptor of the
  // binding's (each would hold a getter and a value, which is refused).
  let polluted;
  Object.defineProperty(Object.prototype, "value", { value: "x", configurable: true, writable: true });
  try {
    polluted = createAnonModal();
  } finally {
    delete Object.prototype.value;
  }
  assert.equal(polluted.modal, null);
});

// Open from a watchEffect (or a setup, a hook) in any scope: what open reads is not the
// effect's dependency, and the scope keeps nothing of each open.
test("Vue: open in a watchEffect does not depend on what it reads, and its scope keeps nothing of it", async () => {
  const { effectScope, nextTick, ref, watchEffect } = await import("vue");
  const { useAnonModal } = await import("anon-modal/vue");
  const label = ref("a");
  const scope = effectScope();
  let runs = 0;
  scope.run(() => {
    const { open } = useAnonModal(() => ({ title: `Import (${label.value})` }));
    watchEffect(() => {
      runs++;
      open("https://dashboard.anon.com/modal");
    });
    for (let i = 0; i < 10; i++) open("https://dashboard.anon.com/modal");
  });
  label.value = "b";
  await nextTick();
  assert.equal(runs, 1, "a new label runs the effect again");
  assert.equal(scope.effects.length, 1, "the watchEffect's, and no other");
  scope.stop();
});

test("Vue and Svelte render a component using the binding on the server", async () => {
  const { createSSRApp, h } = await import("vue");
  const { renderToString } = await import("vue/server-renderer");
  const { useAnonModal } = await import("anon-modal/vue");
  const app = createSSRApp({
    setup() {
      const { pending, modal } = useAnonModal({ onCompleted: () => {} });
      return () => h("button", pending.value || modal.value ? "busy" : "Import data");
    },
  });
  assert.equal(await renderToString(app), "<button>Import data</button>");

  const { compile } = await import("svelte/compiler");
  const { render } = await import("svelte/server");
  const source = `<script>
    import { createAnonModal } from "anon-modal/svelte";
    const anon = createAnonModal({ onCompleted: () => {} });
  </script>
  <button>{anon.pending || anon.modal ? "busy" : "Import data"}</button>`;
  const { js } = compile(source, { generate: "server", filename: "Importer.svelte" });
  const file = path.join(here, `../.ssr-${process.pid}.mjs`);
  fs.writeFileSync(file, js.code);
  try {
    const { default: Importer } = await import(file);
    assert.match(render(Importer).body, /<button>Import data<\/button>/);
  } finally {
    fs.rmSync(file, { force: true });
  }
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
