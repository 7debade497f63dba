// The packed tarball (node scripts/package.mjs), installed into a scratch app as a user would,
// on every server runtime, each with its own binary: Node (ESM and require, node:http2, Express,
// Fastify, Hono and Koa), Deno, Bun, and workerd through miniflare, in Next.js (built, then
// served by `next start`), and through Vite's module runner (a signature made and verified).
// Each but the last runs its endpoint example from www/examples/server/, which verifies the
// raw body and acknowledges a repeated svix-id without doing the work twice: a signed
// contract-shaped event is POSTed twice (200, then 200 "duplicate", work done once) and a
// forged one once (400), and a body that never ends is refused once past the limit (413).
// Deno and Bun also load the browser entry's wasm with init(). Only loopback addresses.
// Run: node --test tests/server/ (after scripts/build-pkg.sh, scripts/build-pkg.sh server and
// node scripts/package.mjs)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http2 from "node:http2";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { contractEvent, randomSecret, installedApp, bin, root, here } from "./helpers.mjs";

const examples = path.join(root, "www/examples/server");
const secret = randomSecret(32);
let app;
let signWebhook;
const versions = {};

before(async () => {
  app = installedApp();
  for (const file of fs.readdirSync(examples)) fs.copyFileSync(path.join(examples, file), path.join(app, file));
  // Signing with the installed package too: what a mock sender would use.
  ({ signWebhook } = await import(path.join(app, "node_modules/anon-modal/server.js")));
});
after(() => {
  console.log(`runtimes passed: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (app) fs.rmSync(app, { recursive: true, force: true });
});

/** Three deliveries: a signed event, the same again (a retry), and a forgery. */
function deliveries() {
  const body = contractEvent("migration.completed");
  const id = "msg_" + Math.random().toString(36).slice(2);
  const ts = Math.floor(Date.now() / 1000);
  const headers = { "content-type": "application/json", "svix-id": id, "svix-timestamp": String(ts), "svix-signature": signWebhook(secret, id, ts, body) };
  const forged = { ...headers, "svix-id": id + "x", "svix-signature": signWebhook(randomSecret(32), id + "x", ts, body) };
  return { body, headers, forged };
}

/** Sends the three deliveries through `send(headers, body)` and checks the answers. */
async function exercise(send, workCount) {
  const { body, headers, forged } = deliveries();
  const first = await send(headers, body);
  assert.deepEqual(first, { status: 200, text: "ok" });
  const again = await send(headers, body);
  assert.deepEqual(again, { status: 200, text: "duplicate" }, "a repeated svix-id is acknowledged");
  const bad = await send(forged, body);
  assert.deepEqual(bad, { status: 400, text: "INVALID_SIGNATURE" });
  // Re-serialized JSON is not what was signed.
  const reserialized = await send(headers, JSON.stringify(JSON.parse(body)));
  assert.deepEqual(reserialized, { status: 400, text: "INVALID_SIGNATURE" });
  // Signed bodies that verify() refuses: the dashboard's Testing tab (svix.ping), no event at
  // all, is acknowledged; an event this version cannot read is refused, so that it is resent.
  const signedAs = (suffix, text) => {
    const id = headers["svix-id"] + suffix;
    const ts = Math.floor(Date.now() / 1000);
    return { ...headers, "svix-id": id, "svix-timestamp": String(ts), "svix-signature": signWebhook(secret, id, ts, text) };
  };
  const ping = '{"success": true}';
  assert.deepEqual(await send(signedAs("p", ping), ping), { status: 202, text: "not an event" });
  const unreadable = body.replace(/"object": \{[^}]*\}/, '"object": "migration"');
  assert.notEqual(unreadable, body);
  assert.deepEqual(await send(signedAs("u", unreadable), unreadable), { status: 400, text: "INVALID_PAYLOAD" });
  // Nor is a body that is no JSON (an event cut short) or no object (events in a list):
  // acknowledged, it would be lost.
  for (const [suffix, text] of [["c", body.slice(0, body.lastIndexOf("}"))], ["l", `[${body}]`]]) {
    assert.deepEqual(await send(signedAs(suffix, text), text), { status: 400, text: "INVALID_PAYLOAD" }, text.slice(0, 9));
  }
  // An unsigned body over the verifier's limit is refused unread.
  const huge = "x".repeat((1 << 20) + 1);
  assert.deepEqual(await send(forged, huge), { status: 413, text: "PAYLOAD_TOO_LARGE" });
  assert.equal(await workCount(), 1, "the work ran once");
}

/** The endpoint's URL, once an example's output says where it listens. */
const listening = (out) => out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/webhooks\/anon)/)?.[1];

/**
 * Starts an example server in `cwd` (the scratch app); resolves with its URL (`urlIn` finds it
 * in the output) and a way to read its output.
 */
function serve(command, args, { env = {}, cwd = app, urlIn = listening } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env, ANON_WEBHOOK_SECRET: secret, PORT: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start in 60 s:\n${out}\n${err}`)), 60_000);
    child.stdout.on("data", () => {
      const found = urlIn(out);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${out}\n${err}`));
    });
  });
  return { child, url, output: () => out };
}

/**
 * A body sent in chunks, without a length, that never ends: answered 413 once past the limit,
 * where an example that read the body whole would wait for ever. Sent over a plain socket and
 * judged by the bytes that come back, as a sender meets it: a runtime that answers and then
 * resets the connection under the rest of the body (workerd does) fails a fetch() in mid-send,
 * which would throw the answer away.
 */
async function refusesEndlessBody(url) {
  const { hostname, port, pathname } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let answer = "";
  let answered = false;
  socket.on("data", (d) => {
    answer += d;
    answered ||= /\r\n\r\n[\s\S]*PAYLOAD_TOO_LARGE/.test(answer);
  });
  const closed = new Promise((resolve) => {
    socket.on("close", resolve);
    // Writing into a connection the server has reset: the answer already read is what counts.
    socket.on("error", () => {});
  });
  const timer = setTimeout(() => socket.destroy(), 20_000);
  try {
    await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    socket.write(`POST ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`);
    const chunk = `10000\r\n${" ".repeat(64 * 1024)}\r\n`;
    // Two mebibytes, twice the limit, then nothing more and no end: the server must answer.
    for (let sent = 0; sent < 2 * 1024 * 1024 && !answered && !socket.destroyed; sent += 64 * 1024) {
      if (!socket.write(chunk)) await new Promise((r) => socket.once("drain", r).once("close", r));
    }
    while (!answered && !socket.destroyed) await new Promise((r) => setTimeout(r, 20));
  } finally {
    clearTimeout(timer);
    socket.destroy();
    await closed;
  }
  assert.match(answer, /^HTTP\/1\.1 413 /, `the answer to an endless body:\n${answer.slice(0, 300)}`);
  assert.ok(answered, `the answer's body says PAYLOAD_TOO_LARGE:\n${answer.slice(0, 300)}`);
}

/** Runs an example server, exercises it over HTTP, then runs `more(url)` if given. */
async function overHttp(command, args, options, more) {
  const server = serve(command, args, options);
  try {
    const url = await server.url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:/);
    const send = async (headers, body) => {
      const res = await fetch(url, { method: "POST", headers, body });
      return { status: res.status, text: await res.text() };
    };
    await exercise(send, () => server.output().split("\n").filter((l) => l.startsWith("handled migration.completed")).length);
    await more?.(url);
  } finally {
    server.child.kill();
  }
}

