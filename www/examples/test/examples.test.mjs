// Each example, built from the npm tarball (the Leptos one from the crate itself), in the
// browser E2E_BROWSER names (Chromium, Firefox or WebKit; `npm test` runs all three) against
// the local mock platform: the modal embeds, a completed flow reaches the app's callback,
// unmounting removes the iframe and the listener, React StrictMode leaves exactly one live
// modal, a double click makes one server call and one iframe, and the strict
// Content-Security-Policy of the app server reports no violation.
import assert from "node:assert/strict";
import { test } from "../../e2e/stack.mjs";
import { withExample, events, waitForEvent, rendered } from "../example-page.mjs";

async function completeFlow(page) {
  await page.click("#open");
  await waitForEvent(page, "opened");
  const modal = page.frameLocator("iframe");
  await modal.getByRole("button", { name: "Continue" }).click();
  await modal.getByRole("button", { name: "Log in" }).click();
  await waitForEvent(page, "completed mig_");
  // The app removes the iframe once the modal reports `closed`, which can happen while the
  // driver still waits out its own click; a click made inside the frame cannot race that
  // removal. The buttons before it are clicked for real.
  await modal.getByRole("button", { name: "Done" }).evaluate((button) => button.click());
  await waitForEvent(page, "closed");
  assert.deepEqual((await events(page)).map((e) => e.split(" ")[0]), ["opened", "completed", "closed"]);
  assert.equal(await page.locator("iframe").count(), 0, "closed removes the iframe");
}

async function unmountRemovesModal(page) {
  await page.click("#open");
  await waitForEvent(page, "opened");
  assert.equal(await page.locator("iframe").count(), 1, "exactly one live modal");
  assert.equal(await page.evaluate(() => window.__modals.length), 1, "embedded once");
  const before = (await events(page)).length;
  await page.evaluate(() => document.getElementById("unmount").click()); // the modal covers the page
  assert.equal(await page.locator("iframe").count(), 0, "unmount removes the iframe");
  assert.ok(await page.evaluate(() => window.__modals.every((m) => m.destroyed)), "and destroys the modal");
  await page.waitForTimeout(200);
  assert.equal((await events(page)).length, before, "no callback after unmount");
}


async function doubleClick(page) {
  await rendered(page);
  await page.evaluate(() => {
    const button = document.getElementById("open");
    button.click();
    button.click();
  });
  await waitForEvent(page, "opened");
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__creates), 1, "one server call");
  assert.equal(await page.locator("iframe").count(), 1, "one iframe");
  assert.deepEqual(await events(page), ["opened"], "one modal's events");
}

/** Clicks "open", then the button `id` before the server answers: no iframe, no callback. */
async function clickWhileOpening(page, id) {
  await rendered(page);
  await page.evaluate((id) => {
    document.getElementById("open").click();
    document.getElementById(id).click();
  }, id);
  await page.waitForFunction(() => window.__creates === 1);
  await page.waitForTimeout(1000);
  assert.equal(await page.locator("iframe").count(), 0, `no iframe after #${id}`);
  assert.deepEqual(await events(page), [], "no callback");
}
const unmountWhileOpening = (page) => clickWhileOpening(page, "unmount");

const state = (page) => page.evaluate(() => document.getElementById("state").textContent);

// Open, Cancel, and open again before the server answered: the second open joins the first's
// server call, and the modal it brings stays.
async function reopenAfterCancel(page) {
  await rendered(page);
  await page.evaluate(() => {
    for (const id of ["open", "cancel", "open"]) document.getElementById(id).click();
  });
  await waitForEvent(page, "opened");
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__creates), 1, "one server call");
  assert.equal(await page.locator("iframe").count(), 1, "one iframe");
  assert.equal(await state(page), "open");
}

// The binding's destroy() while the server call is pending: the modal that arrives is destroyed.
async function cancelWhileOpening(page) {
  await clickWhileOpening(page, "cancel");
  assert.equal(await state(page), "idle");
}

