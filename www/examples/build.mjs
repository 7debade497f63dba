// Builds every example from the npm pack tarball (installed as a real package, not a link):
// vanilla, React, Vue, Svelte and the element in a Lit component with Vite, the element in an
// Angular app with the Angular CLI, vanilla with webpack 5, and vanilla and
// <anon-migration-modal> with no bundler (the package's files served as they are). No bundler
// gets any configuration for anon-modal: the .wasm is found through
// new URL(..., import.meta.url). Then the Leptos example, a Rust front end built with cargo and
// the wasm-bindgen CLI.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const packed = path.join(root, "target/npm");
const tarballs = fs.existsSync(packed) ? fs.readdirSync(packed).filter((f) => f.endsWith(".tgz")) : [];
if (tarballs.length !== 1) throw new Error("run `node scripts/package.mjs` first (one tarball in target/npm), after scripts/build-pkg.sh and scripts/build-pkg.sh server; `make test-package` runs them all");
const tarball = path.join(root, "target/npm", tarballs[0]);
execFileSync("npm", ["install", "--no-save", "--no-fund", "--no-audit", "--loglevel=error", tarball], { cwd: here, stdio: "inherit" });
// Angular's example is its own package (its toolchain is not the other examples' Vite).
const angular = path.join(here, "angular");
if (!fs.existsSync(path.join(angular, "node_modules/.bin/ng"))) throw new Error("run `npm ci` in www/examples/angular first (scripts/setup.sh does)");
execFileSync("npm", ["install", "--no-save", "--no-fund", "--no-audit", "--loglevel=error", tarball], { cwd: angular, stdio: "inherit" });
const startEnv = { ...process.env };
if (fs.lstatSync(path.join(here, "node_modules/anon-modal")).isSymbolicLink()) throw new Error("anon-modal must be installed, not linked");

const dist = path.join(here, "dist");
fs.rmSync(dist, { recursive: true, force: true });
for (const name of ["vanilla", "react", "vue", "svelte", "lit"]) {
  await build({ root: path.join(here, name), logLevel: "warn", build: { outDir: path.join(dist, name), emptyOutDir: true } });
}
// React's development build, where StrictMode really mounts, unmounts and mounts again and
// runs each effect twice (a production build does neither).
await build({
  root: path.join(here, "react"), logLevel: "warn", mode: "development",
  define: { "process.env.NODE_ENV": JSON.stringify("development") },
  build: { outDir: path.join(dist, "react-dev"), emptyOutDir: true, minify: false },
});
execFileSync(path.join(here, "node_modules/.bin/webpack"), [
  "--mode", "production", "--entry", "./vanilla/main.js", "--output-path", path.join(dist, "webpack"), "--output-filename", "main.js",
], { cwd: here, stdio: "inherit" });
fs.copyFileSync(path.join(here, "webpack/index.html"), path.join(dist, "webpack/index.html"));
// No bundler at all: the installed package's files beside a page that imports them by path.
fs.cpSync(path.join(here, "node_modules/anon-modal"), path.join(dist, "plain/anon-modal"), { recursive: true });
fs.copyFileSync(path.join(here, "plain/index.html"), path.join(dist, "plain/index.html"));
fs.writeFileSync(path.join(dist, "plain/main.js"),
  fs.readFileSync(path.join(here, "vanilla/main.js"), "utf8").replace('from "anon-modal"', 'from "./anon-modal/index.js"') +
  // The bindings' shared opener, which the tests drive as the page's own module (no entry of the package).
  'import { opener } from "./anon-modal/opener.js";\nwindow.__opener = opener;\n');
// The element, in a plain page with no bundler either.
fs.cpSync(path.join(here, "node_modules/anon-modal"), path.join(dist, "element/anon-modal"), { recursive: true });
for (const file of ["index.html", "main.js"]) fs.copyFileSync(path.join(here, "element", file), path.join(dist, "element", file));
// Angular with its own CLI (the application builder, AOT): it writes dist/angular. Vite set
// NODE_ENV=production in this process; the CLI gets the environment as it was.
execFileSync(path.join(angular, "node_modules/.bin/ng"), ["build"], { cwd: angular, stdio: "inherit", env: { ...startEnv, NG_CLI_ANALYTICS: "false" } });
// The Leptos example uses the crate itself (a path dependency, its Rust API), not the tarball.
// Each step runs in scripts/env.sh's toolchain and tools (the wasm32 toolchain, the
// wasm-bindgen CLI of the root Cargo.lock, wasm-opt), in a target directory of its own: the
// package builds' outputs in target/ stay theirs. A failing step throws and stops the build.
{
  const target = path.join(root, "target/leptos-example");
  const out = path.join(dist, "leptos");
  const inEnv = (...command) => execFileSync("bash", ["-c", '. scripts/env.sh && exec "$@"', "env.sh", ...command], {
    cwd: root, stdio: "inherit", env: { ...process.env, root, CARGO_TARGET_DIR: target },
  });
  const started = Date.now();
  inEnv("cargo", "build", "--quiet", "--release", "--locked", "--target", "wasm32-unknown-unknown",
    "--manifest-path", "www/examples/leptos/Cargo.toml");
  inEnv("wasm-bindgen", "--target", "web", "--no-typescript", "--out-name", "app", "--out-dir", out,
    path.join(target, "wasm32-unknown-unknown/release/anon-modal-leptos-example.wasm"));
  // The same features as the package's build (scripts/build-pkg.sh); it halves the wasm.
  inEnv("wasm-opt", "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
    path.join(out, "app_bg.wasm"), "-o", path.join(out, "app_bg.wasm"));
  for (const file of ["index.html", "main.js"]) fs.copyFileSync(path.join(here, "leptos", file), path.join(out, file));
  const wasm = fs.statSync(path.join(out, "app_bg.wasm")).size;
  console.log(`[examples] leptos: built in ${Math.round((Date.now() - started) / 1000)} s, ${wasm} bytes of wasm`);
}
for (const name of fs.readdirSync(dist)) {
  const files = fs.readdirSync(path.join(dist, name), { recursive: true }).filter((f) => /\.(js|wasm)$/.test(f));
  console.log(`[examples] ${name}: ${files.join(", ")}`);
}
