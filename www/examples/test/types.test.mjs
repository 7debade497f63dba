// The TypeScript consumers (types/consumer.ts, types/bindings.ts) compile with tsc --noEmit
// --strict against the installed package's .d.ts files; their @ts-expect-error lines fail the
// build if the misuse they mark ever type-checks. types/node10.ts imports every entry under the
// older node10 resolution, which reads no "exports".
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = (project) => spawnSync(path.join(here, "../node_modules/.bin/tsc"), ["-p", path.join(here, "../types", project)], { encoding: "utf8" });

test("tsc --noEmit --strict accepts correct use and rejects misuse", () => {
  const run = tsc("tsconfig.json");
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test("every entry has its types under moduleResolution node10", () => {
  const run = tsc("tsconfig.node10.json");
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
