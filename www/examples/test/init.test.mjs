// init(): the package's own loader. It takes every documented source, loads once, and a
// failed load can be retried. A failure is an INIT_FAILED AnonModalError whose message says
// what came back from where, and what to do. (Node has fetch and WebAssembly, so this runs
// here.)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const wasmPath = path.join(path.dirname(require.resolve("anon-modal")), "anon_modal_bg.wasm");
const serve = "serve anon_modal_bg.wasm at that URL, or pass its URL (or its bytes) to init()";

/** A fresh copy of the package module, so each test starts unloaded. */
async function freshPackage() {
  const entry = require.resolve("anon-modal");
  return import(`${entry}?copy=${Math.random()}`);
}

/** Rejects with an INIT_FAILED AnonModalError whose message is `message`. */
async function initFails(promise, message) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof Error && error.name === "AnonModalError", `an AnonModalError: ${error}`);
    assert.equal(error.code, "INIT_FAILED");
    if (message instanceof RegExp) assert.match(error.message, message);
    else assert.equal(error.message, message);
    return true;
  });
}

/** A local server answering as `respond(res, req)` does; its base URL. */
async function server(t, respond) {
  const listening = http.createServer((req, res) => respond(res, req));
  await new Promise((resolve) => listening.listen(0, "127.0.0.1", resolve));
  t.after(() => listening.close());
  return `http://127.0.0.1:${listening.address().port}`;
}

test("init() with bytes, then again: one load, the same promise", async () => {
  const { init } = await freshPackage();
  const first = init(fs.readFileSync(wasmPath));
  assert.equal(init(), first, "a second call returns the same promise");
  assert.equal(await first, undefined);
});

test("init() with a WebAssembly.Module and with a Response", async () => {
  const module = await WebAssembly.compile(fs.readFileSync(wasmPath));
  await (await freshPackage()).init(module);
  // A Response with no wasm Content-Type still loads: the loader compiles from bytes.
  await (await freshPackage()).init(new Response(fs.readFileSync(wasmPath), { headers: { "content-type": "text/plain" } }));
});

test("a promise given that rejects rejects init() with its own reason, and the load can be retried", async () => {
  const { init } = await freshPackage();
  const reason = new TypeError("Failed to fetch");
  await assert.rejects(init(Promise.reject(reason)), (error) => error === reason);
  await init(Promise.resolve(fs.readFileSync(wasmPath)));
});

test("a URL that answers 404 names the status and the URL, and the load can be retried", async (t) => {
  const base = await server(t, (res) => res.writeHead(404).end("not found"));
  const { init } = await freshPackage();
  await initFails(init(`${base}/anon_modal_bg.wasm`), `init() got HTTP 404 from ${base}/anon_modal_bg.wasm: ${serve}`);
  await init(fs.readFileSync(wasmPath));
});

test("an HTML page where the wasm should be (a fallback route) is named as one", async (t) => {
  // Told by its Content-Type, or by its first byte when served as anything else.
  const base = await server(t, (res, req) =>
    res.writeHead(200, { "content-type": req.url.startsWith("/typed/") ? "text/html; charset=utf-8" : "application/octet-stream" }).end("<!doctype html><title>app</title>"),
  );
  for (const where of ["/typed/anon_modal_bg.wasm", "/untyped/anon_modal_bg.wasm"]) {
    const { init } = await freshPackage();
    await initFails(init(new URL(where, base)), `init() got an HTML page from ${base}${where} (HTTP 200), not the wasm: ${serve}`);
  }
});