test("Node: the ESM example over http, and require()", async () => {
  versions.Node = process.version;
  await overHttp(process.execPath, ["node.mjs"], {}, refusesEndlessBody);
  // CommonJS, as a require() user gets it.
  const script = `const s = require("anon-modal/server");
    const sig = s.signWebhook(${JSON.stringify(secret)}, "m", 1750133013, ${JSON.stringify(contractEvent("migration.created"))});
    const e = s.verifyWebhook(${JSON.stringify(contractEvent("migration.created"))}, { "Svix-Id": "m", "Svix-Timestamp": "1750133013", "Svix-Signature": sig }, ${JSON.stringify(secret)}, { now: 1750133013 });
    let code; try { new s.WebhookVerifier("whsec_"); } catch (err) { code = err.code + " " + s.isAnonWebhookError(err) + " " + (err instanceof s.AnonWebhookError); }
    console.log(e.type, e.data.object.status, code, require.resolve("anon-modal/server").endsWith("server.cjs"));`;
  const out = execFileSync(process.execPath, ["--input-type=commonjs", "-e", script], { cwd: app, encoding: "utf8" }).trim();
  assert.equal(out, "migration.created NOT_STARTED INVALID_SECRET true true true");
  // An error from the CommonJS copy is recognized by the ESM copy's isAnonWebhookError.
  const mixed = `import { createRequire } from "node:module"; import { isAnonWebhookError, AnonWebhookError } from "anon-modal/server";
    const cjs = createRequire(import.meta.url)("anon-modal/server");
    try { new cjs.WebhookVerifier(""); } catch (e) { console.log(isAnonWebhookError(e), e instanceof AnonWebhookError, isAnonWebhookError(new Error("x"))); }`;
  assert.equal(execFileSync(process.execPath, ["--input-type=module", "-e", mixed], { cwd: app, encoding: "utf8" }).trim(), "true false false");
  // An import of the CommonJS build (Deno's, once a require() has loaded the package) finds
  // its names, as Node's and Deno's reading of CommonJS exports sees them (Node 23 and later
  // add "module.exports").
  const named = `import { createRequire } from "node:module"; import * as esm from "anon-modal/server";
    const cjs = await import(createRequire(import.meta.url).resolve("anon-modal/server"));
    console.log(Object.keys(cjs).filter((name) => name !== "default" && name !== "module.exports").join() === Object.keys(esm).join());`;
  assert.equal(execFileSync(process.execPath, ["--input-type=module", "-e", named], { cwd: app, encoding: "utf8" }).trim(), "true");
});

