// End to end, on real separate origins: the app (127.0.0.1), the mock Anon platform
// (localhost) and a third origin (127.0.0.1 on the mock's port), in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import http from "node:http";
import { startStack, launchBrowser, timeline, waitForTimeline, callbacks, webhooks, MODAL } from "./stack.mjs";
import { startApp } from "../app/server.mjs";
import { DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET } from "../mock/server.mjs";

const { signWebhook } = createRequire(import.meta.url)("../../pkg-node/anon_modal.js");

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function withPage(stackOptions, fn) {
  const stack = await startStack(stackOptions);
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  const consoleErrors = [];
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  try {
    await fn({ page, stack, consoleErrors });
  } finally {
    await page.close();
    await stack.close();
  }
}

async function open(page, stack, query = "") {
  await page.goto(`${stack.app.url}/${query}`);
  await page.waitForFunction(() => window.__demo !== undefined);
  await page.click("#connect");
  await waitForTimeline(page, (t) => callbacks(t).includes("opened"), "opened");
  return page.frameLocator(MODAL);
}

test("full flow: callbacks in order, hostile frames rejected, webhooks verified, files listed", async () => {
  await withPage({}, async ({ page, stack, consoleErrors }) => {
    const modal = await open(page, stack);
    await fs.mkdir("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/demo-modal.png" });

    // Two frames post perfect-looking messages: one from a third origin, one from the modal's
    // own origin. Both are stopped by the source check; the forged `hide` hides nothing.
    // (The modal covers the page, so the frames are added by script, as an ad or widget would be.)
    await page.evaluate(() => document.getElementById("hostile").click());
    await waitForTimeline(page, (t) => t.filter((e) => e.kind === "reject").length === 8, "8 rejected messages");
    const rejects = (await timeline(page)).filter((e) => e.kind === "reject").map((e) => e.text);
    const mockPort = new URL(stack.mock.url).port;
    assert.equal(rejects.filter((r) => r === `SOURCE from http://127.0.0.1:${mockPort}`).length, 4);
    assert.equal(rejects.filter((r) => r === `SOURCE from ${stack.mock.url}`).length, 4);
    assert.deepEqual(callbacks(await timeline(page)), ["opened"], "no callback for a forged message");
    assert.equal(await page.$eval(MODAL, (f) => f.style.display), "block", "a forged hide did not hide the modal");

    await modal.getByRole("button", { name: "Continue" }).click();
    await modal.getByRole("button", { name: "Log in" }).click();
    await waitForTimeline(page, (t) => callbacks(t).includes("completed"), "completed");
    // The app removes the iframe once the modal reports `closed`, which can happen while
    // Playwright still waits out its own click (it hung there once); a click made inside the
    // frame cannot race that removal. The buttons before it are clicked for real.
    await modal.getByRole("button", { name: "Done" }).evaluate((button) => button.click());
    const t = await waitForTimeline(page, (t) => t.some((e) => e.kind === "files"), "files");
    assert.deepEqual(callbacks(t), ["opened", "completed", "closed"]);
    assert.equal(await page.locator(MODAL).count(), 0, "closed removes the iframe");
    assert.deepEqual(webhooks(t), ["migration.created", "migration.started", "migration.completed"]);
    assert.ok(t.filter((e) => e.kind === "webhook").every((e) => e.text.includes("signature verified")));
    const files = t.find((e) => e.kind === "files").text;
    assert.match(files, /bronze: contacts\.csv/);
    assert.match(files, /silver: contacts\.json/);
    const completed = t.find((e) => e.label === "completed").text;
    assert.match(completed, /migration mig_[0-9a-f]+ · user user_42/, "the callback got the user and migration context");
    assert.deepEqual(await page.evaluate(() => window.__demo.violations), [], "no CSP or Trusted Types violation");
    assert.deepEqual(consoleErrors, []);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).overflow), "visible", "scroll restored");
    await page.screenshot({ path: "test-results/demo-timeline.png" });
  });
});

test("closing mid-flow: closed, no completed, iframe removed, no migration started", async () => {
  await withPage({}, async ({ page, stack }) => {
    const modal = await open(page, stack);
    await modal.getByRole("button", { name: "Close", exact: true }).click();
    const t = await waitForTimeline(page, (t) => callbacks(t).includes("closed"), "closed");
    assert.deepEqual(callbacks(t), ["opened", "closed"]);
    assert.equal(await page.locator(MODAL).count(), 0);
    await page.waitForTimeout(300);
    assert.deepEqual(webhooks(await timeline(page)), ["migration.created"]);
  });
});

test("the platform failing the migration: failed callback, failure webhooks verified", async () => {
  await withPage({}, async ({ page, stack }) => {
    const modal = await open(page, stack);
    await modal.getByRole("button", { name: "Continue" }).click();
    await modal.getByRole("button", { name: "Simulate a failure" }).click();
    const t = await waitForTimeline(page, (t) => webhooks(t).includes("migration.failed"), "migration.failed webhook");
    assert.deepEqual(callbacks(t), ["opened", "failed"]);
    assert.match(t.find((e) => e.label === "failed").text, /The source provider refused access\./);
    assert.deepEqual(webhooks(t), ["migration.created", "migration.started", "migration_task.failed", "migration.failed"]);
    assert.ok(t.some((e) => e.kind === "webhook" && e.text.includes("revoked the token")));
  });
});