// A modal torn down with no event (its handle's own destroy(), or a newer modal replacing it):
// the binding's `modal` goes back to null, also after `completed` settled it.
async function handleDestroyedClearsState(page) {
  await rendered(page);
  await page.click("#open");
  await waitForEvent(page, "opened");
  assert.equal(await state(page), "open");
  await page.evaluate(() => window.__modals[0].destroy());
  await page.waitForFunction(() => document.getElementById("state").textContent === "idle", null, { timeout: 5_000 });
  assert.equal(await page.locator("iframe").count(), 0);

  // Again, destroyed once `completed` has settled it (no `closed` comes after destroy()).
  await page.click("#open");
  await page.waitForFunction(() => window.__modals.length === 2);
  const modal = page.frameLocator("iframe");
  await modal.getByRole("button", { name: "Continue" }).click();
  await modal.getByRole("button", { name: "Log in" }).click();
  await waitForEvent(page, "completed mig_");
  assert.equal(await state(page), "open");
  await page.evaluate(() => window.__modals[1].destroy());
  await page.waitForFunction(() => document.getElementById("state").textContent === "idle", null, { timeout: 5_000 });
  assert.equal(await page.locator("iframe").count(), 0);
}

async function strictModeOpensOnce(page) {
  await waitForEvent(page, "opened");
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__opens), 2, "StrictMode ran the effect twice");
  assert.equal(await page.evaluate(() => window.__creates), 1, "one server call for the effect run twice");
  assert.equal(await page.locator("iframe").count(), 1, "one iframe");
  assert.equal(await page.evaluate(() => window.__modals.length), 1, "one modal");
  assert.ok(await page.evaluate(() => !window.__modals[0].destroyed), "and it is live");
  await page.evaluate(() => document.getElementById("unmount").click());
  assert.equal(await page.locator("iframe").count(), 0, "unmount removes it");
}

// README's React button, disabled while the server call runs, which takes its focus away:
// focus returns to it when the modal closes all the same.
async function focusReturnsToTheDisabledButton(page) {
  await rendered(page);
  await page.evaluate(() => {
    const button = document.getElementById("open");
    button.focus();
    button.click();
  });
  await waitForEvent(page, "opened");
  await page.frameLocator("iframe").getByRole("button", { name: "Close" }).evaluate((button) => button.click());
  await waitForEvent(page, "closed");
  await page.waitForFunction(() => document.activeElement?.id === "open", null, { timeout: 5_000 });
}

for (const name of ["vanilla", "webpack", "plain"]) {
  test(`${name}: a completed flow reaches the app's callbacks`, () => withExample(name, completeFlow));
  test(`${name}: a double click makes one server call and one iframe (openAnonModal)`, () => withExample(name, doubleClick));
}