test("the wasm missing beside a pre-bundled copy (Vite 7 and earlier, in dev) is named, with the fix", async (t) => {
  // The entry as Vite's dependency optimizer copies it, alone, into a `deps` folder: Vite's own
  // (node_modules/.vite/deps), Nuxt's, Vitest 4's browser mode's, Storybook's and Angular's. Its dev server
  // answers the wasm's URL beside it with the app's page, or 404.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "anon-modal-deps-"));
  t.after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const fix = `Vite's dev server pre-bundled anon-modal without its wasm (Vite 7 and earlier do); add optimizeDeps: { exclude: ["anon-modal"] } to your Vite config (in Nuxt and Astro, under vite; in Angular, prebundle: { exclude: ["anon-modal"] } in angular.json's serve options)`;
  const fetch = globalThis.fetch;
  // Node's fetch is never asked for a file: URL; Deno's is, as a browser's is for the dev
  // server's http: one. The copies are fetched as if in Deno.
  globalThis.Deno = {};
  t.after(() => ((globalThis.fetch = fetch), delete globalThis.Deno));
  const answers = [
    [() => new Response("<!doctype html>", { headers: { "content-type": "text/html" } }), "an HTML page, HTTP 200"],
    [() => new Response("not found", { status: 404 }), "HTTP 404"],
  ];
  // A site's own `deps` folder is not Vite's cache.
  for (const [deps, vite] of [
    ["node_modules/.vite/deps", true],
    ["node_modules/.cache/vite/client/deps", true],
    ["node_modules/.vite/vitest/da39a3ee5e6b/deps", true],
    ["node_modules/.cache/storybook/1a2b3c/sb-vite/deps", true],
    [".angular/cache/21.2.30/app/vite/deps", true],
    ["public/deps", false],
    ["public/invite/deps", false],
  ]) {
    const folder = path.join(scratch, deps);
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(require.resolve("anon-modal"), path.join(folder, "anon-modal.js"));
    const wasm = pathToFileURL(path.join(folder, "anon_modal_bg.wasm"));
    for (const [answer, shown] of answers) {
      globalThis.fetch = async () => answer();
      const { init } = await import(`${pathToFileURL(path.join(folder, "anon-modal.js"))}?copy=${Math.random()}`);
      const generic = shown.startsWith("HTTP") ? `init() got HTTP 404 from ${wasm}: ${serve}` : `init() got an HTML page from ${wasm} (HTTP 200), not the wasm: ${serve}`;
      await initFails(init(), vite ? `init() found no wasm at ${wasm} (${shown}): ${fix}` : generic);
      // A URL the app gives is its own to serve: no word of Vite.
      await initFails(init(wasm), generic);
    }
  }
});

test("in Node, the default URL (a file: URL) and a missing fetch say to pass the bytes", async () => {
  const hint = `here: in server-side rendering, call it from an effect; in Node, pass the wasm's bytes: init(fs.readFileSync(require.resolve("anon-modal/anon_modal_bg.wasm"))), in an ES module with require = createRequire(import.meta.url)`;
  await initFails((await freshPackage()).init(), `init() cannot fetch ${pathToFileURL(wasmPath)} ${hint}`);
  const fetch = globalThis.fetch;
  try {
    // A component test's mocked fetch is not asked for the file: it would answer with the
    // test's own data (not WebAssembly), and count one call too many.
    const asked = [];
    globalThis.fetch = async (url) => (asked.push(String(url)), new Response('{"url":"https://dashboard.anon.com/m/1"}'));
    await initFails((await freshPackage()).init(), `init() cannot fetch ${pathToFileURL(wasmPath)} ${hint}`);
    assert.deepEqual(asked, []);
    globalThis.fetch = undefined;
    await initFails((await freshPackage()).init("https://app.example/anon_modal_bg.wasm"), `init() cannot fetch https://app.example/anon_modal_bg.wasm ${hint}`);
    // The default URL as Next.js writes it in server-side rendering, a path: said so, unfetched
    // (Next's fetch there may never settle).
    let fetched = 0;
    globalThis.fetch = () => (fetched++, Promise.reject(new TypeError("fetched")));
    const rewritten = "/_next/static/media/anon_modal_bg.13k7bnxsm-141.wasm";
    await initFails((await freshPackage()).init(rewritten), `init() cannot fetch ${rewritten} ${hint}`);
    assert.equal(fetched, 0);
  } finally {
    globalThis.fetch = fetch;
  }
});

test("the documented ways to pass the bytes in Node load the package: an ES module and CommonJS", () => {
  // Run as an app's own script: from the folder whose node_modules holds the package.
  const app = fileURLToPath(new URL("..", import.meta.url));
  const loads = (type, script) => {
    const run = spawnSync(process.execPath, [`--input-type=${type}`, "-e", script], { cwd: app, encoding: "utf8" });
    assert.equal(run.stdout + run.stderr, "loaded\n", type);
  };
  loads("module", `import fs from "node:fs"; import { createRequire } from "node:module"; import { init } from "anon-modal";
    const require = createRequire(import.meta.url);
    await init(fs.readFileSync(require.resolve("anon-modal/anon_modal_bg.wasm"))); console.log("loaded");`);
  loads("commonjs", `const fs = require("node:fs");
    import("anon-modal").then(({ init }) => init(fs.readFileSync(require.resolve("anon-modal/anon_modal_bg.wasm")))).then(() => console.log("loaded"));`);
});

test("a script bundle (esbuild's default iife format) has no import.meta.url: init() rejects with the fix, and loads from a URL given", async (t) => {
  const { build } = await import("esbuild");
  const bundled = await build({ entryPoints: [require.resolve("anon-modal")], bundle: true, format: "iife", globalName: "anonModal", write: false, logLevel: "silent" });
  const anonModal = new Function(`${bundled.outputFiles[0].text}; return anonModal;`)();
  await initFails(anonModal.init(), "init() cannot find anon_modal_bg.wasm beside this module, which has no usable import.meta.url (a script bundle, such as esbuild's default iife format): bundle an ES module, or pass the wasm's URL to init()");
  const base = await server(t, (res) => res.writeHead(200, { "content-type": "application/wasm" }).end(fs.readFileSync(wasmPath)));
  await anonModal.init(`${base}/anon_modal_bg.wasm`);
});

