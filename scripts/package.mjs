#!/usr/bin/env node
// Turns pkg/ (scripts/build-pkg.sh) into the npm package and packs it:
//   node scripts/package.mjs     -> target/npm/anon-modal-<version>.tgz
// Adds package.json (exports with types, files, sideEffects), the package README and the
// license to the package scripts/build-pkg.sh built.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.join(root, "pkg");
const cargo = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, "m"))[1];

// The entry (index.js, index.d.ts) is already in pkg/: scripts/build-pkg.sh writes it.
fs.copyFileSync(path.join(root, "npm", "README.md"), path.join(pkg, "README.md"));
fs.copyFileSync(path.join(root, "LICENSE"), path.join(pkg, "LICENSE"));
fs.rmSync(path.join(pkg, ".gitignore"), { force: true });

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
    "./anon_modal_bg.wasm": "./anon_modal_bg.wasm",
    "./package.json": "./package.json",
  },
  files: ["index.js", "index.d.ts", "anon_modal.js", "anon_modal.d.ts", "anon_modal_bg.wasm", "anon_modal_bg.wasm.d.ts", "snippets/", "README.md", "LICENSE"],
  sideEffects: false,
};
fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
const out = path.join(root, "target", "npm");
fs.mkdirSync(out, { recursive: true });
const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", out], { cwd: pkg, encoding: "utf8" }).trim().split("\n").pop();
console.log(`[npm] ${path.join("target/npm", name)} (${fs.statSync(path.join(out, name)).size} bytes)`);