for (const name of ["react", "vue", "svelte"]) {
  // anon-modal needs no Trusted Types policy; the frameworks do: Vue creates one named "vue",
  // Svelte's compiled templates assign innerHTML.
  const options = { trustedTypes: { vue: "vue", svelte: false }[name] ?? true };
  test(`${name}: a completed flow reaches the app's callbacks`, () => withExample(name, completeFlow, options));
  test(`${name}: unmounting removes the iframe and the listener`, () => withExample(name, unmountRemovesModal, options));
  test(`${name}: a double click makes one server call and one iframe`, () => withExample(name, doubleClick, options));
  test(`${name}: unmounting while the modal opens leaves no iframe`, () => withExample(name, unmountWhileOpening, options));
  test(`${name}: destroy() while the modal opens leaves no iframe`, () => withExample(name, cancelWhileOpening, options));
  test(`${name}: a modal torn down with no event leaves modal null`, () => withExample(name, handleDestroyedClearsState, options));
  test(`${name}: open, cancel and open again while the server answers: one modal`, () => withExample(name, reopenAfterCancel, options));
}
// A Rust front end: Leptos with the crate's Rust API (AnonModal), built with cargo and wasm-bindgen.
test("leptos: a completed flow reaches the app's callbacks", () => withExample("leptos", completeFlow));
test("leptos: unmounting removes the iframe and the listener", () => withExample("leptos", unmountRemovesModal));
test("leptos: a double click makes one server call and one iframe", () => withExample("leptos", doubleClick));
// Its iframe taken out by the page (as Turbo or htmx swapping the body would): the modal is
// destroyed, with no callback, and the importer, which waits for `removed`, opens another.
test("leptos: a modal the page takes out leaves the importer usable", () => withExample("leptos", async (page) => {
  await page.click("#open");
  await waitForEvent(page, "opened");
  await page.evaluate(() => document.querySelector("iframe").remove());
  await page.waitForFunction(() => window.__modals[0].destroyed, null, { timeout: 5_000 });
  await page.click("#open"); // a real click: the page behind is no longer inert
  await page.waitForFunction(() => window.__modals.length === 2 && document.querySelectorAll("iframe").length === 1, null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.__creates), 2);
}));
test("leptos: unmounting while the modal opens leaves no iframe", () => withExample("leptos", unmountWhileOpening));
test("element: a completed flow dispatches the modal's events, which bubble to the document", () => withExample("element", completeFlow));
test("element: only Anon's event types become DOM events, so the modal cannot fire error, click or message on the page", () =>
  withExample("element", async (page) => {
    await page.click("#open");
    await waitForEvent(page, "opened");
    await page.evaluate(() => {
      const element = document.getElementById("modal");
      window.__all = [];
      window.__dispatched = [];
      element.modal.on("*", (e) => window.__all.push(e.type));
      element.addEventListener("error", (e) => window.__dispatched.push(`error ${e.detail?.code}`));
      document.addEventListener("click", (e) => e instanceof CustomEvent && window.__dispatched.push("click"));
      window.addEventListener("message", (e) => e instanceof CustomEvent && window.__dispatched.push("message"));
      element.addEventListener("migration_modal.progress", (e) => window.__dispatched.push(`progress ${e.detail.step}`));
      element.addEventListener("migration_modal_step.started", (e) => window.__dispatched.push(`step ${e.detail.data.modal_step}`));
      element.addEventListener("migration_modal_steps", () => window.__dispatched.push("look-alike"));
    });
    // Sent from inside the modal's own page, as a compromised one could.
    await page.frameLocator("iframe").getByRole("button", { name: "Continue" }).evaluate(() => {
      for (const type of ["error", "click", "message", "migration_modal.progress", "migration_modal_steps", "migration_modal_step.started"]) {
        parent.postMessage({ source: "anon_modal", event: { type, code: "INVALID_URL", step: 2, data: { modal_step: "login" } } }, "*");
      }
    });
    await page.waitForFunction(() => window.__all.length === 6, undefined, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.__all), ["error", "click", "message", "migration_modal.progress", "migration_modal_steps", "migration_modal_step.started"], "modal.on(\"*\") gets every type");
    assert.deepEqual(await page.evaluate(() => window.__dispatched), ["progress 2", "step login"], "a type of Anon's (a step's too), unknown too, is dispatched; no other");
  }));
