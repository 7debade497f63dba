// A bundler keeps `import "anon-modal/element"` (the package's sideEffects names element.js)
// while it still drops the unused rest of the package. Vite (Rollup) and webpack 5 bundle the
// installed package here, in production mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

async function bundle(source) {
  const dir = fs.mkdtempSync(path.join(here, "../.side-effects-"));
  try {
    fs.writeFileSync(path.join(dir, "entry.js"), source);
    const [output] = await build({
      root: dir, configFile: false, logLevel: "silent", mode: "production",
      build: { write: false, minify: false, lib: { entry: path.join(dir, "entry.js"), formats: ["es"], fileName: "out" } },
    });
    return output.output.filter((chunk) => chunk.type === "chunk").map((chunk) => chunk.code).join("\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("import \"anon-modal/element\" survives bundling, with the core it needs", async () => {
  const code = await bundle(`import "anon-modal/element";\n`);
  assert.match(code, /customElements\.define\(/);
  assert.match(code, /anon-migration-modal/);
  assert.match(code, /embedAnonModal|anon_modal_bg\.wasm/);
});

test("an unused import of the core or a binding is still dropped", async () => {
  const code = await bundle(`import "anon-modal";\nimport "anon-modal/react";\n`);
  assert.doesNotMatch(code, /anon_modal_bg\.wasm|useInsertionEffect/);
});

test("webpack keeps import \"anon-modal/element\" too", () => {
  const dir = fs.mkdtempSync(path.join(here, "../.side-effects-"));
  try {
    fs.writeFileSync(path.join(dir, "entry.js"), `import "anon-modal/element";\n`);
    execFileSync(path.join(here, "../node_modules/.bin/webpack"), [
      "--mode", "production", "--entry", path.join(dir, "entry.js"), "--output-path", dir, "--output-filename", "out.js",
    ], { cwd: path.join(here, ".."), stdio: "pipe" });
    const code = fs.readFileSync(path.join(dir, "out.js"), "utf8");
    assert.match(code, /customElements\.define\(/);
    assert.match(code, /anon-migration-modal/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
