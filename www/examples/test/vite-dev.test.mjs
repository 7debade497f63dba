// The vanilla example under Vite's dev server, where an app's first hour is spent: served
// from the installed tarball, not built, with `/api` proxied to the demo stack's app server and
// the local mock platform behind it. Vite 8 needs no configuration. Vite 7 pre-bundles the
// package into its dependency cache without the wasm, so init() fails with a message that
// names the fix, and with that fix the modal opens.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as vite8 from "vite";
import * as vite7 from "vite7";
import { startStack, launchBrowser, test } from "../../e2e/stack.mjs";
import { freePort } from "../../e2e/user-app.mjs";

const vanilla = path.join(path.dirname(fileURLToPath(import.meta.url)), "../vanilla");
const exclude = { exclude: ["anon-modal"] };
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Serves the vanilla example with `vite` and `optimizeDeps`, then runs `fn(page, errors, url)`. */
async function withDevServer(vite, optimizeDeps, fn) {
  // The app server answers the page's /api calls; Vite serves the page.
  const stack = await startStack();
  let server;
  try {
    server = await vite.createServer({
      root: vanilla, configFile: false, logLevel: "warn",
      // A fresh dependency cache each time: both versions write the same one.
      optimizeDeps: { force: true, ...optimizeDeps },
      // Vite 7 takes port 0 for its default, 5173: a free port, held to.
      server: { host: "127.0.0.1", port: await freePort(), strictPort: true, proxy: { "/api": stack.app.url } },
    });
    await server.listen();
    const url = server.resolvedUrls.local[0];
    await browser.withPage(async (page) => {
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(url);
      // Until the page's script has run, a click finds no listener. WebKit's driver may end the
      // navigation before it has (seen with Vite's dev server, which serves it as many modules).
      await page.waitForFunction(() => typeof window.__createModal === "function");
      await fn(page, errors, url);
    });
  } finally {
    await server?.close();
    await stack.close();
  }
}

/** Clicks Import data and waits for the modal's `opened`. */
async function opens(page, errors) {
  await page.click("#open");
  await page.waitForFunction(() => [...document.querySelectorAll("#events li")].some((li) => li.textContent === "opened"), null, { timeout: 20_000 });
  assert.equal(await page.locator("iframe").count(), 1);
  assert.deepEqual(errors, [], "no uncaught error");
}

test(`Vite ${vite8.version} dev server, no configuration: the modal opens`, () => withDevServer(vite8, {}, opens));

test(`Vite ${vite7.version} dev server: without the fix, init() names it; with it, the modal opens`, async () => {
  await withDevServer(vite7, {}, async (page, errors, url) => {
    await page.click("#open");
    // The page's errors reach `errors` with the harness's next command.
    for (const start = Date.now(); errors.length === 0 && Date.now() - start < 20_000; ) {
      await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    }
    assert.equal(errors.length, 1, `one uncaught error: ${errors}`);
    // The cache is in the examples' node_modules, outside the app's root.
    const wasm = `${new URL(url).origin}/@fs${fs.realpathSync(path.resolve(vanilla, "../node_modules"))}/.vite/deps/anon_modal_bg.wasm`;
    assert.ok(errors[0].includes(`init() found no wasm at ${wasm} (an HTML page, HTTP 200): Vite's dev server pre-bundled anon-modal without its wasm (Vite 7 and earlier do); add optimizeDeps: { exclude: ["anon-modal"] } to your Vite config`), errors[0]);
    assert.equal(await page.locator("iframe").count(), 0);
  });
  await withDevServer(vite7, exclude, opens);
});
