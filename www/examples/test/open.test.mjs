// openAnonModal() in Node, on the installed package: a fake `document` with no body lets every
// check before mounting run (the expiry is the first), so a fresh URL gets as far as NO_DOCUMENT ("no body yet") and an
// expired one stops at EXPIRED. The browser side (one iframe) is in examples.test.mjs.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const wasmPath = path.join(path.dirname(require.resolve("anon-modal")), "anon_modal_bg.wasm");
const URL_ = "https://dashboard.anon.com/modal/abc";
const fresh = () => new Date(Date.now() + 600_000).toISOString();
const expired = "2020-01-01T00:00:00Z";

let pkg;
before(async () => {
  // A document whose body is null: `Document.prototype`'s getter is what the package reads.
  globalThis.Document = class {};
  Object.defineProperty(Document.prototype, "body", { get: () => null });
  globalThis.document = new Document();
  pkg = await import("anon-modal");
  await pkg.init(fs.readFileSync(wasmPath));
});

/** A server call that answers with `responses` in turn, counting its calls. */
function server(...responses) {
  const calls = { count: 0 };
  const fn = async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return responses[Math.min(calls.count++, responses.length - 1)];
  };
  return Object.assign(fn, { calls });
}

const code = (expected) => (error) => {
  assert.ok(pkg.isAnonModalError(error), String(error));
  assert.equal(error.code, expected, error.message);
  return true;
};

test("two calls while the first is getting its URL: one server call, one promise", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  const first = pkg.openAnonModal(create);
  const second = pkg.openAnonModal(create);
  assert.equal(second, first, "the second call returns the first one's promise");
  await assert.rejects(first, code("NO_DOCUMENT"));
  assert.equal(create.calls.count, 1, "one server call");
  // Once settled, a new call asks the server again.
  await assert.rejects(pkg.openAnonModal(create), code("NO_DOCUMENT"));
  assert.equal(create.calls.count, 2);
});

test("a URL expired on arrival is asked for once more from a function source", async () => {
  const create = server({ url: URL_, expires_at: expired }, { url: URL_, expires_at: fresh() });
  await assert.rejects(pkg.openAnonModal(create), code("NO_DOCUMENT"), "the second URL passed the expiry check");
  assert.equal(create.calls.count, 2);
});

test("still expired after one more call, or expired with no function: EXPIRED", async () => {
  const create = server({ url: URL_, expires_at: expired });
  await assert.rejects(pkg.openAnonModal(create), code("EXPIRED"));
  assert.equal(create.calls.count, 2, "asked once more, not more");
  await assert.rejects(pkg.openAnonModal({ url: URL_, expires_at: expired }), code("EXPIRED"));
  await assert.rejects(pkg.openAnonModal(URL_, { expiresAt: expired }), code("EXPIRED"));
  // The caller's expiresAt wins over the response's.
  await assert.rejects(pkg.openAnonModal({ url: URL_, expires_at: fresh() }, { expiresAt: expired }), code("EXPIRED"));
  await assert.rejects(pkg.openAnonModal({ url: URL_, expires_at: expired }, { expiresAt: fresh() }), code("NO_DOCUMENT"));
  // The caller's own expiresAt in the past: a new URL would not help, so no second call.
  const stale = server({ url: URL_, expires_at: fresh() });
  await assert.rejects(pkg.openAnonModal(stale, { expiresAt: expired }), code("EXPIRED"));
  assert.equal(stale.calls.count, 1, "one server call");
});

test("a failing server call rejects with its error, and the next call tries again", async () => {
  let calls = 0;
  const failing = async () => {
    calls++;
    throw new Error("HTTP 500");
  };
  await assert.rejects(pkg.openAnonModal(failing), /HTTP 500/);
  await assert.rejects(pkg.openAnonModal(failing), /HTTP 500/);
  assert.equal(calls, 2);
  // A server's error body passed on: its keys are named.
  await assert.rejects(pkg.openAnonModal(async () => ({ error: { code: "unauthorized" } })), (error) =>
    code("INVALID_URL")(error) && /, not an object without url \(its keys: error\): did the server call fail\?$/.test(error.message));
  // The server call's Response, not read as JSON: named as such, never mounted.
  await assert.rejects(pkg.openAnonModal(async () => new Response(JSON.stringify({ url: URL_ }))), (error) =>
    code("INVALID_URL")(error) && /came as a fetch Response/.test(error.message));
});

test("a mistake in the options is thrown before the server is asked for a modal", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  await assert.rejects(pkg.openAnonModal(create, { onComplete() {} }), (error) => code("INVALID_OPTION")(error) && /did you mean onCompleted\?$/.test(error.message));
  await assert.rejects(pkg.openAnonModal(create, { readyTimeoutMs: "soon" }), code("INVALID_OPTION"));
  assert.equal(create.calls.count, 0, "no server call");
  // A container selector is looked up at mount, once the URL is here: it may render meanwhile.
  await assert.rejects(pkg.openAnonModal(create, { container: "#later" }), (error) => pkg.isAnonModalError(error));
  assert.equal(create.calls.count, 1);
});

test("the bindings pass on the component's own options, not what Object.prototype holds", async () => {
  const { opener } = await import(path.join(path.dirname(require.resolve("anon-modal")), "opener.js"));
  let state;
  const { open } = opener(() => ({ onCompleted() {} }), (next) => (state = next), () => true);
  // An enumerable function a library of the page added: no option of the modal.
  Object.prototype.track = function () {};
  let opening;
  try {
    opening = open(server({ url: URL_, expires_at: fresh() }));
  } finally {
    delete Object.prototype.track;
  }
  assert.equal(await opening, null);
  assert.equal(state.error.code, "NO_DOCUMENT", state.error.message);
});