// docs/webhooks.md says the Node example works as it is on node:http2: the same file with
// `http2.createServer` (cleartext HTTP/2), whose requests have `req.headers` but no
// `req.headersDistinct`, driven by an HTTP/2 client.
test("Node: the same example on node:http2", async () => {
  const source = fs.readFileSync(path.join(examples, "node.mjs"), "utf8");
  const onHttp2 = source.replace('import http from "node:http";', 'import http from "node:http2";');
  assert.notEqual(onHttp2, source, "node.mjs imports node:http as `http`");
  fs.writeFileSync(path.join(app, "node-http2.mjs"), onHttp2);
  const server = serve(process.execPath, ["node-http2.mjs"]);
  let session;
  try {
    const url = new URL(await server.url);
    session = http2.connect(url.origin);
    session.on("error", () => {}); // a failed request says what went wrong
    const send = (headers, body) => postHttp2(session, url.pathname, headers, (req) => req.end(body));
    await exercise(send, () => server.output().split("\n").filter((l) => l.startsWith("handled migration.completed")).length);
    // A body that never ends, twice the limit in chunks and no end: answered 413 all the same.
    const endless = await postHttp2(session, url.pathname, { "content-type": "application/json" }, (req) => {
      const chunk = Buffer.alloc(64 * 1024, " ");
      for (let sent = 0; sent < 2 * 1024 * 1024; sent += chunk.length) req.write(chunk);
    });
    assert.deepEqual(endless, { status: 413, text: "PAYLOAD_TOO_LARGE" });
  } finally {
    session?.destroy();
    server.child.kill();
  }
});