test("a wrong API key: the platform answers 401, the page shows it, nothing is embedded", async () => {
  await withPage({ apiKey: "sk_wrong" }, async ({ page, stack }) => {
    await page.goto(stack.app.url);
    await page.waitForFunction(() => window.__demo !== undefined);
    await page.click("#connect");
    const t = await waitForTimeline(page, (t) => t.some((e) => e.kind === "error"), "error");
    assert.match(t.find((e) => e.kind === "error").text, /^401 unauthorized: Missing or invalid API key\./);
    assert.equal(await page.locator(MODAL).count(), 0);
    const direct = await fetch(`${stack.mock.url}/api/v1/migration-modal`, { method: "POST", body: "{}" });
    assert.equal(direct.status, 401);
    assert.equal((await direct.json()).error.code, "unauthorized");
  });
});

test("an expired URL: the library refuses it, and the platform's expired page fails by timeout", async () => {
  await withPage({ modalTtlSeconds: 1 }, async ({ page, stack }) => {
    // The library refuses to mount once expiresAt is past.
    await page.goto(`${stack.app.url}/?expiresAt=2020-01-01T00:00:00Z`);
    await page.waitForFunction(() => window.__demo !== undefined);
    await page.click("#connect");
    const t = await waitForTimeline(page, (t) => t.some((e) => e.kind === "error"), "EXPIRED error");
    assert.match(t.find((e) => e.kind === "error").text, /^EXPIRED: /);
    assert.equal(await page.locator(MODAL).count(), 0);
    // Without expiresAt, the platform's expired page never opens: failed with TIMEOUT.
    const res = await fetch(`${stack.app.url}/api/create-modal`, { method: "POST", body: JSON.stringify({ user_id: "u", source_provider: "hubspot" }) });
    const { url } = await res.json();
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await fetch(url)).status, 410);
    const failed = await page.evaluate((url) => new Promise((resolve) => {
      window.__demo.embed(url, { allowInsecureLocalhost: true, readyTimeoutMs: 1500, onFailed: (e) => resolve({ ...e }) });
    }), url);
    assert.equal(failed.type, "migration_modal.failed");
    assert.equal(failed.code, "TIMEOUT");
    assert.equal(await page.locator("iframe").count(), 0, "torn down");
  });
});

test("webhooks: a forged signature is rejected; deliveries retry once with back-off", async () => {
  await withPage({}, async ({ stack }) => {
    const body = JSON.stringify({ id: "evt_x", object: "event", created: "2025-06-18T04:06:42Z", type: "migration.completed", data: { migration_id: "mig_x", object: "migration" } });
    const res = await fetch(`${stack.app.url}/webhooks/anon`, {
      method: "POST",
      headers: { "svix-id": "msg_x", "svix-timestamp": String(Math.floor(Date.now() / 1000)), "svix-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" },
      body,
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.code, "INVALID_SIGNATURE");
    assert.ok(stack.app.timeline.some((e) => e.kind === "webhook-rejected"));
    // A receiver that fails once: the second attempt, after the back-off, gets through.
    const http = await import("node:http");
    const seen = [];
    const flaky = http.createServer((req, res) => { seen.push(Date.now()); res.writeHead(seen.length === 1 ? 500 : 200); res.end(); });
    await new Promise((r) => flaky.listen(0, "127.0.0.1", r));
    stack.mock.setWebhookUrl(`http://127.0.0.1:${flaky.address().port}/`);
    await fetch(`${stack.mock.url}/api/v1/migration-modal`, {
      method: "POST", headers: { authorization: "Bearer sk_test_anon_modal_demo" }, body: JSON.stringify({ user_id: "u", source_provider: "zendesk" }),
    });
    // The mock records an attempt's status after the receiver answered: wait for the record.
    const attempts = () => stack.mock.state.deliveries.at(-1).attempts;
    for (let i = 0; i < 100 && attempts().length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    flaky.close();
    assert.equal(seen.length, 2);
    assert.ok(seen[1] - seen[0] >= 100, "backed off");
    assert.deepEqual(stack.mock.state.deliveries.at(-1).attempts, [500, 200]);
  });
});

test("webhooks: the Files API failing after a verified completed webhook is shown on the timeline", async () => {
  // The app's Anon base URL is a port nothing listens on: listing the files fails after the
  // webhook was answered, and must not make the server answer it a second time.
  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, "127.0.0.1", r));
  const anonBaseUrl = `http://127.0.0.1:${closed.address().port}`;
  await new Promise((r) => closed.close(r));
  const app = await startApp({ port: 0, anonBaseUrl, apiKey: DEFAULT_API_KEY, webhookSecret: DEFAULT_WEBHOOK_SECRET, insecureLocalhost: true });
  try {
    const body = JSON.stringify({ id: "evt_1", object: "event", created: "2025-06-18T04:06:42Z", type: "migration.completed", data: { migration_id: "mig_1", object: "migration" } });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(`${app.url}/webhooks/anon`, {
      method: "POST",
      headers: { "svix-id": "msg_1", "svix-timestamp": String(timestamp), "svix-signature": signWebhook(DEFAULT_WEBHOOK_SECRET, "msg_1", timestamp, body) },
      body,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { received: true });
    const failure = () => app.timeline.find((e) => e.kind === "error" && e.text.startsWith("Files API"));
    for (let i = 0; i < 100 && !failure(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(failure(), "the Files API failure is on the timeline");
  } finally {
    await app.close();
  }
});
