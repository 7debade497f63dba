// What the examples' browser tests share: one browser for a file's tests (the one E2E_BROWSER
// names), each example served by the app server (its strict Content-Security-Policy on) against
// a mock platform of its own, and the list of events the example's page shows.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../e2e/stack.mjs";
import { startApp } from "../app/server.mjs";
import { startMock, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET } from "../mock/server.mjs";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "dist");
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * Serves example `name` and runs `fn(page)` on it, then checks the page's uncaught errors, as
 * the browser reports them: none, or those of `uncaught`, which the test causes on purpose.
 */
export async function withExample(name, fn, { trustedTypes = true, query = "", uncaught = [] } = {}) {
  const mock = await startMock({ port: 0, stepMs: 50, retryBaseMs: 50 });
  const app = await startApp({
    port: 0, anonBaseUrl: mock.url, apiKey: DEFAULT_API_KEY, webhookSecret: DEFAULT_WEBHOOK_SECRET,
    insecureLocalhost: true, staticDir: path.join(dist, name), trustedTypes,
  });
  try {
    mock.setWebhookUrl(`${app.url}/webhooks/anon`);
    mock.setAppOrigin(app.url);
    await browser.withPage(async (page) => {
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(`${app.url}/${query}`);
      await fn(page);
      assert.deepEqual(errors, uncaught, "the uncaught errors (none, unless the test causes them)");
      assert.deepEqual(await page.evaluate(() => window.__violations), [], "no CSP violation");
    });
  } finally {
    await app.close();
    await mock.close();
  }
}

export const events = (page) => page.$$eval("#events li", (items) => items.map((li) => li.textContent));
export async function waitForEvent(page, prefix) {
  await page.waitForFunction((p) => [...document.querySelectorAll("#events li")].some((li) => li.textContent.startsWith(p)), prefix, { timeout: 10_000 });
}

/** Waits until the app rendered its buttons (some fetch their config first). */
export const rendered = (page) => page.waitForFunction(() => !!document.getElementById("open"));
