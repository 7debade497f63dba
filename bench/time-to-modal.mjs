// Time to modal on a cold page: from navigation start to the modal's `opened` reaching the
// page, for anon-modal (pkg/index.js served as built, without and with the preload hints) and
// for the plain-JS floor (bench/floor.js), at 0 and 100 ms of emulated latency. Each run has
// a fresh browser context (nothing cached, new connections); runs interleave the three pages.
// The modal is on another site and posts `opened` as soon as it loads.
//   node bench/time-to-modal.mjs [runs]
import fs from "node:fs";
import path from "node:path";
import { here, serve, launch, context, median } from "./https.mjs";

const RUNS = Number(process.argv[2] ?? 20);
const WARMUP = 2;
const LATENCIES = [0, 100];

// What the README tells a page to put in its <head> when it imports the package unbundled.
const HINTS = '<link rel="modulepreload" href="/pkg/index.js">\n<link rel="preload" href="/pkg/anon_modal_bg.wasm" as="fetch" crossorigin>';

const page = (head, script) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>app</title><link rel="icon" href="data:,">${head}</head><body><h1>app</h1>` +
  `<script type="module">${script}</script></body></html>`;
const opened = "window.__opened = performance.now()";
const PAGES = {
  floor: (modal) => page("", `import { embedFloor } from "/bench/floor.js";
embedFloor(${JSON.stringify(modal)}, { onEvent(e) { if (e.type === "migration_modal.opened") ${opened}; } });`),
  ours: (modal) => page("", ourScript(modal)),
  preload: (modal) => page(HINTS, ourScript(modal)),
};
function ourScript(modal) {
  return `import { init, embedAnonModal } from "/pkg/index.js";
await init();
embedAnonModal(${JSON.stringify(modal)}, { onOpened() { ${opened}; } });`;
}

const server = await serve({
  "/ttm/floor": (_, o) => PAGES.floor(`${o.modal}/ttm/modal`),
  "/ttm/ours": (_, o) => PAGES.ours(`${o.modal}/ttm/modal`),
  "/ttm/preload": (_, o) => PAGES.preload(`${o.modal}/ttm/modal`),
  // The modal: it posts `opened` to the page at once.
  "/ttm/modal": (_, o) => `<!doctype html><title>modal</title><script>parent.postMessage({ source: "anon_modal", ` +
    `event: { type: "migration_modal.opened", user_id: "u_1", migration_id: "mig_1" } }, ${JSON.stringify(o.page)});</script>`,
});
const browser = await launch();
const version = browser.version();

/** One cold load of `name` at `latency` ms: the page's clock when `opened` arrived. */
async function run(name, latency) {
  const ctx = await context(browser);
  try {
    const tab = await ctx.newPage();
    const cdp = await ctx.newCDPSession(tab);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    await tab.goto(`${server.page}/ttm/${name}`, { waitUntil: "commit" });
    await tab.waitForFunction(() => window.__opened !== undefined, null, { timeout: 30_000, polling: 50 });
    return await tab.evaluate(() => window.__opened);
  } finally {
    await ctx.close();
  }
}

const names = Object.keys(PAGES);
const results = {};
for (const latency of LATENCIES) {
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = -WARMUP; r < RUNS; r++) {
    // Each page in each position equally often.
    const order = names.map((_, i) => names[(i + r + WARMUP) % names.length]);
    for (const name of order) {
      const t = await run(name, latency);
      if (r >= 0) times[name].push(t);
    }
  }
  results[latency] = Object.fromEntries(names.map((n) => [n, { median_ms: median(times[n]), runs_ms: times[n] }]));
  // Each round's own ratios too: a round's three loads run back to back, so a busy machine
  // slows them alike.
  for (const n of ["ours", "preload"]) results[latency][n].round_ratio_median = median(times[n].map((t, i) => t / times.floor[i]));
}
await browser.close();
server.close();

console.log(`Chromium ${version}; time to modal: navigation start to the modal's opened in the page, medians of ${RUNS} cold runs ` +
  `(fresh context each, interleaved); https, the modal on another site; pkg/index.js unbundled`);
console.log(`${"latency".padEnd(9)} ${"floor ms".padStart(9)} ${"ours ms".padStart(8)} ${"ours/floor".padStart(11)} ${"goal".padStart(5)} ` +
  `${"preload ms".padStart(11)} ${"preload/floor".padStart(14)} ${"goal".padStart(5)}`);
for (const latency of LATENCIES) {
  const { floor, ours, preload } = results[latency];
  const ratio = (x) => (x.median_ms / floor.median_ms).toFixed(2) + "x";
  console.log(`${(latency + " ms").padEnd(9)} ${floor.median_ms.toFixed(0).padStart(9)} ${ours.median_ms.toFixed(0).padStart(8)} ` +
    `${ratio(ours).padStart(11)} ${"1.25x".padStart(5)} ${preload.median_ms.toFixed(0).padStart(11)} ${ratio(preload).padStart(14)} ${"1.1x".padStart(5)}`);
}
console.log("median of each round's ratio: " + LATENCIES.map((l) =>
  `${l} ms: ours ${results[l].ours.round_ratio_median.toFixed(2)}x, preload ${results[l].preload.round_ratio_median.toFixed(2)}x`).join("; "));
console.log("preload hints (in the page's <head>):\n" + HINTS);
fs.mkdirSync(path.join(here, "out"), { recursive: true });
fs.writeFileSync(path.join(here, "out/time-to-modal.json"),
  JSON.stringify({ date: new Date().toISOString(), chromium: version, runs: RUNS, hints: HINTS, results }, null, 2));