test("a network error, and bytes that are not WebAssembly, say so", async () => {
  await initFails(
    (await freshPackage()).init("http://127.0.0.1:1/anon_modal_bg.wasm"),
    "init() could not fetch http://127.0.0.1:1/anon_modal_bg.wasm (TypeError: fetch failed): check that URL, its CORS headers and the page's Content-Security-Policy connect-src, or pass the wasm's URL or bytes to init()",
  );
  await initFails(
    (await freshPackage()).init(new Uint8Array([0, 1, 2, 3])),
    /^init\(\) got bytes that are not WebAssembly \(WebAssembly\.compile\(\): .+\): pass anon_modal_bg\.wasm's URL, bytes or Response to init\(\)$/,
  );
});

test("a URL served as application/wasm compiles as it streams in; bytes labelled wasm that are not say so", async (t) => {
  const base = await server(t, (res, req) =>
    res.writeHead(200, { "content-type": req.url === "/charset.wasm" ? "application/wasm; charset=binary" : "application/wasm" })
      .end(req.url === "/other.wasm" ? "<!doctype html>" : fs.readFileSync(wasmPath)),
  );
  const streaming = WebAssembly.compileStreaming;
  let streamed = 0;
  WebAssembly.compileStreaming = (source) => (streamed++, streaming(source));
  t.after(() => (WebAssembly.compileStreaming = streaming));
  await (await freshPackage()).init(`${base}/anon_modal_bg.wasm`);
  assert.equal(streamed, 1, "compiled from the stream");
  // A parameter after the type makes streaming refuse it: those bytes compile as they are.
  await (await freshPackage()).init(`${base}/charset.wasm`);
  assert.equal(streamed, 1, "compiled from the bytes");
  await initFails(
    (await freshPackage()).init(`${base}/other.wasm`),
    /^init\(\) got bytes that are not WebAssembly \(WebAssembly\.compileStreaming\(\): .+\): pass anon_modal_bg\.wasm's URL, bytes or Response to init\(\)$/,
  );
});

test("a Response whose body was already read says the wasm could not be fetched", async () => {
  for (const type of ["application/wasm", "application/octet-stream"]) {
    const response = new Response(fs.readFileSync(wasmPath), { headers: { "content-type": type } });
    await response.arrayBuffer();
    await initFails(
      (await freshPackage()).init(response),
      /^init\(\) could not fetch  \(TypeError.+\): check that URL, its CORS headers and the page's Content-Security-Policy connect-src, or pass the wasm's URL or bytes to init\(\)$/,
    );
  }
});

test("WebAssembly that is not this build's (an older copy, the server's wasm) says so, and the load can be retried", async () => {
  const { init } = await freshPackage();
  const wrong = (detail) =>
    new RegExp(`^init\\(\\) got WebAssembly that is not this version's anon_modal_bg\\.wasm \\(${detail}\\): serve or pass the anon_modal_bg\\.wasm installed with this package, not an older copy \\(a CDN's, say\\) or the server entry's wasm$`);
  const serverWasm = path.join(path.dirname(wasmPath), "anon_modal_server_bg.wasm");
  await initFails(init(fs.readFileSync(serverWasm)), wrong("no build mark"));
  // An older build: the same imports (it would link), another mark, which ends the file.
  const older = Buffer.from(fs.readFileSync(wasmPath));
  const mark = older.subarray(older.length - 12);
  const current = mark.toString();
  assert.match(current, /^[0-9a-f]{12}$/, "the build's mark ends the wasm");
  mark.write("0123456789ab");
  await initFails(init(older), wrong(`build 0123456789ab, not ${current}`));
  await init(fs.readFileSync(wasmPath));
});

test("an older build at the wasm's URL (a copy a cache kept across an upgrade) is fetched once more, past the cache", async (t) => {
  const current = fs.readFileSync(wasmPath);
  const older = Buffer.from(current);
  older.write("0123456789ab", older.length - 12);
  let requests = 0;
  let answers = [older, current];
  const base = await server(t, (res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/wasm" }).end(answers.shift() ?? older);
  });
  await (await freshPackage()).init(`${base}/anon_modal_bg.wasm`);
  assert.equal(requests, 2);
  // Still the older build past the cache: the server's own copy is stale (a CDN's, say).
  answers = [older, older];
  requests = 0;
  await initFails((await freshPackage()).init(`${base}/anon_modal_bg.wasm`), /^init\(\) got WebAssembly that is not this version's anon_modal_bg\.wasm \(build 0123456789ab, not [0-9a-f]{12}\)/);
  assert.equal(requests, 2);
});