test("element: removing it from the page destroys the modal", () => withExample("element", unmountRemovesModal));
test("element: inline mounts inside it, hidden hides, removing url destroys, a refused attribute is an error event, z-index and title reach the overlay", () =>
  withExample("element", async (page) => {
    const result = await page.evaluate(async () => {
      const config = await (await fetch("/api/config")).json();
      const created = await (await fetch("/api/create-modal", { method: "POST", body: JSON.stringify({ user_id: "user_2", source_provider: "gusto" }) })).json();
      const element = document.createElement("anon-migration-modal");
      const seen = [];
      element.addEventListener("migration_modal.opened", (e) => seen.push(e.detail.type, e.bubbles, e.composed, e instanceof CustomEvent));
      element.toggleAttribute("allow-insecure-localhost", config.insecureLocalhost);
      element.setAttribute("inline", "");
      element.setAttribute("hidden", "");
      // Read as the iframe is inserted, before the modal's `opened` can show it.
      let hiddenAtMount;
      new MutationObserver((records, observer) => {
        hiddenAtMount = element.querySelector("iframe")?.style.display;
        observer.disconnect();
      }).observe(element, { childList: true, subtree: true });
      element.setAttribute("url", created.url);
      document.body.append(element);
      const until = async (check) => {
        for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
        return check();
      };
      await until(() => element.modal);
      const inside = element.contains(element.modal?.iframe);
      await until(() => seen.length > 0);
      const opened = seen.slice(); // the later mounts open too
      // Out of the page for longer than a task (a tab switched away), then back: mounted again.
      element.remove();
      await new Promise((r) => setTimeout(r, 50));
      const whileOut = element.modal;
      document.body.append(element);
      await until(() => element.modal);
      const back = element.contains(element.modal?.iframe);
      element.setAttribute("hidden", "");
      const hidden = element.modal.iframe.style.display;
      element.removeAttribute("hidden");
      const shown = element.modal.iframe.style.display;
      // Torn down by its handle, with no event: the property says so.
      element.modal.destroy();
      const afterHandleDestroy = element.modal;
      element.removeAttribute("url");
      const afterRemoval = [element.modal, element.querySelector("iframe")];
      let refused = null;
      let message = "";
      element.addEventListener("error", (e) => {
        refused = e.detail.code;
        message = e.detail.message;
        e.preventDefault();
      });
      element.setAttribute("url", "javascript:alert(1)");
      await until(() => refused);
      const invalidUrl = refused;
      // Each attribute is read into its option: each refusal comes as an error event.
      const refusals = [];
      for (const [name, value] of [["expires-at", "2020-01-01T00:00:00Z"], ["allowed-origins", "https://a.example  https://b.example"], ["z-index", "top"], ["ready-timeout-ms", "soon"]]) {
        refused = null;
        element.setAttribute(name, value);
        element.setAttribute("url", created.url);
        await until(() => refused);
        refusals.push(refused);
        element.removeAttribute(name);
      }
      const timeoutMessage = message;
      // Fullscreen, with the overlay's z-index and the iframe's accessible title.
      element.removeAttribute("inline");
      element.setAttribute("z-index", "-7");
      element.setAttribute("title", "Importer vos données");
      element.setAttribute("url", created.url);
      await until(() => element.modal);
      const fullscreen = [element.modal.iframe.style.zIndex, element.modal.iframe.title, element.contains(element.modal.iframe)];
      // An empty value is no attribute: the default title, no expiry; an empty url, no modal.
      refused = null;
      element.setAttribute("title", "");
      element.setAttribute("expires-at", "");
      await until(() => element.modal && element.modal.iframe.title !== "Importer vos données");
      fullscreen.push(element.modal?.iframe.title);
      element.setAttribute("url", "");
      await new Promise((r) => setTimeout(r, 100));
      fullscreen.push(element.modal, document.querySelectorAll("iframe").length, refused);
      element.remove();
      return { inside, whileOut, back, hiddenAtMount, hidden, shown, afterHandleDestroy, opened, afterRemoval, invalidUrl, refusals, timeoutMessage, fullscreen, defined: customElements.get("anon-migration-modal") === element.constructor };
    });
    assert.equal(result.inside, true, "inline: the iframe is inside the element");
    assert.deepEqual([result.whileOut, result.back], [null, true], "out of the page, no modal; back, mounted again");
    assert.deepEqual([result.hiddenAtMount, result.hidden, result.shown], ["none", "none", "block"], "hidden: mounted hidden, then hide and show");
    assert.deepEqual(result.opened, ["migration_modal.opened", true, true, true]);
    assert.equal(result.afterHandleDestroy, null, "modal is null once its handle destroyed it");
    assert.deepEqual(result.afterRemoval, [null, null], "removing url destroys the modal");
    assert.equal(result.invalidUrl, "INVALID_URL");
    assert.deepEqual(result.refusals, ["EXPIRED", "ORIGIN_NOT_ALLOWED", "INVALID_OPTION", "INVALID_OPTION"], "expires-at, allowed-origins, z-index, ready-timeout-ms");
    assert.match(result.timeoutMessage, /, not "soon"$/, "the message shows the attribute's value as written");
    assert.deepEqual(result.fullscreen, ["-7", "Importer vos données", false, "Anon data migration", null, 0, null], "z-index and title reach the fullscreen overlay; an empty attribute is none");
    assert.equal(result.defined, true);
  }));

test("element: a refused attribute that no listener handles is reported as uncaught, in a browser without reportError too", () =>
  withExample("element", async (page) => {
    const reported = await page.evaluate(async () => {
      const reported = [];
      window.addEventListener("error", (e) => {
        reported.push(e.error?.code ?? e.message);
        e.preventDefault();
      });
      const element = document.createElement("anon-migration-modal");
      document.body.append(element);
      const refuse = async (url) => {
        const count = reported.length;
        element.setAttribute("url", url);
        for (let i = 0; i < 200 && reported.length === count; i++) await new Promise((r) => setTimeout(r, 25));
      };
      await refuse("javascript:alert(1)");
      // Chromium before 95 and Safari before 15.4 have no reportError.
      const reportError = window.reportError;
      delete window.reportError;
      await refuse("javascript:alert(2)");
      window.reportError = reportError;
      element.remove();
      return reported;
    });
    assert.deepEqual(reported, ["INVALID_URL", "INVALID_URL"]);
  }, { uncaught: Array(2).fill("Error: the modal URL must use https:, not javascript:") }));

