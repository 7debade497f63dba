// A new user's first hour, followed automatically: a fresh app outside the repo (the packed
// package installed in a scratch directory, a page and a server written from the README), the
// local Anon started by its documented command (`npx anon-modal-mock`), and the user's browser:
// a completed flow, a double click, a page whose CSP refuses the modal or its wasm, an upgrade
// with an older wasm cached, Escape on a modal that
// never opens, and the mistakes a user makes first, each answered by an error that says what to do.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { launchBrowser, test } from "./stack.mjs";
import { thePackage, freePort, startCommand, createModal, TYPES } from "./user-app.mjs";

// The page, as the README's "In the browser" section writes it; `window.__log` is for the test.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>my app</title></head><body>
<h1>my app</h1><button id="connect">Import your data</button>
<script type="module">
  import { init, embedAnonModal, openAnonModal, isAnonModalError } from "/anon-modal/index.js";
  const log = (entry) => window.__log.push(entry);
  window.__log = [];
  window.__embed = async (url, options) => {
    await init();
    try {
      return embedAnonModal(url, options);
    } catch (e) {
      log({ error: isAnonModalError(e) ? e.code : "not an AnonModalError", message: e.message });
    }
  };
  // openAnonModal: the server call and the wasm load together, one modal however often it is clicked.
  document.getElementById("connect").addEventListener("click", () => {
    openAnonModal(() => fetch("/api/anon-modal", { method: "POST" }).then((r) => r.json()), {
      allowInsecureLocalhost: true, // the local mock is http://localhost
      onOpened: (e) => log({ type: e.type }),
      onCompleted: (e) => log({ type: e.type, migration_id: e.data?.migration_id }),
      onFailed: (e) => log({ type: e.type, code: e.code }),
      onClosed: (e) => log({ type: e.type, reason: e.reason }),
    }).catch((e) => log({ error: e.code, message: e.message }));
  });
