// Bytes shipped: anon-modal's browser package (JS glue minified + wasm) against its peers and
// the plain-JS floor, each bundled and minified by esbuild, then gzip -9 and brotli 11.
//   node bench/size.mjs           print the table, write bench/out/sizes.json and docs/size-chart.svg
//   node bench/size.mjs --check   also fail when ours is over bench/size-budget.json, or when
//                                 docs/size.md gives that build another ceiling
//   node bench/size.mjs --ours    only measure ours (no peers needed)
// The floor in Rust (bench/wasm-floor) is measured when it was built (`make bench` builds it).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const args = new Set(process.argv.slice(2));

const gzip = (b) => zlib.gzipSync(b, { level: 9 }).length;
const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
const measure = (buf) => ({ raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) });

async function bundle(contents, external = [], resolveDir = here) {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true, minify: true, format: "esm", platform: "browser", target: "es2020",
    write: false, external, logLevel: "silent", legalComments: "none",
  });
  return Buffer.from(result.outputFiles[0].contents);
}

function sum(a, b) {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

export async function measureOurs() {
  // The package's entry as users import it: pkg/index.js (init, embedAnonModal) over the glue.
  const js = await bundle(fs.readFileSync(path.join(root, "pkg/index.js"), "utf8"), [], path.join(root, "pkg"));
  const wasm = fs.readFileSync(path.join(root, "pkg/anon_modal_bg.wasm"));
  const jsSize = measure(js);
  const wasmSize = measure(wasm);
  return { name: "anon-modal (ours: JS + wasm)", js: jsSize, wasm: wasmSize, total: sum(jsSize, wasmSize) };
}

const PEERS = [
  ["plain-JS floor (bench/floor.js)", `export { embedFloor } from "./floor.js";`],
  ["@anon-dot-com/frontend@1.0.0", `export * from "@anon-dot-com/frontend";`],
  ["@tryfinch/react-connect@5.0.0", `export * from "@tryfinch/react-connect";`, ["react", "react-dom", "react/jsx-runtime"]],
  ["penpal@7.0.6", `export * from "penpal";`],
  ["post-robot@10.0.46", `export * from "post-robot";`],
  ["zoid@9.0.86", `export * from "zoid";`],
];

function chart(rows, file) {
  // A horizontal bar chart of brotli bytes, log scale, as SVG (README shows it as an image).
  const width = 780, rowH = 30, left = 250, top = 46, plotW = width - left - 90;
  const min = 100, max = 100_000;
  const x = (v) => left + (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * plotW;
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const bars = rows.map((r, i) => {
    const y = top + i * rowH;
    const ours = r.name.startsWith("anon-modal");
    return `<text x="${left - 8}" y="${y + 19}" text-anchor="end">${esc(r.name)}</text>` +
      `<rect x="${left}" y="${y + 6}" width="${(x(r.total.brotli) - left).toFixed(1)}" height="18" fill="${ours ? "#4f46e5" : "#94a3b8"}"/>` +
      `<text x="${(x(r.total.brotli) + 6).toFixed(1)}" y="${y + 19}">${(r.total.brotli / 1024).toFixed(1)} KB</text>`;
  }).join("\n");
  const ticks = [100, 1000, 10_000, 100_000].map((v) => `<line x1="${x(v)}" x2="${x(v)}" y1="${top}" y2="${top + rows.length * rowH}" stroke="#e2e8f0"/>` +
    `<text x="${x(v)}" y="${top + rows.length * rowH + 16}" text-anchor="middle" fill="#64748b">${v >= 1000 ? v / 1000 + " KB" : v + " B"}</text>`).join("\n");
  const height = top + rows.length * rowH + 30;
  const goal = x(8 * 1024);
  const goalLine = `<line x1="${goal}" x2="${goal}" y1="${top - 4}" y2="${top + rows.length * rowH}" stroke="#dc2626" stroke-dasharray="4 3"/>` +
    `<text x="${goal + 4}" y="${top + 2}" fill="#dc2626" font-size="11">goal 8 KB</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui,sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#fff"/>
<text x="16" y="22" font-weight="600">Bytes shipped, brotli 11, JS minified with esbuild (log scale), ${new Date().toISOString().slice(0, 10)}</text>
${ticks}
${goalLine}
${bars}
</svg>\n`;
  fs.writeFileSync(file, svg);
}

/** bench/floor.js ported to Rust, built like the package (`scripts/build-pkg.sh floor`). */
async function measureWasmFloor() {
  const dir = path.join(here, "wasm-floor/pkg");
  if (!fs.existsSync(path.join(dir, "anon_modal_bg.wasm"))) {
    console.log("(bench/wasm-floor not built: scripts/build-pkg.sh floor)");
    return null;
  }
  const js = measure(await bundle(`export { initSync, embedAnonModal } from "./anon_modal.js";`, [], dir));
  const wasm = measure(fs.readFileSync(path.join(dir, "anon_modal_bg.wasm")));
  return { name: "the floor in Rust (bench/wasm-floor)", js, wasm, total: sum(js, wasm) };
}

/**
 * Each binding (pkg/react.js, vue.js, svelte.js, element.js) as an app's bundler adds it on top
 * of the core: minified with the core ("./index.js") and its framework left out.
 */
export async function measureBindings() {
  const external = ["./index.js", "react", "vue", "svelte", "svelte/*"];
  const sizes = [];
  for (const name of ["react", "vue", "svelte", "element"]) {
    const file = path.join(root, "pkg", `${name}.js`);
    if (fs.existsSync(file)) sizes.push({ name: `anon-modal/${name}`, ...measure(await bundle(fs.readFileSync(file, "utf8"), external, path.join(root, "pkg"))) });
  }
  return sizes;
}

/**
 * Where the package's JavaScript comes from: pkg/index.js is split at the source comments that
 * esbuild leaves between modules, and each part's share is what the minified, compressed whole
 * loses without it. What the parts share counts in none, so the shares add up to less.
 */
export async function measureParts() {
  const bundled = fs.readFileSync(path.join(root, "pkg/index.js"), "utf8");
  const parts = bundled.split(/^(?=\/\/ \S+\.js$)/m);
  if (parts.length < 3) throw new Error("pkg/index.js: no module comments to split it at");
  const minified = async (text) => measure(Buffer.from((await transform(text, { minify: true, format: "esm", loader: "js", target: "es2020" })).code));
  const whole = await minified(bundled);
  const source = (file) => file.replace(/^pkg\/snippets\/[^/]+\//, "").replace(/^pkg\/entry\.js$/, "npm/index.js")
    .replace(/^pkg\/anon_modal\.js$/, "wasm-bindgen's glue");
  // The entry's export list stays (the minifier would drop what it exports), with a bare
  // declaration for each exported name the part left out defined.
  const exportList = bundled.match(/^export \{([^}]*)\};?$/m)?.[1] ?? "";
  const exported = exportList.split(",").map((name) => name.trim().split(/\s+/)[0]).filter(Boolean);
  const sizes = [];
  for (const [i, part] of parts.entries()) {
    if (!part.startsWith("// ")) continue;
    const declared = exported.filter((name) => new RegExp(`^(?:async function|function|class|var|let|const) ${name}\\b`, "m").test(part));
    const stubs = declared.map((name) => `var ${name};\n`).join("");
    const without = await minified([...parts.slice(0, i), stubs, ...parts.slice(i + 1)].join(""));
    const share = { raw: whole.raw - without.raw, gzip: whole.gzip - without.gzip, brotli: whole.brotli - without.brotli };
    sizes.push({ name: source(part.slice(3, part.indexOf("\n"))), ...share });
  }
  return sizes;
}

const rows = [await measureOurs()];
// A breakdown for reading, not a budget: a failure here leaves the figures above to stand.
const parts = await measureParts().catch((error) => {
  console.log(`(the JavaScript's parts not measured: ${error.message})`);
  return [];
});
const bindings = await measureBindings();
if (!args.has("--ours")) {
  for (const [name, entry, external] of PEERS) {
    const size = measure(await bundle(entry, external));
    rows.push({ name, js: size, total: size });
  }
  const wasmFloor = await measureWasmFloor();
  if (wasmFloor) rows.splice(2, 0, wasmFloor); // beside the plain-JS floor
}
const kb = (n) => (n / 1024).toFixed(1).padStart(6);
console.log(`${"package".padEnd(36)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)} ${"brotli KB".padStart(9)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(36)} ${kb(r.total.raw).padStart(8)} ${kb(r.total.gzip).padStart(8)} ${kb(r.total.brotli).padStart(9)}`);
  if (r.wasm) {
    console.log(`${"  of which JavaScript".padEnd(36)} ${kb(r.js.raw).padStart(8)} ${kb(r.js.gzip).padStart(8)} ${kb(r.js.brotli).padStart(9)}`);
    console.log(`${"  of which wasm".padEnd(36)} ${kb(r.wasm.raw).padStart(8)} ${kb(r.wasm.gzip).padStart(8)} ${kb(r.wasm.brotli).padStart(9)}`);
  }
}
for (const p of parts) {
  console.log(`${`  JS part ${p.name}`.padEnd(36)} ${String(p.raw).padStart(6)} B ${String(p.gzip).padStart(6)} B ${String(p.brotli).padStart(7)} B`);
}
for (const b of bindings) {
  console.log(`${`  binding ${b.name}`.padEnd(36)} ${String(b.raw).padStart(6)} B ${String(b.gzip).padStart(6)} B ${String(b.brotli).padStart(7)} B`);
}
fs.mkdirSync(path.join(here, "out"), { recursive: true });
fs.writeFileSync(path.join(here, "out/sizes.json"), JSON.stringify({ date: new Date().toISOString(), rows, parts, bindings }, null, 2));
if (!args.has("--ours")) chart(rows, path.join(root, "docs/size-chart.svg"));

if (args.has("--check")) {
  const budgets = JSON.parse(fs.readFileSync(path.join(here, "size-budget.json"), "utf8"));
  const mode = fs.readFileSync(path.join(root, "pkg/.build-mode"), "utf8").trim();
  const budget = budgets[mode];
  if (!budget) throw new Error(`no size budget for build mode ${mode}`);
  const ours = rows[0].total.brotli;
  const verdict = ours <= budget ? "within" : "OVER";
  console.log(`size budget (${mode}): ${ours} B brotli (JS + wasm) ${verdict} the budget of ${budget} B`);
  if (ours > budget) process.exit(1);
  // docs/size.md's table gives each build's ceiling: it must be the one checked here.
  const row = fs.readFileSync(path.join(root, "docs/size.md"), "utf8").split("\n").find((line) => line.startsWith(`| \`${mode}\` |`));
  const ceiling = `| ${budget.toLocaleString("en-US")} B |`;
  if (!row?.includes(ceiling)) {
    console.error(`docs/size.md: the row of ${mode} does not give its ceiling as ${ceiling}`);
    process.exit(1);
  }
}