test("element: hidden=until-found mounts hidden, a value set again keeps the modal, and one the user closed stays closed until a new url", () =>
  withExample("element", async (page) => {
    await page.evaluate(async () => {
      const config = await (await fetch("/api/config")).json();
      const created = await (await fetch("/api/create-modal", { method: "POST", body: JSON.stringify({ user_id: "user_3", source_provider: "gusto" }) })).json();
      const element = document.createElement("anon-migration-modal");
      element.id = "under-test";
      element.toggleAttribute("allow-insecure-localhost", config.insecureLocalhost);
      element.setAttribute("hidden", "until-found");
      element.setAttribute("url", created.url);
      element.addEventListener("error", (e) => (window.__elementError = e.detail.code));
      element.addEventListener("migration_modal.opened", () => (window.__opened = true));
      element.addEventListener("migration_modal.closed", (e) => {
        window.__closedBy = e.detail.reason ?? "the modal";
        // An app reacting at once, in the event's own task.
        element.setAttribute("title", "Closed");
      });
      window.__url = created.url;
      // Read as the iframe is inserted, before the modal's `opened` can show it.
      new MutationObserver((records, observer) => {
        const frame = document.querySelector("iframe");
        if (frame) {
          window.__displayAtMount = frame.style.display;
          observer.disconnect();
        }
      }).observe(document.body, { childList: true });
      document.body.append(element);
    });
    await page.waitForFunction(() => document.getElementById("under-test").modal || window.__elementError);
    assert.deepEqual(await page.evaluate(() => [window.__elementError ?? null, window.__displayAtMount]), [null, "none"], "until-found counts by presence");
    const sameIframe = await page.evaluate(() => {
      const el = document.getElementById("under-test");
      const before = el.modal.iframe;
      el.removeAttribute("hidden");
      el.setAttribute("url", window.__url);
      return before === el.modal?.iframe && before.isConnected;
    });
    assert.ok(sameIframe, "setting url to the value it has keeps the modal");
    const keptAcrossMove = await page.evaluate(async () => {
      const el = document.getElementById("under-test");
      const before = el.modal.iframe;
      document.body.prepend(el); // moved in one task
      await new Promise((r) => setTimeout(r, 100));
      return before === el.modal?.iframe && before.isConnected && document.querySelectorAll("iframe").length === 1;
    });
    assert.ok(keptAcrossMove, "a move keeps the fullscreen modal");
    await page.waitForFunction(() => window.__opened);
    await page.frameLocator("iframe").getByRole("button", { name: "Close", exact: true }).click();
    await page.waitForFunction(() => window.__closedBy);
    const afterClose = await page.evaluate(async () => {
      const el = document.getElementById("under-test");
      el.setAttribute("title", "Import");
      document.body.prepend(el); // moved
      await new Promise((r) => setTimeout(r, 300));
      return [el.modal, document.querySelectorAll("iframe").length];
    });
    assert.deepEqual(afterClose, [null, 0], "neither another attribute nor a move mounts the closed modal again");
    await page.evaluate(() => {
      const el = document.getElementById("under-test");
      el.removeAttribute("url");
      el.setAttribute("url", window.__url);
    });
    await page.waitForFunction(() => document.getElementById("under-test").modal);
    assert.equal(await page.locator("iframe").count(), 1, "the url set anew mounts it");
  }));

// A tab a framework keeps alive (Vue's <KeepAlive>) takes the element out of the page and puts
// it back later: a modal the user closed meanwhile stays closed.
test("element: a modal the user closed is not mounted again when the element comes back into the page", () =>
  withExample("element", async (page) => {
    await page.evaluate(async () => {
      const config = await (await fetch("/api/config")).json();
      const created = await (await fetch("/api/create-modal", { method: "POST", body: JSON.stringify({ user_id: "user_4", source_provider: "gusto" }) })).json();
      const element = document.createElement("anon-migration-modal");
      element.id = "kept";
      element.toggleAttribute("allow-insecure-localhost", config.insecureLocalhost);
      element.setAttribute("url", created.url);
      element.addEventListener("migration_modal.opened", () => (window.__opened = true));
      element.addEventListener("migration_modal.closed", () => (window.__closed = true));
      document.body.append(element);
    });
    await page.waitForFunction(() => window.__opened);
    await page.frameLocator("iframe").getByRole("button", { name: "Close", exact: true }).click();
    await page.waitForFunction(() => window.__closed);
    const back = await page.evaluate(async () => {
      const el = document.getElementById("kept");
      el.remove();
      await new Promise((r) => setTimeout(r, 100));
      document.body.append(el);
      await new Promise((r) => setTimeout(r, 300));
      return [el.modal, document.querySelectorAll("iframe").length];
    });
    assert.deepEqual(back, [null, 0]);
  }));

