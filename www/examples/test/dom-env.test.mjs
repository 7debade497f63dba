// Component tests in Node: Vitest's happy-dom and jsdom environments run dom-env/modal.spec.js
// against the installed package. happy-dom's globals are of another realm than its document,
// which the package's reads through DOM prototypes must allow for.
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const vitest = path.join(examples, "node_modules/.bin/vitest");

for (const environment of ["happy-dom", "jsdom"]) {
  test(`Vitest with ${environment}: the modal mounts once init() has the wasm's bytes`, () => {
    execFileSync(vitest, ["run", "--root", "dom-env", "--environment", environment, "--reporter", "dot"], {
      cwd: examples, encoding: "utf8", stdio: "pipe", env: { ...process.env, CI: "true", NO_COLOR: "1" },
    });
  });
}
