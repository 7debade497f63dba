#!/usr/bin/env node
// Turns pkg/ (scripts/build-pkg.sh, then scripts/build-pkg.sh server) into the npm package and
// packs it:
//   node scripts/package.mjs     -> target/npm/anon-modal-<version>.tgz
// Adds package.json (exports with types, files, sideEffects, the frameworks as optional peers),
// the package README, the license and the mock platform to the package scripts/build-pkg.sh
// built. `anon-modal` is the browser entry; `anon-modal/server` the server one (its own wasm,
// never imported by the browser entry); react, vue, svelte and element the bindings.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.join(root, "pkg");
const cargo = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, "m"))[1];

// The entry (index.js, index.d.ts) is already in pkg/: scripts/build-pkg.sh writes it.
if (!fs.existsSync(path.join(pkg, "index.js"))) {
  console.error("pkg/index.js is missing: build the package first (`make tarball` builds and packs it)");
  process.exit(1);
}
fs.copyFileSync(path.join(root, "npm", "README.md"), path.join(pkg, "README.md"));
fs.copyFileSync(path.join(root, "LICENSE"), path.join(pkg, "LICENSE"));
// The mock platform (www/mock) ships as the `anon-modal-mock` command and `anon-modal/mock`.
fs.mkdirSync(path.join(pkg, "mock"), { recursive: true });
for (const file of ["cli.mjs", "cli.d.mts", "index.d.ts", "server.mjs", "pages.mjs", "ids.mjs"]) fs.copyFileSync(path.join(root, "www/mock", file), path.join(pkg, "mock", file));
fs.rmSync(path.join(pkg, ".gitignore"), { force: true });
const serverFiles = ["server.js", "server.cjs", "server.workerd.js", "server.d.ts", "server.d.cts", "anon_modal_server_bg.wasm", "anon_modal_server_wasm.js", "anon_modal_server_wasm.cjs"];
for (const file of serverFiles) {
  if (!fs.existsSync(path.join(pkg, file))) throw new Error(`pkg/${file} is missing: run scripts/build-pkg.sh server first`);
}

const bindingFiles = ["react", "vue", "svelte", "element"].flatMap((name) => [`${name}.js`, `${name}.d.ts`]);
// What the React, Vue and Svelte bindings share; not an entry of its own (no "exports" key).
bindingFiles.push("opener.js");
for (const file of bindingFiles) {
  if (!fs.existsSync(path.join(pkg, file))) throw new Error(`pkg/${file} is missing: run scripts/build-pkg.sh first`);
}

const manifest = {
  name: "anon-modal",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  repository: { type: "git", url: `git+${field("repository")}.git` },
  keywords: ["anon", "migration", "iframe", "postmessage", "wasm", "modal"],
  type: "module",
  main: "./index.js",
  module: "./index.js",
  types: "./index.d.ts",
  exports: {
    ".": { types: "./index.d.ts", default: "./index.js" },
    // workerd compiles no wasm from bytes: its bundlers (wrangler) pick `workerd` and import the
    // .wasm as a module. Node, Deno and Bun load the base64 copy synchronously.
    "./server": {
      workerd: { types: "./server.d.ts", default: "./server.workerd.js" },
      import: { types: "./server.d.ts", default: "./server.js" },
      require: { types: "./server.d.cts", default: "./server.cjs" },
      default: { types: "./server.d.ts", default: "./server.js" },
    },
    // The framework bindings and the element: each imports the core as "./index.js".
    "./react": { types: "./react.d.ts", default: "./react.js" },
    "./vue": { types: "./vue.d.ts", default: "./vue.js" },
    "./svelte": { types: "./svelte.d.ts", default: "./svelte.js" },
    "./element": { types: "./element.d.ts", default: "./element.js" },
    "./anon_modal_server_bg.wasm": "./anon_modal_server_bg.wasm",
    "./anon_modal_bg.wasm": "./anon_modal_bg.wasm",
    "./mock": "./mock/cli.mjs",
    "./package.json": "./package.json",
  },
  bin: { "anon-modal-mock": "./mock/cli.mjs" },
  // What runs in Node (anon-modal/server, the mock) is tested on Node 20 and later.
  engines: { node: ">=20" },
  files: ["index.js", "index.d.ts", "anon_modal_bg.wasm", "mock/", ...serverFiles, ...bindingFiles, "README.md", "LICENSE"],
  // Importing the element defines it: a bundler must keep that import.
  sideEffects: ["./element.js"],
  // Each binding needs its framework; the core and the element need none.
  peerDependencies: { react: ">=18", vue: ">=3.3", svelte: ">=5.7" },
  peerDependenciesMeta: { react: { optional: true }, vue: { optional: true }, svelte: { optional: true } },
};
fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
const out = path.join(root, "target", "npm");
fs.mkdirSync(out, { recursive: true });
const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", out], { cwd: pkg, encoding: "utf8" }).trim().split("\n").pop();
console.log(`[npm] ${path.join("target/npm", name)} (${fs.statSync(path.join(out, name)).size} bytes)`);
