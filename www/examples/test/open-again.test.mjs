// openAnonModal while the modal it mounted is still going, hidden: the same modal shows again
// and the server is not asked for another (Anon's documents warn that a second modal for the
// same user starts a migration that interferes with the first), until that one has settled.
// Built from the npm tarball, against the local mock platform, in the browser E2E_BROWSER names.
import assert from "node:assert/strict";
import { test } from "../../e2e/stack.mjs";
import { withExample, events, waitForEvent } from "../example-page.mjs";

// The modal steps aside (the app's hide(), or the modal's own while the user signs in to their
// provider) and the user clicks the button again: the same modal shows again, and the server is
// not asked for a second one, whose migration would interfere with the first; once that
// migration has ended, a click opens a new modal.
async function openAgainWhileHidden(page) {
  await page.click("#open");
  await waitForEvent(page, "opened");
  await page.evaluate(() => {
    window.__first = window.__modal;
    window.__modal.hide();
  });
  await page.click("#open");
  await page.waitForFunction(() => document.querySelector("iframe")?.style.display === "block", null, { timeout: 5_000 });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__creates), 1, "one server call");
  assert.equal(await page.locator("iframe").count(), 1, "one iframe");
  assert.ok(await page.evaluate(() => window.__modal === window.__first && !window.__first.destroyed), "the first modal");
  assert.deepEqual(await events(page), ["opened"], "one modal's events");
  // Once its migration has ended (here, failed), the modal interferes with none: the app hides
  // it to offer its own retry, and a click opens a new one.
  const modal = page.frameLocator("iframe");
  await modal.getByRole("button", { name: "Continue" }).click();
  await modal.getByRole("button", { name: "Simulate a failure" }).click();
  await waitForEvent(page, "failed");
  await page.evaluate(() => window.__modal.hide());
  await page.click("#open");
  await page.waitForFunction(() => window.__creates === 2 && window.__modal !== window.__first, null, { timeout: 10_000 });
  await page.waitForFunction(() => window.__first.destroyed, null, { timeout: 5_000 });
}

for (const name of ["vanilla", "webpack", "plain"]) {
  test(`${name}: a click while the modal is hidden shows it again, and once it failed opens a new one`, () => withExample(name, openAgainWhileHidden));
}

/** Opens the app's modal with its button, then runs `script` in the page, as its own script. */
async function onceOpened(page, script) {
  await page.click("#open");
  await waitForEvent(page, "opened");
  return page.evaluate(script);
}

// openAnonModal itself, as the page's script has it, while the app's modal is hidden: a
// call aborted in the same task rejects with its reason, one made under a modal <dialog> is
// refused as a new modal would be, and once the page has taken the iframe out a call opens anew.
test("plain: openAnonModal while its modal is hidden: aborted at once, under a modal dialog, its iframe taken out", () =>
  withExample("plain", async (page) => {
    const outcome = await onceOpened(page, async () => {
      // The page's own copy: a script the driver runs may load another (Firefox's does).
      const openAnonModal = window.__openAnonModal;
      const create = window.__createModal;
      const options = { allowInsecureLocalhost: true };
      const settle = (promise) => promise.then(() => "resolved", (reason) => reason?.code ?? reason);
      const first = window.__modal;
      first.hide();
      const controller = new AbortController();
      const aborted = openAnonModal(create, options, { signal: controller.signal });
      controller.abort("gone");
      const outcome = { aborted: await settle(aborted) };
      first.hide();
      const dialog = document.body.appendChild(document.createElement("dialog"));
      dialog.showModal();
      outcome.dialog = await settle(openAnonModal(create, options));
      dialog.remove();
      first.iframe.remove();
      const next = await openAnonModal(create, options);
      outcome.next = next !== first && !next.destroyed && first.destroyed;
      outcome.creates = window.__creates;
      next.destroy();
      return outcome;
    });
    assert.deepEqual(outcome, { aborted: "gone", dialog: "DIALOG_OPEN", next: true, creates: 2 });
  }));

// Calls for another user (an account switched without a reload): the modal going for the last
// key is not shown again but goes at once, and a call on its way for it is never mounted.
test("plain: openAnonModal with another key: the last key's modal gone at once, its call on the way never mounted", () =>
  withExample("plain", async (page) => {
    const outcome = await onceOpened(page, async () => {
      const openAnonModal = window.__openAnonModal;
      const create = window.__createModal;
      const options = { allowInsecureLocalhost: true };
      const first = window.__modal;
      first.hide();
      const call = openAnonModal(create, options, { key: "user_2" });
      // Another user's modal goes at once, not once this call's is here.
      const outcome = { goneAtOnce: first.destroyed };
      const second = await call;
      outcome.replaced = second !== first && (await first.settled).reason;
      outcome.creates = window.__creates;
      // Two calls for two keys in one task: the first one's is never mounted.
      const forA = openAnonModal(create, options, { key: "user_3" }).then((m) => m, (reason) => reason.name);
      const forB = await openAnonModal(create, options, { key: "user_4" });
      outcome.superseded = await forA;
      outcome.latest = second.destroyed && !forB.destroyed && document.querySelectorAll("iframe").length;
      outcome.creates2 = window.__creates;
      forB.destroy();
      return outcome;
    });
    assert.deepEqual(outcome, { goneAtOnce: true, replaced: "destroyed", creates: 2, superseded: "AbortError", latest: 1, creates2: 4 });
  }));

// A modal whose migration ended still shows its outcome until it closes: a call for another
// user takes it away at once, even one whose server call then fails.
test("plain: a failed migration's modal goes at a call for another key whose server call fails", () =>
  withExample("plain", async (page) => {
    await page.click("#open");
    await waitForEvent(page, "opened");
    const modal = page.frameLocator("iframe");
    await modal.getByRole("button", { name: "Continue" }).click();
    await modal.getByRole("button", { name: "Simulate a failure" }).click();
    await waitForEvent(page, "failed");
    const outcome = await page.evaluate(async () => {
      const first = window.__modal;
      const failing = () => Promise.reject(new Error("HTTP 500"));
      const call = await window.__openAnonModal(failing, { allowInsecureLocalhost: true }, { key: "user_2" }).catch(String);
      return { call, gone: first.destroyed, iframes: document.querySelectorAll("iframe").length };
    });
    assert.deepEqual(outcome, { call: "Error: HTTP 500", gone: true, iframes: 0 });
  }));

// A component that opens again (its modal shown again) and then for another user, in one task:
// its state stays pending until the last open is done, whatever the first one got.
test("plain: a binding's open shown again, then for another key: pending until the last open ends", () =>
  withExample("plain", async (page) => {
    const states = await onceOpened(page, async () => {
      const states = [];
      const { open } = window.__opener(
        () => ({ allowInsecureLocalhost: true }),
        (state) => states.push({ pending: state.pending, error: state.error && String(state.error) }),
        () => true,
      );
      window.__modal.hide();
      const slowFailure = () => new Promise((_, reject) => setTimeout(() => reject(new Error("HTTP 500")), 100));
      await Promise.all([open(window.__createModal), open(slowFailure, { key: "user_2" })]);
      return states;
    });
    assert.deepEqual(states.at(-1), { pending: false, error: "Error: HTTP 500" }, "the last open's outcome");
    assert.ok(states.slice(0, -1).every((state) => state.pending), JSON.stringify(states));
  }));
