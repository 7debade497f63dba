// The release glue, as the package bundles it, carries strings into the wasm and back
// unchanged: ASCII, 2-, 3- and 4-byte UTF-8, and a lone surrogate (which becomes U+FFFD, as
// TextEncoder makes it). An `allowedOrigins` entry is read into Rust and echoed in the error
// message, which is a round trip that needs no DOM, so this runs in Node.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const wasmPath = path.join(path.dirname(require.resolve("anon-modal")), "anon_modal_bg.wasm");

let embedAnonModal;
before(async () => {
  // index.js refuses to run without a document; the option checks below never touch it.
  globalThis.document = {};
  const pkg = await import("anon-modal");
  await pkg.init(fs.readFileSync(wasmPath));
  embedAnonModal = pkg.embedAnonModal;
});

function refusal(origin) {
  try {
    embedAnonModal("https://dashboard.anon.com/modal", { allowedOrigins: [origin] });
  } catch (error) {
    return error;
  }
  assert.fail(`${JSON.stringify(origin)} was accepted`);
}

test("strings cross into the wasm and back unchanged", () => {
  const cases = [
    ["https://exa mple.com", "https://exa mple.com"],
    ["https://exämple.com", "https://exämple.com"],
    ["https://例え.jp", "https://例え.jp"],
    [`https://${"😀".repeat(2000)}.com`, `https://${"😀".repeat(2000)}.com`],
    ["https://ä😀b.com/é", "https://ä😀b.com/é"],
    ["https://a\uD800b.com", "https://a\uFFFDb.com"],
  ];
  for (const [origin, echoed] of cases) {
    const error = refusal(origin);
    assert.equal(error.code, "INVALID_ORIGIN");
    assert.ok(error.message.startsWith(`allowedOrigins: ${echoed} is not an origin: `), error.message.slice(0, 120));
  }
});

test("an empty string crosses too", () => {
  assert.equal(refusal("").message, "allowedOrigins:  is not an origin: an origin must start with https:// or http://");
});

test("many strings in a row leave the wasm's memory usable", () => {
  const long = "ö".repeat(50_000);
  for (let i = 0; i < 200; i++) {
    assert.ok(refusal(`https://${long}${i}`).message.includes(`${long}${i} is not an origin`));
  }
  assert.equal(refusal("https://a b").message, "allowedOrigins: https://a b is not an origin: the host or port is not valid");
});
