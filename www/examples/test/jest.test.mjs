// Component tests in a CommonJS project: Jest 30 with jsdom runs jest/modal.test.js (React,
// through anon-modal/react) and jest/server.test.js against the installed package, with the
// config docs/frameworks.md gives.
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

test("Jest with jsdom, CommonJS: the modal mounts, hears only its own window and origin, and the server entry verifies", () => {
  execFileSync(path.join(examples, "node_modules/.bin/jest"), ["--config", "jest/jest.config.js", "--rootDir", "jest", "--ci", "--no-cache"], {
    cwd: examples, encoding: "utf8", stdio: "pipe", env: { ...process.env, CI: "true", NO_COLOR: "1" },
  });
});
