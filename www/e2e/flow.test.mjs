// End to end, on real separate origins: the app (127.0.0.1), the mock Anon platform
// (localhost) and a third origin (127.0.0.1 on the mock's port), in the browser E2E_BROWSER names. The
// mock sends the shapes of Anon's documents (www/e2e/mock.test.mjs holds it to them); the app
// verifies them with the package's server entry and reads data.object as the migration.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import http from "node:http";
import { By } from "selenium-webdriver";
import { startStack, launchBrowser, test, timeline, waitForTimeline, callbacks, steps, webhooks, MODAL } from "./stack.mjs";
import { anonBaseUrl, startApp } from "../app/server.mjs";
import { DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET, svixSignature } from "../mock/server.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function withPage(stackOptions, fn) {
  const stack = await startStack(stackOptions);
  try {
    await browser.withPage(async (page) => {
      const consoleErrors = [];
      page.on("pageerror", (e) => consoleErrors.push(String(e)));
      await fn({ page, stack, consoleErrors });
    }, { viewport: { width: 1200, height: 760 } });
  } finally {
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
    assert.deepEqual(steps(t), ["step.started select_provider", "step.submitted select_provider", "step.completed select_provider",
      "step.started login", "step.submitted login", "step.completed login", "step.started done"], "Anon's step events, each naming its step");
    assert.equal(await page.locator(MODAL).count(), 0, "closed removes the iframe");
    assert.deepEqual(webhooks(t), ["migration.created", "migration.started", "migration.completed"]);
    assert.ok(t.filter((e) => e.kind === "webhook").every((e) => e.text.includes("signature verified")));
    assert.deepEqual(t.filter((e) => e.kind === "webhook").map((e) => e.text.split(" · ")[2]), ["NOT_STARTED (signature verified)", "WORKING (signature verified)", "COMPLETE (signature verified)"], "data.object read as the migration");
    const files = t.find((e) => e.kind === "files").text;
    assert.equal(files, "CompanyInfo-EntityType-Screenshot: company-info.png (68 B) · Contacts-EntityType-Raw: contacts.csv (82 B) · Contacts-EntityType-Json: contacts.json (174 B)");
    const completed = t.find((e) => e.label === "completed").text;
    assert.match(completed, /migration mig_[0-9A-Z]{26} · user user_42/, "the callback got the user and migration context");
    // The server got each event whole: the migration object as the platform sent it, one
    // migration id in the modal's events, the webhooks and the files.
    const migrationId = completed.match(/mig_\w+/)[0];
    const received = stack.app.timeline.filter((e) => e.kind === "webhook");
    assert.deepEqual(received.map((e) => e.object), stack.mock.state.deliveries.map((d) => d.event.data.object));
    assert.ok(received.every((e) => e.migration_id === migrationId && e.object.id === migrationId));
    assert.ok(stack.app.timeline.find((e) => e.kind === "files").files.every((f) => f.downloaded === f.size));
    assert.deepEqual(await page.evaluate(() => window.__demo.violations), [], "no CSP or Trusted Types violation");
    assert.deepEqual(consoleErrors, []);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).overflow), "visible", "scroll restored");
    await page.screenshot({ path: "test-results/demo-timeline.png" });
  });
});

