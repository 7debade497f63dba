// Speed of anon-modal against the plain-JS floor and Anon's own SDK (and, when built, the floor
// ported to Rust: bench/wasm-floor), in headless Chromium
// (Debian's, driven by playwright-core). Prints a table and writes bench/out/speed.json.
//   node bench/speed.mjs
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/blank-modal") { res.writeHead(200, { "content-type": "text/html" }); return res.end("<!doctype html><title>modal</title>"); }
  if (url.pathname === "/") { res.writeHead(200, { "content-type": "text/html" }); return res.end("<!doctype html><body></body>"); }
  if (url.pathname === "/api/v1/access-token") { res.writeHead(200, { "content-type": "application/json" }); return res.end('{"accessToken":"t"}'); }
  if (url.pathname === "/api/v1/migration-modal") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify({ url: `http://localhost:${server.address().port}/blank-modal` }));
  }
  const file = path.join(root, path.normalize(url.pathname));
  if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const version = browser.version();
async function inPage(fn) {
  const page = await browser.newPage();
  await page.goto(origin + "/");
  const result = await page.evaluate(fn);
  await page.close();
  return result;
}
const main = await inPage(async () => (await import("/bench/speed-page.js")).runMain());
const anon = await inPage(async () => (await import("/bench/speed-page.js")).runAnon());
const hasWasmFloor = fs.existsSync(path.join(here, "wasm-floor/pkg/anon_modal_bg.wasm"));
const wasmFloor = hasWasmFloor ? await inPage(async () => (await import("/bench/speed-page.js")).runWasmFloor()) : null;
await browser.close();
server.close();

const f = main.floor, o = main.ours;
const ratio = (a, b) => (a / b).toFixed(2) + "x";
const rows = [
  ["extra ns per foreign-source message", f.foreign_extra_ns, o.foreign_extra_ns, anon.foreign_extra_ns, ratio(o.foreign_extra_ns, f.foreign_extra_ns), "2x"],
  ["extra ns per accepted message", f.accepted_extra_ns, o.accepted_extra_ns, anon.accepted_extra_ns, ratio(o.accepted_extra_ns, f.accepted_extra_ns), "4x"],
  ["embed call, ms", f.embed_ms, o.embed_ms, null, ratio(o.embed_ms, f.embed_ms), "1.25x"],
  ["10 000 posted hostile messages, ms", main.hostile.floor_10k_posted_ms, main.hostile.ours_10k_posted_ms, null, ratio(main.hostile.ours_10k_posted_ms, main.hostile.floor_10k_posted_ms), "-"],
];
const fmt = (v) => (v === null ? "-" : v.toFixed(v < 10 ? 2 : 0));
console.log(`Chromium ${version}, medians of 31 interleaved rounds of ${(10000).toLocaleString("en")} dispatches; bare dispatch ${main.bare_ns.toFixed(0)} ns`);
console.log(`${"".padEnd(38)} ${"floor".padStart(8)} ${"ours".padStart(8)} ${"Anon SDK".padStart(9)} ${"ours/floor".padStart(11)} ${"goal".padStart(6)}`);
for (const [name, a, b, c, r, goal] of rows) console.log(`${name.padEnd(38)} ${fmt(a).padStart(8)} ${fmt(b).padStart(8)} ${fmt(c).padStart(9)} ${r.padStart(11)} ${goal.padStart(6)}`);
if (wasmFloor) {
  const [jf, rf] = [wasmFloor.floor, wasmFloor.wasmFloor];
  console.log(`the floor in Rust (bench/wasm-floor), on its own page against the JS floor: foreign ${fmt(rf.foreign_extra_ns)} ns ` +
    `(${ratio(rf.foreign_extra_ns, jf.foreign_extra_ns)}), accepted ${fmt(rf.accepted_extra_ns)} ns (${ratio(rf.accepted_extra_ns, jf.accepted_extra_ns)}), ` +
    `embed ${fmt(rf.embed_ms)} ms (${ratio(rf.embed_ms, jf.embed_ms)})`);
} else {
  console.log("(bench/wasm-floor not built: scripts/build-pkg.sh floor)");
}
fs.mkdirSync(path.join(here, "out"), { recursive: true });
fs.writeFileSync(path.join(here, "out/speed.json"), JSON.stringify({ date: new Date().toISOString(), chromium: version, main, anon, wasmFloor }, null, 2));