test("element: a url set and the element taken out in the same script: no iframe, not for a moment", () =>
  withExample("element", async (page) => {
    const inserted = await page.evaluate(async () => {
      const config = await (await fetch("/api/config")).json();
      const created = await (await fetch("/api/create-modal", { method: "POST", body: JSON.stringify({ user_id: "user_5", source_provider: "gusto" }) })).json();
      await (await import(new URL("./anon-modal/index.js", location.href).href)).init(); // loaded, as after a first modal
      const iframes = [];
      new MutationObserver((records) => records.forEach((r) => iframes.push(...[...r.addedNodes].filter((n) => n.nodeName === "IFRAME"))))
        .observe(document, { childList: true, subtree: true });
      const element = document.body.appendChild(document.createElement("anon-migration-modal"));
      element.toggleAttribute("allow-insecure-localhost", config.insecureLocalhost);
      element.setAttribute("url", created.url);
      element.remove();
      await new Promise((r) => setTimeout(r, 300));
      return iframes.length;
    });
    assert.equal(inserted, 0);
  }));

// Lit renders the element in its shadow root and binds its attributes and events; Lit's
// templates create a Trusted Types policy named "lit-html".
for (const [title, fn] of [
  ["a completed flow: the events cross the shadow root to the page", completeFlow],
  ["removing the component destroys the modal in its shadow root", unmountRemovesModal],
  ["a double click makes one server call and one iframe", doubleClick],
]) {
  test(`lit: ${title}`, () => withExample("lit", fn, { trustedTypes: "lit-html" }));
}

// Angular binds the element's attributes and events in a template (AOT-compiled by its CLI, zoneless).
for (const [title, fn] of [
  ["a completed flow reaches the component's handlers", completeFlow],
  ["removing the element with @if destroys the modal", unmountRemovesModal],
  ["a double click makes one server call and one iframe", doubleClick],
]) {
  test(`angular: ${title}`, () => withExample("angular", fn));
}

test("react: focus returns to the button that opened the modal, though it was disabled meanwhile", () =>
  withExample("react", focusReturnsToTheDisabledButton));
test("react: a render while the modal is open changes the callbacks it calls, not the modal", () =>
  withExample("react", async (page) => {
    await page.click("#open");
    await waitForEvent(page, "opened");
    await page.evaluate(() => document.getElementById("next-round").click()); // the modal covers the page
    const modal = page.frameLocator("iframe");
    await modal.getByRole("button", { name: "Continue" }).click();
    await modal.getByRole("button", { name: "Log in" }).click();
    await waitForEvent(page, "completed mig_");
    assert.match((await events(page))[1], /^completed mig_\S+ \(round 2\)$/, "the latest render's onCompleted");
    assert.equal(await page.evaluate(() => window.__modals.length), 1, "one modal");
    assert.equal(await page.locator("iframe").count(), 1, "still the same iframe");
  }));

// Svelte 5 opens on mount from an $effect, Vue from a watchEffect: what open reads (the
// options, the props the server call sends) is not the effect's dependency, so a new prop after
// the user closed the modal opens no other.
for (const name of ["svelte", "vue"]) {
  test(`${name}: opened from an effect, a closed modal stays closed when a prop the options or the server call read changes`, () =>
    withExample(name, async (page) => {
      await waitForEvent(page, "opened");
      assert.equal(await page.evaluate(() => document.querySelector("iframe").title), "Import your data (round 1)");
      await page.frameLocator("iframe").getByRole("button", { name: "Close", exact: true }).click();
      await waitForEvent(page, "closed");
      await page.click("#next-round");
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => [window.__creates, document.querySelectorAll("iframe").length]), [1, 0]);
    }, { trustedTypes: { vue: "vue", svelte: false }[name], query: "?auto" }));
}

// React's development build: StrictMode mounts, unmounts and mounts again, and runs effects twice.
test("react (development): StrictMode opening from an effect (run twice) makes one server call and one modal",
  () => withExample("react-dev", strictModeOpensOnce, { query: "?auto" }));
test("react (development): StrictMode, unmounting removes the iframe and the listener",
  () => withExample("react-dev", unmountRemovesModal));
