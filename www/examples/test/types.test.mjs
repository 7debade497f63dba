// The TypeScript consumers (types/consumer.ts, types/bindings.ts) compile with tsc --noEmit
// --strict against the installed package's .d.ts files, under TypeScript 5.9 and 7 (npm's
// `latest`, the compiler ported to Go); their @ts-expect-error lines fail the build if the
// misuse they mark ever type-checks. types/node10.ts imports every entry under the older node10
// resolution, which reads no "exports" (TypeScript 7 has none: 5.9 checks it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
// Each compiler by its own path: both packages name their command `tsc`.
const tsc = (typescript, project) =>
  spawnSync(process.execPath, [path.join(here, "../node_modules", typescript, "bin/tsc"), "-p", path.join(here, "../types", project)], { encoding: "utf8" });

for (const typescript of ["typescript", "typescript7"]) {
  test(`tsc --noEmit --strict accepts correct use and rejects misuse (${typescript})`, () => {
    const run = tsc(typescript, "tsconfig.json");
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });
}

test("every entry has its types under moduleResolution node10", () => {
  const run = tsc("typescript", "tsconfig.node10.json");
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
