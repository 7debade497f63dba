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

/** The process group of the file running, which Ctrl-C (sent to this one's group only) ends too. */
let running;
const stop = () => {
  try {
    process.kill(-running, "SIGKILL");
  } catch {
    // None left.
  }
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stop();
    process.exit(1);
  });
}

/** Runs one file, its output shown as it comes; resolves to its exit code and whether it timed out. */
function run(file) {
  return new Promise((resolve, reject) => {
    // A process group of its own: what a killed file started (a server) goes with it.
    const child = spawn(process.execPath, ["--test", `--test-timeout=${TIMEOUT_MS}`, file], {
      cwd: here,
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    running = child.pid;
    let output = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      stop();
      resolve({ code, timedOut: output.includes(`test timed out after ${TIMEOUT_MS}ms`) });
    });
  });
}

const failed = [];
const runAgain = [];
for (const file of files) {
  let result = await run(file);
  if (result.code !== 0 && result.timedOut) {
    console.log(`# ${file} timed out after ${TIMEOUT_MS / 1000} s; running it once more`);
    runAgain.push(file);
    result = await run(file);
  }
  if (result.code !== 0) failed.push(file);
}
const again = runAgain.length ? ` (run again after a timeout: ${runAgain.join(", ")})` : "";
console.log(failed.length ? `# failed: ${failed.join(", ")}${again}` : `# all ${files.length} files passed${again}`);
process.exitCode = failed.length ? 1 : 0;