</script></body></html>`;

/** The user's server: the page, the package's files, and the create-modal route with the key. */
async function startUserApp(pkg, settings, { csp, planted = "", wasm } = {}) {
  const calls = { createModal: 0 };
  const server = http.createServer(async (req, res) => {
    if (req.method === "POST" && req.url === "/api/anon-modal") {
      calls.createModal++;
      return createModal(settings, res);
    }
    if (req.url === "/") {
      res.writeHead(200, { "content-type": TYPES[".html"], ...(csp ? { "content-security-policy": csp } : {}) });
      return res.end(PAGE.replace("<h1>", planted + "<h1>"));
    }
    if (wasm && req.url === "/anon-modal/anon_modal_bg.wasm") return wasm(req, res);
    const file = path.join(pkg.dir, req.url.replace(/^\/anon-modal\//, "/").split("?")[0]);
    if (!file.startsWith(pkg.dir + path.sep) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, calls, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

let browser, pkg, mock;
before(async () => {
  browser = await launchBrowser();
  pkg = thePackage();
  mock = await startCommand(pkg, ["--port", String(await freePort()), "--quiet"]);
});
after(async () => {
  // The mock first: a command left running keeps this file's process, and the suite, waiting.
  try {
    if (mock) process.kill(-mock.child.pid, "SIGINT");
  } catch {
    // It has ended already.
  }
  await browser?.close();
});

async function withApp(appOptions, fn) {
  const app = await startUserApp(pkg, mock.settings, appOptions);
  try {
    await browser.withPage(async (page) => {
      await page.goto(`${app.url}/`);
      await page.waitForFunction(() => Array.isArray(window.__log));
      await fn({ app, page, log: () => page.evaluate(() => window.__log) });
    });
  } finally {
    await app.close();
  }
}

/**
 * Clicks the page's button, then goes through the mock modal to its end, as a user does;
 * `opened` checks the page once the modal is.
 */
async function completeFlow(page, log, opened = async () => {}) {
  await page.click("#connect");
  await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.opened"));
  await opened();
  const modal = page.frameLocator("iframe");
  await modal.getByRole("button", { name: "Continue" }).click();
  await modal.getByRole("button", { name: "Log in" }).click();
  await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.completed"));
  await modal.getByRole("button", { name: "Done" }).evaluate((button) => button.click());
  await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.closed"));
  assert.deepEqual((await log()).map((e) => e.type), ["migration_modal.opened", "migration_modal.completed", "migration_modal.closed"]);
}

test("a completed flow: opened, completed, closed, and the iframe gone", async (t) => {
  t.diagnostic(`package from ${pkg.from}`);
  await withApp({}, async ({ app, page, log }) => {
    await completeFlow(page, log);
    assert.match((await log())[1].migration_id, /^mig_/);
    // Done, once the migration started, hides the modal (Anon's closed is for leaving before).
    assert.equal((await log())[2].reason, "hidden");
    assert.equal(await page.locator("iframe").count(), 0);
    assert.equal(app.calls.createModal, 1);
  });
});

test("elements named after what the library reads change nothing: the same completed flow", async () => {
  // Named elements override the document's own properties ([LegacyOverrideBuiltIns]); an id
  // makes a global of its name. The library must read through neither. (tests/web/urls.rs
  // plants `body`, `querySelector` and `defaultView` too, which here would break the
  // WebDriver's own lookups.)
  const names = ["currentScript", "activeElement", "createElement"];
  const planted = names.map((name) => `<img name="${name}">`).join("") + `<form id="anon_modal"></form><img id="URL">`;
  await withApp({ planted }, async ({ page, log }) => {
    assert.equal(await page.evaluate(() => document.createElement.tagName), "IMG", "the page is clobbered");
    await completeFlow(page, log);
    assert.equal(await page.locator("iframe").count(), 0);
  });
});

test("an app in fullscreen: the modal takes the page out of it, shows above it, and the flow completes", async () => {
  await withApp({}, async ({ page, log }) => {
    // A dashboard panel the user made fullscreen, its import button inside.
    await page.evaluate(() => {
      const panel = document.createElement("div");
      const button = document.createElement("button");
      panel.id = "panel";
      button.id = "fullscreen";
      button.textContent = "Full screen";
      button.addEventListener("click", () => panel.requestFullscreen());
      panel.append(button, document.getElementById("connect"));
      document.body.append(panel);
    });
    await page.click("#fullscreen");
    await page.waitForFunction(() => document.fullscreenElement?.id === "panel");
    await completeFlow(page, log, async () => {
      await page.waitForFunction(() => document.fullscreenElement === null);
      // What the user sees in the middle of the screen, and can click: the modal.
      assert.equal(await page.evaluate(() => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.localName), "iframe");
    });
  });
});

test("a page fullscreen as a whole (a kiosk): it stays fullscreen, and the modal shows in it and completes", async () => {
  await withApp({}, async ({ page, log }) => {
    await page.evaluate(() => {
      const button = document.createElement("button");
      button.id = "fullscreen";
      button.textContent = "Full screen";
      button.addEventListener("click", () => document.documentElement.requestFullscreen());
      document.body.append(button);
    });
    await page.click("#fullscreen");
    await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
    await completeFlow(page, log, async () => {
      assert.equal(await page.evaluate(() => document.fullscreenElement?.localName), "html", "still fullscreen");
      assert.equal(await page.evaluate(() => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.localName), "iframe");
    });
  });
});

test("a hidden modal shown from a fullscreen panel: the page leaves fullscreen, and the modal is in front, with focus", async () => {
  await withApp({}, async ({ page }) => {
    await page.evaluate(async () => {
      const created = await fetch("/api/anon-modal", { method: "POST" }).then((r) => r.json());
      window.__modal = await window.__embed(created, {
        allowInsecureLocalhost: true,
        hidden: true,
        onOpened: (e) => window.__log.push({ type: e.type }),
      });
      const panel = document.createElement("div");
      for (const [id, act] of [["fullscreen", () => panel.requestFullscreen()], ["show", () => window.__modal.show()]]) {
        const button = document.createElement("button");
        button.id = id;
        button.textContent = id;
        button.addEventListener("click", act);
        panel.append(button);
      }
      document.body.append(panel);
    });
    await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.opened"));
    // The modal shows itself once loaded (its internal `show`), as Anon's does: hidden again.
    await page.evaluate(() => window.__modal.hide());
    await page.click("#fullscreen");
    await page.waitForFunction(() => document.fullscreenElement !== null);
    await page.click("#show");
    await page.waitForFunction(() => document.fullscreenElement === null && document.activeElement?.localName === "iframe");
    assert.equal(await page.evaluate(() => document.querySelector("iframe").matches(":popover-open")), true, "in the top layer");
  });
});

test("a double click: one server call, one modal", async () => {
  await withApp({}, async ({ app, page, log }) => {
    await page.evaluate(() => { const b = document.getElementById("connect"); b.click(); b.click(); });
    await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.opened"));
    await page.waitForTimeout(300);
    assert.equal(app.calls.createModal, 1);
    assert.equal(await page.locator("iframe").count(), 1);
    assert.deepEqual((await log()).map((e) => e.type), ["migration_modal.opened"]);
  });
});

test("a page whose CSP leaves the modal out of frame-src: failed with FRAME_BLOCKED at once", async () => {
  await withApp({ csp: "frame-src 'self'" }, async ({ page, log }) => {
    const started = performance.now();
    await page.click("#connect");
    await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.failed"));
    assert.ok(performance.now() - started < 10_000, "long before the 15 s ready timeout");
    assert.deepEqual(await log(), [{ type: "migration_modal.failed", code: "FRAME_BLOCKED" }]);
    assert.equal(await page.locator("iframe").count(), 0);
  });
});

test("a page whose CSP leaves out 'wasm-unsafe-eval': INIT_FAILED that says to add it", async () => {
  // Chromium and Firefox refuse the wasm as it compiles, WebKit as it is instantiated.
  await withApp({ csp: "script-src 'self' 'unsafe-inline'" }, async ({ page, log }) => {
    await page.click("#connect");
    await page.waitForFunction(() => window.__log.some((e) => e.error));
    assert.deepEqual(await log(), [{
      error: "INIT_FAILED",
      message: "init() cannot compile the wasm: the page's Content-Security-Policy refuses WebAssembly; add 'wasm-unsafe-eval' to its script-src (or to default-src if it has no script-src)",
    }]);
    assert.equal(await page.locator("iframe").count(), 0);
  });
});

test("a page whose CSP lets fetch reach its API but not the wasm: INIT_FAILED that names connect-src", async () => {
  await withApp({ csp: "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; connect-src http://127.0.0.1:*/api/" }, async ({ page, log }) => {
    await page.click("#connect");
    await page.waitForFunction(() => window.__log.some((e) => e.error));
    const [entry, ...more] = await log();
    assert.deepEqual(more, []);
    assert.equal(entry.error, "INIT_FAILED");
    assert.match(entry.message, /^init\(\) could not fetch http:\/\/127\.0\.0\.1:\d+\/anon-modal\/anon_modal_bg\.wasm \(.+\): check that URL, its CORS headers and the page's Content-Security-Policy connect-src, or pass/);
    assert.equal(await page.locator("iframe").count(), 0);
  });
});

test("an upgrade, with the browser holding the older wasm (served unhashed, cached for a year): init() asks past the cache, and the modal opens", async () => {
  const current = fs.readFileSync(path.join(pkg.dir, "anon_modal_bg.wasm"));
  const older = Buffer.from(current);
  older.write("0123456789ab", older.length - 12); // another build's mark
  const served = [];
  const wasm = (req, res) => {
    served.push(served.length ? "current" : "older");
    res.writeHead(200, { "content-type": "application/wasm", "cache-control": "public, max-age=31536000" });
    res.end(served.length === 1 ? older : current);
  };
  await withApp({ wasm }, async ({ page, log }) => {
    // What a visit before the upgrade left in the cache.
    await page.evaluate(() => fetch("/anon-modal/anon_modal_bg.wasm").then((r) => r.arrayBuffer()));
    await page.click("#connect");
    await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.opened" || e.error));
    assert.deepEqual(await log(), [{ type: "migration_modal.opened" }]);
    assert.deepEqual(served, ["older", "current"]);
  });
});

test("under a body with a filter, a transform or containment, the modal fills the viewport", async () => {
  for (const rule of ["filter: blur(0)", "transform: translateZ(0)", "contain: paint"]) {
    await withApp({ planted: `<style>body { ${rule} }</style><div style="height: 3000px"></div>` }, async ({ page }) => {
      await page.click("#connect");
      await page.waitForFunction(() => window.__log.some((e) => e.type === "migration_modal.opened"));
      await page.waitForTimeout(500);
      const size = await page.evaluate(() => {
        const { width, height } = document.querySelector("iframe").getBoundingClientRect();
        return [Math.round(width - innerWidth), Math.round(height - innerHeight)];
      });
      assert.deepEqual(size, [0, 0], `${rule}: the frame against the viewport`);
    });
  }
});

test("a modal that never opens: Escape gives the page back, after a click on it too, and the page's own Escape handler sees only the next one", async () => {
  await withApp({}, async ({ page, log }) => {
    // A modal URL on the mock that answers with nothing a modal would say.
    await page.evaluate((base) => {
      // The page's own Escape handler (closing a menu, say), which the overlay covers.
      document.addEventListener("keydown", (e) => window.__log.push({ pageKey: e.key, defaultPrevented: e.defaultPrevented }));
      return window.__embed(`${base}/not-a-modal`, {
        allowInsecureLocalhost: true,
        onClosed: (e) => window.__log.push({ type: e.type, reason: e.reason }),
      });
    }, mock.settings.ANON_BASE_URL);
    assert.equal(await page.locator("iframe").count(), 1);
    // The user clicks the still page (the see-through frame, where the modal will show), then
    // presses Escape: the key is the page's all the same.
    await page.mouse.click(200, 200);
    await page.press("ESCAPE");
    await page.waitForFunction(() => window.__log.length > 0);
    await page.waitForTimeout(100);
    assert.deepEqual(await log(), [{ type: "migration_modal.closed", reason: "dismissed" }]);
    assert.equal(await page.locator("iframe").count(), 0);
    await page.press("ESCAPE");
    await page.waitForFunction(() => window.__log.length > 1);
    assert.deepEqual((await log())[1], { pageKey: "Escape", defaultPrevented: false });
  });
});

test("first mistakes: each error has a stable code and a message that says what to do", async () => {
  await withApp({}, async ({ page }) => {
    const errors = await page.evaluate(async (base) => {
      const cases = [
        ["http://example.com/modal", {}],
        [`${base}/modal`, {}],
        [`${base}/modal`, { allowInsecureLocalhost: true, expiresAt: "2020-01-01T00:00:00Z" }],
        [`${base}/modal`, { allowInsecureLocalhost: true, container: "#nowhere" }],
        [`${base}/modal`, { allowInsecureLocalhost: true, onComplete: () => {} }],
        [`${base}/modal`, { allowInsecureLocalhost: true, expiresAt: 1750133013 }],
        [{ object: "migration_modal", expires_at: "2020-01-01T00:00:00Z" }, { allowInsecureLocalhost: true }],
        [`${base}/modal`, { allowInsecureLocalhost: true, readyTimeoutMs: -1 }],
        [`${base}/modal`, { allowInsecureLocalhost: true, container: "#a[" }],
      ];
      const out = [];
      for (const [url, options] of cases) {
        window.__log.length = 0;
        await window.__embed(url, options);
        out.push(window.__log[0]);
      }
      return out;
    }, mock.settings.ANON_BASE_URL);
    assert.equal(errors[0].error, "INVALID_URL");
    assert.match(errors[0].message, /https:/);
    assert.equal(errors[1].error, "INVALID_URL");
    assert.match(errors[1].message, /allowInsecureLocalhost: true/, "http: on localhost names the option");
    assert.equal(errors[2].error, "EXPIRED");
    assert.match(errors[2].message, /create a new modal on your server/);
    assert.equal(errors[3].error, "INVALID_OPTION");
    assert.match(errors[3].message, /no element matches "#nowhere"/);
    assert.equal(errors[4].error, "INVALID_OPTION");
    assert.match(errors[4].message, /onComplete .*did you mean onCompleted\?/);
    assert.equal(errors[5].error, "INVALID_OPTION");
    assert.match(errors[5].message, /Unix seconds \(1750133013\).*milliseconds/);
    assert.equal(errors[6].error, "INVALID_URL", "the create-modal response without its url");
    assert.match(errors[6].message, /create-modal response/);
    assert.equal(errors[7].error, "INVALID_OPTION");
    assert.match(errors[7].message, /readyTimeoutMs must be a whole number from 0 to \d+ .*not -1/);
    assert.equal(errors[8].error, "INVALID_OPTION");
    assert.match(errors[8].message, /"#a\[" is not a valid CSS selector/, "a bad selector reads unlike one that matches nothing");
  });
});

test("first mistakes with the handle and the loader: an unknown event type, init() given a page", async () => {
  await withApp({}, async ({ page }) => {
    const [loader, retried, onUnknown] = await page.evaluate(async (base) => {
      const { init, embedAnonModal } = await import("/anon-modal/index.js");
      const caught = (f) => f().then(() => null, (e) => ({ error: e.code, message: e.message }));
      // The app's own page where the wasm should be: an HTML page came back.
      const loader = await caught(() => init("/"));
      const retried = await caught(() => init()); // a failed load may be retried
      const modal = embedAnonModal(`${base}/modal`, { allowInsecureLocalhost: true, hidden: true });
      const onUnknown = await caught(async () => modal.on("migration_modal.complete", () => {}));
      modal.destroy();
      return [loader, retried, onUnknown];
    }, mock.settings.ANON_BASE_URL);
    assert.equal(loader.error, "INIT_FAILED");
    assert.match(loader.message, /init\(\) got an HTML page from .* \(HTTP 200\), not the wasm/);
    assert.equal(retried, null);
    assert.equal(onUnknown.error, "INVALID_ARGUMENT");
    assert.match(onUnknown.message, /unknown event type "?migration_modal\.complete"?/);
  });
});
