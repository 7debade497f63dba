// The TypeScript consumers (types/consumer.ts, types/bindings.ts) compile with tsc --noEmit
// --strict against the installed package's .d.ts files; their @ts-expect-error lines fail the
// build if the misuse they mark ever type-checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

test("tsc --noEmit --strict accepts correct use and rejects misuse", () => {
  const tsc = path.join(here, "../node_modules/.bin/tsc");
  const run = spawnSync(tsc, ["-p", path.join(here, "../types")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
