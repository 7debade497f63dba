// Speed of anon-modal against the plain-JS floor and Anon's own SDK (and, when built, the floor
// ported to Rust: bench/wasm-floor), in headless Chromium (Debian's, driven by playwright-core),
// the way a user meets it: https, the modal on another site than the page, default options.
// Prints a table and writes bench/out/speed.json.
//   node bench/speed.mjs
import fs from "node:fs";
import path from "node:path";
import { here, serve, launch, context } from "./https.mjs";

const ROUNDS = 100;
// An embed call's time is spread wide (a frame's process starting, the page's clock in tenths of
// a millisecond): its median takes more rounds than a message batch's to settle.
const EMBED_ROUNDS = 400;
const server = await serve({
  "/": () => "<!doctype html><body></body>",
  // A modal page that stays silent: the per-message figures post their own events.
  "/blank-modal": () => "<!doctype html><title>modal</title>",
  "/api/v1/access-token": () => ({ type: "application/json", body: '{"accessToken":"t"}' }),
  "/api/v1/migration-modal": (_, origins) => ({ type: "application/json", body: JSON.stringify({ url: `${origins.modal}/blank-modal` }) }),
});

const browser = await launch();
const version = browser.version();
async function inPage(fn, arg) {
  const ctx = await context(browser);
  const page = await ctx.newPage();
  await page.goto(server.page + "/");
  const result = await page.evaluate(fn, arg);
  await ctx.close();
  return result;
}
const modalUrl = `${server.modal}/blank-modal`;
const main = await inPage(async ([url, rounds, embedRounds]) => (await import("/bench/speed-page.js")).runMain(url, rounds, embedRounds), [modalUrl, ROUNDS, EMBED_ROUNDS]);
const anon = await inPage(async ([url, rounds]) => (await import("/bench/speed-page.js")).runAnon(url, rounds), [modalUrl, ROUNDS]);
const hasWasmFloor = fs.existsSync(path.join(here, "wasm-floor/pkg/anon_modal_bg.wasm"));
const wasmFloor = hasWasmFloor
  ? await inPage(async ([url, rounds, embedRounds]) => (await import("/bench/speed-page.js")).runWasmFloor(url, rounds, embedRounds),
    [modalUrl, ROUNDS, EMBED_ROUNDS])
  : null;
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
console.log(`Chromium ${version}; page ${server.page}, modal ${server.modal} (https, two sites), default options`);
console.log(`embed: medians of ${EMBED_ROUNDS} interleaved rounds; per message: medians of ${ROUNDS} interleaved rounds of ` +
  `${(10000).toLocaleString("en")} dispatches, bare dispatch ${main.bare_ns.toFixed(0)} ns`);
console.log(`${"".padEnd(38)} ${"floor".padStart(8)} ${"ours".padStart(8)} ${"Anon SDK".padStart(9)} ${"ours/floor".padStart(11)} ${"goal".padStart(6)}`);
for (const [name, a, b, c, r, goal] of rows) console.log(`${name.padEnd(38)} ${fmt(a).padStart(8)} ${fmt(b).padStart(8)} ${fmt(c).padStart(9)} ${r.padStart(11)} ${goal.padStart(6)}`);
console.log(`embed call, per round ours/floor: median ${main.embed_ratio_median.toFixed(2)}x; ` +
  `ours at the 10th/90th percentile ${fmt(o.embed_p10_ms)}/${fmt(o.embed_p90_ms)} ms, floor ${fmt(f.embed_p10_ms)}/${fmt(f.embed_p90_ms)} ms`);
if (wasmFloor) {
  const [jf, rf] = [wasmFloor.floor, wasmFloor.wasmFloor];
  console.log(`the floor in Rust (bench/wasm-floor), on its own page against the JS floor: foreign ${fmt(rf.foreign_extra_ns)} ns ` +
    `(${ratio(rf.foreign_extra_ns, jf.foreign_extra_ns)}), accepted ${fmt(rf.accepted_extra_ns)} ns (${ratio(rf.accepted_extra_ns, jf.accepted_extra_ns)}), ` +
    `embed ${fmt(rf.embed_ms)} ms (${ratio(rf.embed_ms, jf.embed_ms)})`);
} else {
  console.log("(bench/wasm-floor not built: scripts/build-pkg.sh floor)");
}
fs.mkdirSync(path.join(here, "out"), { recursive: true });
fs.writeFileSync(path.join(here, "out/speed.json"), JSON.stringify({ date: new Date().toISOString(), chromium: version, rounds: ROUNDS, embedRounds: EMBED_ROUNDS, main, anon, wasmFloor }, null, 2));