test("a pop-up the modal opens (a provider's sign-in) cannot navigate the app's page", async () => {
  await withPage({}, async ({ page, stack }) => {
    await open(page, stack);
    const { driver } = page;
    const app = await driver.getWindowHandle();
    const appUrl = await driver.getCurrentUrl();
    // The modal's own script opens it, on a click of the user's, as its sign-in would.
    await driver.switchTo().frame(await driver.findElement(By.css(MODAL)));
    await driver.executeScript((provider) => {
      const button = document.body.appendChild(document.createElement("button"));
      button.id = "sign-in-pop-up";
      button.textContent = "Sign in";
      button.addEventListener("click", () => window.open(provider, "_blank"));
    }, `http://127.0.0.1:${new URL(stack.mock.url).port}/provider-sign-in`);
    await driver.findElement(By.id("sign-in-pop-up")).click();
    await driver.switchTo().defaultContent();
    let popUp;
    for (const end = performance.now() + 10_000; !popUp && performance.now() < end; await page.waitForTimeout(50)) {
      popUp = (await driver.getAllWindowHandles()).find((handle) => handle !== app);
    }
    assert.ok(popUp, "the modal opened its pop-up");
    try {
      await driver.switchTo().window(popUp);
      // As a page in the pop-up would: its opener is the modal's frame, whose top is the app.
      const tried = await driver.executeScript((target) => {
        try {
          opener.top.location.href = target;
          return "no error";
        } catch (error) {
          return error.name;
        }
      }, `${stack.mock.url}/phished`);
      await driver.switchTo().window(app);
      await page.waitForTimeout(1000);
      assert.equal(await driver.getCurrentUrl(), appUrl, `the app's page stayed (the pop-up's attempt: ${tried})`);
    } finally {
      // The harness drives one window.
      for (const handle of await driver.getAllWindowHandles()) {
        if (handle !== app) await driver.switchTo().window(handle).then(() => driver.close());
      }
      await driver.switchTo().window(app);
    }
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

test("the platform failing the migration: failed callback, migration_task.failed with the task whole, migration.failed", async () => {
  await withPage({}, async ({ page, stack }) => {
    const modal = await open(page, stack);
    await modal.getByRole("button", { name: "Continue" }).click();
    await modal.getByRole("button", { name: "Simulate a failure" }).click();
    const t = await waitForTimeline(page, (t) => webhooks(t).includes("migration.failed") && t.some((e) => e.kind === "files"), "migration.failed webhook and the files");
    assert.deepEqual(callbacks(t), ["opened", "failed"]);
    assert.match(t.find((e) => e.label === "failed").text, /The source provider revoked the token\./);
    assert.deepEqual(steps(t), ["step.started select_provider", "step.submitted select_provider", "step.completed select_provider",
      "step.started login", "step.submitted login", "step.failed login"]);
    assert.match(t.find((e) => e.label === "step.failed").text, /^login · migration mig_\w+ · user user_42 · The source provider revoked the token\.$/);
    assert.deepEqual(webhooks(t), ["migration.created", "migration.started", "migration_task.failed", "migration.failed"]);
    assert.match(t.find((e) => e.text.startsWith("migration_task.failed")).text,
      /^migration_task\.failed · migration mig_\w+ · migration_task mtsk_\w+ · The source provider revoked the token\. \(signature verified\)$/);
    assert.match(t.find((e) => e.text.startsWith("migration.failed")).text, / · FAILED · 1 of 2 tasks failed\. /);
    // The task object is not documented: the server got it whole, every field the platform sent.
    const task = stack.app.timeline.find((e) => e.type === "migration_task.failed").object;
    assert.deepEqual(task, [...stack.mock.state.tasks.values()][0]);
    // A failed task may leave files: the server looked, and found the partial extraction.
    assert.equal(t.find((e) => e.kind === "files").text, "CompanyInfo-EntityType-Screenshot: company-info.png (68 B)");
  });
});

test("a failed task in a completed migration: COMPLETED_WITH_FAILURES, the files listed after each", async () => {
  await withPage({}, async ({ page, stack }) => {
    const modal = await open(page, stack);
    await modal.getByRole("button", { name: "Continue" }).click();
    await modal.getByRole("button", { name: "Simulate a failed task" }).click();
    const t = await waitForTimeline(page, (t) => t.filter((e) => e.kind === "files").length === 2, "files listed twice");
    assert.deepEqual(callbacks(t), ["opened", "completed"]);
    assert.deepEqual(webhooks(t), ["migration.created", "migration.started", "migration_task.failed", "migration.completed"]);
    assert.match(t.find((e) => e.text.startsWith("migration.completed")).text, / · COMPLETED_WITH_FAILURES \(signature verified\)$/);
    assert.ok(t.filter((e) => e.kind === "files").every((e) => e.text === "CompanyInfo-EntityType-Screenshot: company-info.png (68 B) · Contacts-EntityType-Raw: contacts.csv (82 B)"));
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
    const res = await fetch(`${stack.app.url}/api/create-modal`, { method: "POST", body: JSON.stringify({ user_id: "u", source_provider: "adp" }) });
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

test("a modal that cannot load never traps the page: Escape closes it, a CSP block fails it at once", async () => {
  await withPage({ modalTtlSeconds: 1 }, async ({ page, stack }) => {
    // The platform's expired page never opens. With no ready timeout at all, Escape still
    // closes the overlay, reported as closed with a reason.
    await page.goto(`${stack.app.url}/`);
    await page.waitForFunction(() => window.__demo !== undefined);
    const res = await fetch(`${stack.app.url}/api/create-modal`, { method: "POST", body: JSON.stringify({ user_id: "u", source_provider: "adp" }) });
    const { url } = await res.json();
    await new Promise((r) => setTimeout(r, 1100));
    await page.evaluate((url) => {
      window.__modal = window.__demo.embed(url, { allowInsecureLocalhost: true, readyTimeoutMs: 0, onClosed: (e) => (window.__closed = { ...e }) });
      window.__settled = window.__modal.settled;
      window.__modal.removed.then(() => (window.__removed = window.__modal.destroyed));
    }, url);
    assert.equal(await page.locator("iframe").count(), 1, "the overlay is up");
    assert.equal(await page.evaluate(() => window.__removed), undefined, "removed is pending while it is up");
    await page.press("ESCAPE");
    await page.waitForFunction(() => window.__closed !== undefined);
    assert.deepEqual(await page.evaluate(() => window.__closed), { type: "migration_modal.closed", reason: "dismissed" });
    assert.equal(await page.evaluate(() => window.__settled.then((e) => e.reason)), "dismissed");
    assert.equal(await page.locator("iframe").count(), 0, "torn down");
    assert.equal(await page.evaluate(() => window.__modal.removed.then(() => window.__removed)), true, "removed resolved, destroyed true");
  });
  // The page's own Content-Security-Policy leaves the modal's origin out of frame-src: the
  // modal fails with FRAME_BLOCKED at once, not after the 30 s ready timeout the demo sets.
  await withPage({ frameSrc: "'self'" }, async ({ page, stack }) => {
    await page.goto(`${stack.app.url}/`);
    await page.waitForFunction(() => window.__demo !== undefined);
    const started = performance.now();
    await page.click("#connect");
    const t = await waitForTimeline(page, (t) => callbacks(t).includes("failed"), "failed");
    assert.ok(performance.now() - started < 20_000, "failed before the ready timeout");
    assert.match(t.find((e) => e.kind === "callback" && e.label === "failed").text, /FRAME_BLOCKED/);
    assert.equal(await page.locator("iframe").count(), 0, "torn down");
  });
  // A report-only policy reports the same violation but blocks nothing: the modal opens.
  await withPage({ reportOnlyFrameSrc: "'self'" }, async ({ page, stack }) => {
    await open(page, stack);
    assert.ok(await page.evaluate(() => window.__demo.violations.length > 0), "the violation was reported");
    assert.ok(!callbacks(await timeline(page)).includes("failed"));
  });
});

/** Posts a delivery to the app as the platform would, signed with `secret`. */
function deliver(app, event, { secret = DEFAULT_WEBHOOK_SECRET, id = "msg_2ycTlwDkllobhXwGILmiziO9xnz", timestamp = Math.floor(Date.now() / 1000), body = JSON.stringify(event), signedBody = body } = {}) {
  return fetch(`${app.url}/webhooks/anon`, {
    method: "POST",
    headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": svixSignature(secret, id, timestamp, signedBody) },
    body,
  });
}
const completedEvent = (migrationId) => ({
  id: "evt_01HX4J1SQ93Y9F6VBQ4JPZW66S", object: "event", created: "2025-06-18T00:50:40.301173", type: "migration.completed",
  data: { migration_id: migrationId, object: { company_id: "f7b2d4e9-3c8a-4f1b-9e6d-2a5c8b7f3e91", created: "2025-06-18T04:06:42.453452", id: migrationId, created_by_user_id: "usr_01HX4J1SQ93Y9F6VBQ4JPZW66S", object: "migration", status: "COMPLETE" } },
});

test("a duplicate delivery: acknowledged again, its work (listing the files) not done twice", async () => {
  await withPage({}, async ({ page, stack }) => {
    await page.goto(stack.app.url);
    await page.waitForFunction(() => window.__demo !== undefined);
    // The migration runs as the modal would run it; the page shows what the server does.
    const created = await (await fetch(`${stack.app.url}/api/create-modal`, { method: "POST", body: JSON.stringify({ user_id: "user_7", source_provider: "gusto" }) })).json();
    const modalId = new URL(created.url).pathname.split("/").pop();
    await stack.mock.finish(modalId, "complete");
    await waitForTimeline(page, (t) => t.some((e) => e.kind === "files"), "files");
    const record = stack.mock.state.deliveries.find((d) => d.type === "migration.completed");
    assert.deepEqual(record.attempts, [200]);
    // Svix delivers the same message again (a replay, or a retry after a lost answer).
    await stack.mock.redeliver(record.id);
    assert.deepEqual(record.attempts, [200, 200], "acknowledged again");
    const t = await waitForTimeline(page, (t) => t.some((e) => e.kind === "duplicate"), "the duplicate");
    assert.equal(t.find((e) => e.kind === "duplicate").text, `migration.completed ${record.id} again: acknowledged, already handled`);
    await page.waitForTimeout(300);
    const after = await timeline(page);
    assert.deepEqual(webhooks(after), ["migration.created", "migration.started", "migration.completed"], "handled once");
    assert.equal(after.filter((e) => e.kind === "files").length, 1, "the files listed once");
    assert.equal(created.migration_id, record.event.data.migration_id);
  });
});

test("a forged delivery: rejected with the error's code, never acknowledged, even with a known svix-id", async () => {
  await withPage({}, async ({ stack }) => {
    const app = stack.app;
    const event = completedEvent("mig_01HX4J3SQ4QZZ9V9JMP8J2V7KZ");
    const forged = "whsec_" + Buffer.from("not-the-platform-secret-32-bytes").toString("base64");
    const rejected = async (res, code) => {
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.code, code);
    };
    await rejected(await deliver(app, event, { secret: forged }), "INVALID_SIGNATURE");
    // A genuine signature over another body.
    const altered = JSON.stringify({ ...event, data: { ...event.data, migration_id: "mig_attacker" } });
    await rejected(await deliver(app, event, { body: altered, signedBody: JSON.stringify(event) }), "INVALID_SIGNATURE");
    await rejected(await deliver(app, event, { timestamp: Math.floor(Date.now() / 1000) - 3600 }), "TIMESTAMP_TOO_OLD");
    const bare = await fetch(`${app.url}/webhooks/anon`, { method: "POST", body: JSON.stringify(event) });
    await rejected(bare, "MISSING_HEADER");
    // The genuine delivery, then a forgery that reuses its svix-id: not taken for a duplicate.
    const genuine = await deliver(app, event, { id: "msg_known" });
    assert.equal(genuine.status, 200);
    assert.deepEqual(await genuine.json(), { received: true });
    await rejected(await deliver(app, event, { id: "msg_known", secret: forged }), "INVALID_SIGNATURE");
    assert.equal(app.timeline.filter((e) => e.kind === "webhook-rejected").length, 5);
    assert.equal(app.timeline.filter((e) => e.kind === "webhook").length, 1);
    assert.ok(!app.timeline.some((e) => e.kind === "webhook-duplicate"));
    // The dashboard's svix.ping test: signed, no Anon event, acknowledged without any work.
    const ping = await deliver(app, null, { id: "msg_ping", body: '{"success": true}' });
    assert.equal(ping.status, 202);
    assert.deepEqual(await ping.json(), { received: true, event: false });
    assert.equal(app.timeline.filter((e) => e.kind === "webhook-not-event").length, 1);
    // An event this version cannot read: refused, so that Anon keeps it to resend.
    const unreadable = { ...event, data: { ...event.data, object: "migration" } };
    await rejected(await deliver(app, unreadable, { id: "msg_unreadable" }), "INVALID_PAYLOAD");
    // Nor is a signed body that is no JSON (an event cut short) or no object (events in a list).
    for (const [id, body] of [["msg_cut", JSON.stringify(event).slice(0, -1)], ["msg_list", `[${JSON.stringify(event)}]`]]) {
      await rejected(await deliver(app, null, { id, body }), "INVALID_PAYLOAD");
    }
    assert.equal(app.timeline.filter((e) => e.kind === "webhook").length, 1);
  });
});

test("a double click: one create-modal call per user at a time, so one migration", async () => {
  // A slow Anon, so that the second click arrives while the first call is in flight.
  const calls = [];
  const anon = http.createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    const n = calls.push(JSON.parse(body).user_id);
    await new Promise((r) => setTimeout(r, 300));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ object: "migration_modal", id: crypto.randomUUID(), migration_id: `mig_${n}`, url: "http://localhost:1/modal", created: "2025-06-18T00:50:40Z", expires_at: "2025-06-18T01:00:40Z" }));
  });
  await new Promise((r) => anon.listen(0, "127.0.0.1", r));
  const app = await startApp({ port: 0, anonBaseUrl: `http://127.0.0.1:${anon.address().port}`, apiKey: DEFAULT_API_KEY, webhookSecret: DEFAULT_WEBHOOK_SECRET });
  try {
    const create = (user) => fetch(`${app.url}/api/create-modal`, { method: "POST", body: JSON.stringify({ user_id: user, source_provider: "gusto" }) }).then((r) => r.json());
    const [a, b, other] = await Promise.all([create("user_9"), create("user_9"), create("user_10")]);
    assert.equal(a.migration_id, b.migration_id, "both clicks get the same modal");
    assert.notEqual(other.migration_id, a.migration_id, "another user is not held up");
    assert.deepEqual(calls.sort(), ["user_10", "user_9"]);
    assert.notEqual((await create("user_9")).migration_id, a.migration_id, "a later click is a new modal");
  } finally {
    await app.close();
    await new Promise((r) => anon.close(r));
  }
});

test("ANON_BASE_URL as Anon's quickstart sets it, a bare host, is called over https; the mock's keeps its scheme", async () => {
  assert.equal(anonBaseUrl("worker.anon.com"), "https://worker.anon.com");
  assert.equal(anonBaseUrl("https://worker.anon.com/"), "https://worker.anon.com");
  assert.equal(anonBaseUrl("http://localhost:8081"), "http://localhost:8081");
  assert.equal(anonBaseUrl("localhost:8081"), "https://localhost:8081");
  assert.equal(anonBaseUrl(" https:/worker.anon.com/anon// "), "https://worker.anon.com/anon");
  assert.throws(() => anonBaseUrl("ftp://worker.anon.com"), /ANON_BASE_URL must be a host \(worker\.anon\.com\) or an http\(s\) URL/);
  // The demo starts with the quickstart's setting, and its page lets in a modal from that host.
  const app = await startApp({ port: 0, anonBaseUrl: "worker.anon.com", apiKey: DEFAULT_API_KEY, webhookSecret: DEFAULT_WEBHOOK_SECRET });
  try {
    const csp = (await fetch(app.url)).headers.get("content-security-policy");
    assert.match(csp, /frame-src https:\/\/worker\.anon\.com(;| )/);
  } finally {
    await app.close();
  }
});

test("a stalled Anon: the create-modal call gives up, and the user's next click calls again", async () => {
  // The first call never gets an answer, the second gets its headers but no body; the third
  // gets a modal.
  let calls = 0;
  const anon = http.createServer((req, res) => {
    if (++calls === 1) return;
    res.writeHead(201, { "content-type": "application/json" });
    if (calls === 2) return res.write("{");
    res.end(JSON.stringify({ object: "migration_modal", id: crypto.randomUUID(), migration_id: "mig_2", url: "http://localhost:1/modal", created: "2025-06-18T00:50:40Z", expires_at: "2025-06-18T01:00:40Z" }));
  });
  await new Promise((r) => anon.listen(0, "127.0.0.1", r));
  const app = await startApp({ port: 0, anonBaseUrl: `http://127.0.0.1:${anon.address().port}`, apiKey: DEFAULT_API_KEY, webhookSecret: DEFAULT_WEBHOOK_SECRET, anonTimeoutMs: 300 });
  try {
    const create = () => fetch(`${app.url}/api/create-modal`, { method: "POST", body: JSON.stringify({ user_id: "user_11", source_provider: "gusto" }) });
    for (const stage of ["no answer", "a body cut short"]) {
      const stalled = await create();
      assert.equal(stalled.status, 504, stage);
      assert.deepEqual(await stalled.json(), { error: { code: "upstream", message: "Anon did not answer in time; try again." } }, stage);
    }
    assert.equal(app.timeline.filter((e) => e.kind === "error" && e.text === "create modal: Anon did not answer in time").length, 2);
    const again = await create();
    assert.equal(again.status, 200);
    assert.equal((await again.json()).migration_id, "mig_2");
    assert.equal(calls, 3);
    // A body that is no object is the page's mistake, not Anon's: Anon is not called.
    const wrong = await fetch(`${app.url}/api/create-modal`, { method: "POST", body: "null" });
    assert.equal(wrong.status, 400);
    assert.equal(calls, 3);
  } finally {
    await app.close();
    anon.closeAllConnections();
    await new Promise((r) => anon.close(r));
  }
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
    const res = await deliver(app, completedEvent("mig_01HX4J3SQ4QZZ9V9JMP8J2V7KZ"));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { received: true });
    const failure = () => app.timeline.find((e) => e.kind === "error" && e.text.startsWith("Files API"));
    for (let i = 0; i < 100 && !failure(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(failure(), "the Files API failure is on the timeline");
  } finally {
    await app.close();
  }
});
