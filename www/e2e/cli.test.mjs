// `npx anon-modal-mock` as a user runs it next to their own app: started on a free port with no
// app origin, it lets a page on any other port embed the modal (learning the page's origin
// from the modal request's Referer) and posts `opened` to it. The package comes from the
// packed tarball when target/npm has one with the command in it (installed into a scratch
// directory, run with npx), otherwise (or with ANON_MODAL_MOCK_FROM=built) from the built pkg/
// and www/mock.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { launchBrowser, test } from "./stack.mjs";
import { thePackage, freePort, startCommand, createModal, TYPES } from "./user-app.mjs";
import { svixSignature } from "../mock/server.mjs";

/** A user's app: a page that embeds the modal, the package's files, and a create-modal route. */
async function startApp(pkg, settings) {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>an app</title></head><body>
<h1>an app</h1>
<script type="module">
  import { init, embedAnonModal } from "/anon-modal/index.js";
  await init();
  const created = await (await fetch("/create-modal", { method: "POST" })).json();
  window.__created = created;
  embedAnonModal(created.url, {
    allowInsecureLocalhost: true,
    onOpened: (e) => { window.__opened = { ...e }; },
    onFailed: (e) => { window.__failed = { ...e }; },
  });
</script></body></html>`;
  const server = http.createServer(async (req, res) => {
    if (req.method === "POST" && req.url === "/create-modal") {
      return createModal(settings, res);
    }
    const file = req.url === "/" ? null : path.join(pkg.dir, req.url.replace(/^\/anon-modal\//, "/").split("?")[0]);
    if (file && (!file.startsWith(pkg.dir + path.sep) || !fs.existsSync(file))) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": file ? TYPES[path.extname(file)] ?? "application/octet-stream" : TYPES[".html"] });
    res.end(file ? fs.readFileSync(file) : page);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("anon-modal-mock on a free port, no app origin: apps on other ports get `opened`", async (t) => {
  const pkg = thePackage();
  t.diagnostic(`package from ${pkg.from}`);
  const port = await freePort();
  // A webhook endpoint, to see the printed secret sign the deliveries.
  const deliveries = [];
  const hook = http.createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    deliveries.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
  await new Promise((r) => hook.listen(0, "127.0.0.1", r));
  const mock = await startCommand(pkg, ["--port", String(port), "--webhook-url", `http://127.0.0.1:${hook.address().port}/hooks`]);
  const apps = [];
  try {
    const { settings } = mock;
    assert.equal(settings.ANON_BASE_URL, `http://localhost:${port}`);
    assert.match(mock.output(), new RegExp(`^Anon mock platform at http://localhost:${port}$`, "m"));
    assert.match(settings.ANON_API_KEY, /^\S+$/);
    assert.match(settings.ANON_WEBHOOK_SECRET, /^whsec_[A-Za-z0-9+/]+=*$/);

    // Two apps on two ports, neither named to the mock.
    for (let i = 0; i < 2; i++) {
      const app = await startApp(pkg, settings);
      apps.push(app);
      await browser.withPage(async (page) => {
        const errors = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(app.url + "/");
        await page.waitForFunction(() => window.__opened || window.__failed, null, { timeout: 15_000 });
        const { opened, failed, created } = await page.evaluate(() => ({ opened: window.__opened, failed: window.__failed, created: window.__created }));
        assert.equal(failed, undefined, `the modal failed on ${app.url}`);
        assert.equal(opened.type, "migration_modal.opened");
        assert.equal(opened.data.migration_id, created.migration_id);
        assert.deepEqual(errors, []);
      });
    }

    // The deliveries verify with the secret it printed.
    for (let i = 0; i < 50 && deliveries.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(deliveries.length, 2, "migration.created for each modal");
    for (const d of deliveries) {
      assert.equal(JSON.parse(d.body).type, "migration.created");
      assert.equal(d.headers["svix-signature"], svixSignature(settings.ANON_WEBHOOK_SECRET, d.headers["svix-id"], d.headers["svix-timestamp"], d.body));
    }
  } finally {
    for (const app of apps) await app.close();
    const exited = new Promise((r) => mock.child.once("exit", (code, signal) => r(code ?? signal)));
    process.kill(-mock.child.pid, "SIGINT");
    // node exits 0; npx may end by the signal itself.
    assert.ok([0, "SIGINT"].includes(await exited), "Ctrl-C stops it");
    await new Promise((r) => hook.close(r));
    let free = false;
    for (let i = 0; i < 50 && !free; i++) free = await fetch(`http://127.0.0.1:${port}/`).then(() => false, () => true) || (await new Promise((r) => setTimeout(r, 50)), false);
    assert.ok(free, "the port is free again");
  }
});

test("anon-modal-mock refuses a malformed option with the value and the usage", () => {
  const pkg = thePackage();
  const [bin, pre] = pkg.command;
  let failure;
  try {
    execFileSync(bin, [...pre, "--app-origin", "localhost:5173"], { cwd: pkg.cwd, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    failure = e;
  }
  assert.equal(failure?.status, 2);
  assert.match(failure.stderr, /"localhost:5173" is not an origin/);
  assert.match(failure.stderr, /Usage: anon-modal-mock/);
});
