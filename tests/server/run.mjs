// Runs the suite (npm test): each *.test.mjs on its own with node --test, in order, as
// `node --test --test-concurrency=1` would. A file that times out is run once more, and the
// log says so: a file whose tests hang every time still fails, while a stall of the machine
// (the one on record stopped api.test.mjs, whose tests take 0.3 s, for ten minutes) does not
// fail the suite. A test's own failure is never retried.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT_MS = 600_000;
const files = fs.readdirSync(here).filter((file) => file.endsWith(".test.mjs")).sort();

/** Runs one file, its output shown as it comes; resolves to its exit code and whether it timed out. */
function run(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--test", `--test-timeout=${TIMEOUT_MS}`, file], { cwd: here, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, timedOut: output.includes(`test timed out after ${TIMEOUT_MS}ms`) }));
  });
}

const failed = [];
for (const file of files) {
  let result = await run(file);
  if (result.code !== 0 && result.timedOut) {
    console.log(`# ${file} timed out after ${TIMEOUT_MS / 1000} s; running it once more`);
    result = await run(file);
  }
  if (result.code !== 0) failed.push(file);
}
console.log(failed.length ? `# failed: ${failed.join(", ")}` : `# all ${files.length} files passed`);
process.exitCode = failed.length ? 1 : 0;
