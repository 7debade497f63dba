// Shared by the tests of anon-modal/server: the built entry, contract-shaped events, keys, and
// the packed tarball installed into a scratch app.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { afterEach, beforeEach } from "node:test";
import { Worker } from "node:worker_threads";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// A test stuck in synchronous code blocks the event loop, and node --test then reports only that
// its file timed out, with none of the file's results. A thread of its own names such a test.
const STUCK_AFTER_MS = 120_000;
const watchdog = new Worker(
  `const { parentPort, workerData } = require("node:worker_threads");
  let running = null, since = 0, said = 0;
  parentPort.on("message", (what) => ((running = what), (since = said = Date.now())));
  setInterval(() => {
    if (running === null || Date.now() - said < workerData.afterMs) return;
    said = Date.now();
    const seconds = Math.round((said - since) / 1000);
    require("node:fs").writeSync(2, workerData.file + ": " + running + " has run for " + seconds + " s\\n");
  }, 1000);`,
  { eval: true, workerData: { afterMs: STUCK_AFTER_MS, file: path.basename(process.argv[1] ?? "tests/server") } },
);
watchdog.unref();
watchdog.on("error", () => {}); // a diagnostic: its failure must not fail the tests
watchdog.postMessage("the file's setup (before its first test)");
beforeEach((t) => watchdog.postMessage(`the test '${t.name}'`));
afterEach(() => watchdog.postMessage(null));

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const bin = (name) => path.join(here, "node_modules/.bin", name);

/** The built entry (scripts/build-pkg.sh server), ESM and CommonJS. */
export const serverJs = path.join(root, "pkg/server.js");
export const serverCjs = path.join(root, "pkg/server.cjs");

/** Anon's event example (tests/fixtures/event.json) as the text of a `type` delivery. */
export function contractEvent(type, { errorMessage } = {}) {
  let text = fs.readFileSync(path.join(root, "tests/fixtures/event.json"), "utf8").replace("<event_type>", type);
  const failed = type.endsWith(".failed");
  if (!failed) text = text.replace(/,\n {4}"error_message": "[^"]*"/, "");
  else if (errorMessage !== undefined) text = text.replace("Only present for *.failed events", errorMessage);
  if (type.startsWith("migration.")) {
    const status = { "migration.created": "NOT_STARTED", "migration.started": "WORKING", "migration.completed": "COMPLETE", "migration.failed": "FAILED" }[type];
    if (status) text = text.replace('"status": "NOT_STARTED"', `"status": "${status}"`);
  }
  return text;
}

/** A random `whsec_` secret of `bytes` bytes (24 gives no base64 padding, 32 one `=`, 16 two). */
export function randomSecret(bytes = 32) {
  return "whsec_" + crypto.randomBytes(bytes).toString("base64");
}

/** An ed25519 pair as Standard Webhooks writes it: `whsk_` (seed) and `whpk_` (public key). */
export function ed25519Pair() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  const jwk = privateKey.export({ format: "jwk" });
  const b64 = (s) => Buffer.from(s, "base64url").toString("base64");
  return { privateKey, publicKey, whsk: "whsk_" + b64(jwk.d), whpk: "whpk_" + b64(jwk.x) };
}

/** The AnonWebhookError `fn` throws (and checks that it is one). */
export function errorOf(fn) {
  try {
    fn();
  } catch (error) {
    assert.equal(error?.name, "AnonWebhookError", String(error));
    assert.ok(error instanceof Error);
    assert.equal(typeof error.message, "string");
    return error;
  }
  assert.fail("expected an AnonWebhookError");
}

/** The code of the AnonWebhookError `fn` throws. */
export const codeOf = (fn) => errorOf(fn).code;

/** The one tarball `node scripts/package.mjs` packed. */
export function tarball() {
  const dir = path.join(root, "target/npm");
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".tgz")) : [];
  if (found.length !== 1) throw new Error("run `node scripts/package.mjs` first (one tarball in target/npm)");
  return path.join(dir, found[0]);
}

/** A scratch app with the packed tarball installed (as a user would: npm install <tgz>). */
export function installedApp() {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "anon-modal-server-app-"));
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "an-app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-fund", "--no-audit", "--offline", "--loglevel=error", tarball()], { cwd: app });
  return app;
}
