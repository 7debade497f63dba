// Starts the demo stack on free ports; browser.mjs starts the browser (E2E_BROWSER) and drives it.
import { startMock, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET } from "../mock/server.mjs";
import { startApp } from "../app/server.mjs";

export { launchBrowser, test, ENGINE } from "./browser.mjs";

export const MODAL = 'iframe[title="Import your data with Anon"]';

/** The mock as a user's app runs it: no app origin given, so the modal learns it from its Referer. */
export async function startStack({ apiKey = DEFAULT_API_KEY, modalTtlSeconds, frameSrc, reportOnlyFrameSrc } = {}) {
  const mock = await startMock({ port: 0, retryBaseMs: 100, stepMs: 100 });
  const mockPort = new URL(mock.url).port;
  const app = await startApp({
    port: 0,
    anonBaseUrl: mock.url,
    apiKey,
    webhookSecret: DEFAULT_WEBHOOK_SECRET,
    insecureLocalhost: true,
    modalTtlSeconds,
    frameSrc,
    reportOnlyFrameSrc,
    // A third origin (same server, other host name) and the modal's own origin.
    hostileOrigins: [`http://127.0.0.1:${mockPort}`, mock.url],
  });
  mock.setWebhookUrl(`${app.url}/webhooks/anon`);
  return { mock, app, close: async () => { await app.close(); await mock.close(); } };
}

/** The timeline as [{kind, label, text}]. */
export async function timeline(page) {
  return page.$$eval("#timeline li", (items) => items.map((li) => ({
    kind: li.dataset.kind,
    label: li.querySelector(".kind").textContent,
    text: li.lastElementChild.textContent,
  })));
}

/**
 * Waits until `predicate(timeline)` holds (polling), or fails with the timeline. Deadlines here
 * and in browser.mjs are on the monotonic clock: a wall clock stepped forward (a paused VM, a
 * time sync) once ended a 10 s wait after 2 s.
 */
export async function waitForTimeline(page, predicate, what, ms = 10_000) {
  const end = performance.now() + ms;
  let last = [];
  while (performance.now() < end) {
    last = await timeline(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; timeline:\n${last.map((e) => `${e.kind} ${e.label} ${e.text}`).join("\n")}`);
}

export const callbacks = (entries) => entries.filter((e) => e.kind === "callback").map((e) => e.label);
/** The step events the page logged, as `type step` ("step.started login"). */
export const steps = (entries) => entries.filter((e) => e.kind === "step").map((e) => `${e.label} ${e.text.split(" · ")[0]}`);
export const webhooks = (entries) => entries.filter((e) => e.kind === "webhook").map((e) => e.text.split(" · ")[0]);