/** POSTs an HTTP/2 request, its body written by `write(req)`; resolves with the answer. */
function postHttp2(session, pathname, headers, write) {
  return new Promise((resolve, reject) => {
    const req = session.request({ ":method": "POST", ":path": pathname, ...headers });
    let status;
    let text = "";
    req.setEncoding("utf8");
    req.on("response", (head) => (status = head[":status"]));
    req.on("data", (d) => (text += d));
    // The server may answer before the body ends; the answer is what counts.
    const timer = setTimeout(() => reject(new Error(`no answer in 20 s (status ${status}, ${JSON.stringify(text)})`)), 20_000);
    req.on("end", () => {
      clearTimeout(timer);
      resolve({ status, text });
      req.close();
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    write(req);
  });
}

test("Deno: the Deno.serve example (node_modules), and an npm: import", async () => {
  const deno = bin("deno");
  versions.Deno = execFileSync(deno, ["--version"], { encoding: "utf8" }).split("\n")[0].split(" ")[1];
  const denoDir = fs.mkdtempSync(path.join(os.tmpdir(), "anon-modal-deno-"));
  // --cached-only with an empty DENO_DIR: the package can only come from node_modules, never
  // from the registry.
  const env = { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };
  try {
    await overHttp(deno, ["run", "--cached-only", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", "deno.mjs"], { env }, refusesEndlessBody);
    const script = `import { signWebhook, verifyWebhook } from "npm:anon-modal/server";
      const body = ${JSON.stringify(contractEvent("migration.started"))};
      const headers = new Headers({ "webhook-id": "m", "webhook-timestamp": "1750133013", "webhook-signature": signWebhook(${JSON.stringify(secret)}, "m", 1750133013, body) });
      console.log(verifyWebhook(new TextEncoder().encode(body), headers, ${JSON.stringify(secret)}, { now: 1750133013 }).data.object.status);`;
    fs.writeFileSync(path.join(app, "npm-specifier.mjs"), script);
    const out = execFileSync(deno, ["run", "--cached-only", "--allow-env", "--allow-read", "npm-specifier.mjs"], { cwd: app, env: { ...process.env, ...env, NO_COLOR: "1" }, encoding: "utf8" });
    assert.equal(out.trim(), "WORKING");
  } finally {
    fs.rmSync(denoDir, { recursive: true, force: true });
  }
});

test("Bun: the Bun.serve example", async () => {
  const bun = bin("bun");
  versions.Bun = execFileSync(bun, ["--version"], { encoding: "utf8" }).trim();
  await overHttp(bun, ["bun.mjs"], {}, refusesEndlessBody);
});

test("Express: the express.raw example", async () => {
  versions.Express = installedVersion("express");
  installPinned(app, ["express"]);
  await overHttp(process.execPath, ["express.mjs"], {}, async (url) => {
    // What express.raw does not read is refused (400), not an error page (500).
    for (const init of [{ headers: { "content-type": "text/plain" }, body: "{}" }, {}]) {
      const res = await fetch(url, { method: "POST", ...init });
      assert.deepEqual({ status: res.status, text: await res.text() }, { status: 400, text: "expected an application/json body" });
    }
  });
});

// Frameworks whose own body handling stands between the request and the verifier, each with
// the example that docs/webhooks.md's snippet comes from.
for (const [framework, example, packages] of [
  ["Fastify", "fastify.mjs", ["fastify"]],
  ["Hono", "hono.mjs", ["hono", "@hono/node-server"]],
  ["Koa", "koa.mjs", ["koa", "raw-body"]],
]) {
  test(`${framework}: the ${example} example`, async () => {
    versions[framework] = installedVersion(packages[0]);
    installPinned(app, packages);
    await overHttp(process.execPath, [example], {}, refusesEndlessBody);
  });
}

test("Next.js: the route handler example, built without the secret and served by next start", async () => {
  const next = installedApp();
  try {
    // The framework as an app has it, in its package.json.
    installPinned(next, ["next", "react", "react-dom", "typescript", "@types/react", "@types/node"], { save: true });
    const route = path.join(next, "app/webhooks/anon");
    fs.mkdirSync(route, { recursive: true });
    fs.copyFileSync(path.join(examples, "next-route.ts"), path.join(route, "route.ts"));
    const nextBin = path.join(next, "node_modules/.bin/next");
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };
    delete env.ANON_WEBHOOK_SECRET;
    // `next build` type-checks the route against the package's types and loads it, without the secret.
    execFileSync(nextBin, ["build"], { cwd: next, env, encoding: "utf8", stdio: "pipe" });
    versions["Next.js"] = installedVersion("next", next);
    const port = await freePort();
    const urlIn = (out) => (/Ready in/.test(out) ? `http://127.0.0.1:${port}/webhooks/anon` : undefined);
    await overHttp(nextBin, ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: next, urlIn }, refusesEndlessBody);
  } finally {
    fs.rmSync(next, { recursive: true, force: true });
  }
});

// Vite's module runner evaluates ES modules only, and runs a package that is not external:
// SvelteKit's dev server makes one so when it names svelte among its peers, as this one does.
test("Vite's dev server: the server entry through Vite's module runner (SvelteKit)", async () => {
  fs.writeFileSync(path.join(app, "vite-ssr.mjs"), 'export * from "anon-modal/server";');
  const vite = await import("vite");
  const server = await vite.createServer({
    root: app, configFile: false, logLevel: "silent", appType: "custom",
    server: { middlewareMode: true, hmr: false, ws: false },
    ssr: { noExternal: ["anon-modal"] },
  });
  try {
    const s = await server.ssrLoadModule("/vite-ssr.mjs");
    const ran = [...server.environments.ssr.moduleGraph.idToModuleMap.keys()];
    assert.ok(ran.some((id) => id.endsWith("/anon_modal_server_wasm.js")), "the package ran in Vite's runner, not in Node");
    const { body, headers } = deliveries();
    const [id, ts] = [headers["svix-id"], Number(headers["svix-timestamp"])];
    assert.equal(s.signWebhook(secret, id, ts, body), headers["svix-signature"], "signs as the package does in Node");
    assert.equal(new s.WebhookVerifier(secret).verify(body, headers).type, "migration.completed");
    versions.Vite = vite.version;
  } finally {
    await server.close();
  }
});

/**
 * Installs the packages `names` into the app `dir` at the versions this suite pins; with `save`,
 * into its package.json too. npm's cache holds their files (setup's npm ci put them there) but
 * not the registry's lists of versions, which npm ci never reads: on a fresh machine those come
 * from the network, once.
 */
function installPinned(dir, names, { save = false } = {}) {
  const pinned = names.map((name) => `${name}@${installedVersion(name)}`);
  const args = ["install", ...(save ? [] : ["--no-save"]), "--no-fund", "--no-audit", "--prefer-offline", "--loglevel=error"];
  execFileSync("npm", [...args, ...pinned], { cwd: dir });
}

/** The version of the package `name` installed under `dir` (this suite's own by default). */
function installedVersion(name, dir = here) {
  return JSON.parse(fs.readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")).version;
}

/** A loopback port free now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

// The browser entry outside a browser (a test runner with a DOM shim, say): init() with no
// argument fetches the wasm beside it, a file: URL, which Deno and Bun can fetch.
test("Deno and Bun: the browser entry's init() loads the wasm beside it", () => {
  fs.writeFileSync(path.join(app, "browser-init.mjs"), `import { init } from "anon-modal";
    await init();
    console.log("loaded");`);
  const denoDir = fs.mkdtempSync(path.join(os.tmpdir(), "anon-modal-deno-"));
  const env = { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };
  try {
    const run = (command, args) => execFileSync(command, args, { cwd: app, env, encoding: "utf8" }).trim();
    assert.equal(run(bin("deno"), ["run", "--cached-only", "--allow-read", "--allow-env", "browser-init.mjs"]), "loaded");
    assert.equal(run(bin("bun"), ["browser-init.mjs"]), "loaded");
  } finally {
    fs.rmSync(denoDir, { recursive: true, force: true });
  }
});

test("workerd (miniflare): the Worker fetch example, bundled as wrangler does", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "anon-modal-worker-"));
  // wrangler's resolution: the `workerd` condition, and .wasm imports kept as module imports.
  await esbuild.build({
    entryPoints: [path.join(app, "worker.mjs")],
    absWorkingDir: app,
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    outdir: out,
    logLevel: "warning",
  });
  const script = fs.readFileSync(path.join(out, "worker.js"), "utf8");
  assert.ok(!script.includes("anon_modal_server_wasm"), "the workerd build carries no base64 wasm");
  assert.match(script, /import \w+ from "\.\/anon_modal_server_bg-\w+\.wasm"/);
  const logs = [];
  const mf = new Miniflare({
    host: "127.0.0.1",
    modules: true,
    modulesRoot: out,
    scriptPath: path.join(out, "worker.js"),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    bindings: { ANON_WEBHOOK_SECRET: secret },
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (d) => logs.push(String(d)));
      stderr.on("data", (d) => logs.push(String(d)));
    },
  });
  try {
    const send = async (headers, body) => {
      const res = await mf.dispatchFetch("http://127.0.0.1/webhooks/anon", { method: "POST", headers, body });
      return { status: res.status, text: await res.text() };
    };
    await exercise(send, async () => {
      // The runtime's output arrives on its own pipe: give it a moment.
      await new Promise((r) => setTimeout(r, 500));
      return logs.join("").split("\n").filter((l) => l.includes("handled migration.completed")).length;
    });
    await refusesEndlessBody(new URL("/webhooks/anon", await mf.ready));
    versions.workerd = installedVersion("workerd");
  } finally {
    await mf.dispose();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
