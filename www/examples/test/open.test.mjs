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
// How many times a mount was tried: it reads the body first.
let mounts = 0;
before(async () => {
  // A document whose body is null: `Document.prototype`'s getter is what the package reads.
  globalThis.Document = class {};
  Object.defineProperty(Document.prototype, "body", { get: () => (mounts++, null) });
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
    code("INVALID_URL")(error) && /, not an object without a url string \(its keys: error\): did the server call fail\?$/.test(error.message));
  // The server call's Response, not read as JSON: named as such, never mounted.
  await assert.rejects(pkg.openAnonModal(async () => new Response(JSON.stringify({ url: URL_ }))), (error) =>
    code("INVALID_URL")(error) && /came as a fetch Response/.test(error.message));
  // Read as text, not JSON: the whole response, or a JSON string.
  for (const text of [JSON.stringify({ url: URL_, expires_at: fresh() }), ` ${JSON.stringify(URL_)}`]) {
    await assert.rejects(pkg.openAnonModal(async () => text), {
      code: "INVALID_URL",
      message: "the modal URL is JSON text, not a URL: parse it (return response.json() from your server call, not response.text())",
    });
  }
});

test("calls for another key join nothing: the last key's call is never mounted, and each key asks the server", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  const forA = pkg.openAnonModal(create, {}, { key: "user_a" });
  assert.equal(pkg.openAnonModal(create, {}, { key: "user_a" }), forA, "the same key joins");
  const forB = pkg.openAnonModal(create, {}, { key: "user_b" });
  await assert.rejects(forA, { name: "AbortError" });
  await assert.rejects(forB, code("NO_DOCUMENT"), "the last key's call goes on to mount");
  assert.equal(create.calls.count, 2, "one server call per key");
  // No key is a key of its own.
  const keyed = pkg.openAnonModal(create, {}, { key: "user_a" });
  const unkeyed = pkg.openAnonModal(create);
  await assert.rejects(keyed, { name: "AbortError" });
  await assert.rejects(unkeyed, code("NO_DOCUMENT"));
  assert.equal(create.calls.count, 4);
});

test("a call for another key: the last key's callers get an AbortError however its server call ends", async () => {
  let calls = 0;
  const failing = async () => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, 10));
    throw new Error("HTTP 500");
  };
  const forA = pkg.openAnonModal(failing, {}, { key: "user_a" });
  const forB = pkg.openAnonModal(failing, {}, { key: "user_b" });
  await assert.rejects(forA, { name: "AbortError" });
  await assert.rejects(forB, /HTTP 500/);
  assert.equal(calls, 2);
});

test("a call for another key cuts the last key's callers off at once, before their server call answers", async () => {
  const slow = async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { url: URL_, expires_at: fresh() };
  };
  const forA = pkg.openAnonModal(slow, {}, { key: "user_c" });
  const forB = pkg.openAnonModal(server({ url: URL_, expires_at: fresh() }), {}, { key: "user_d" });
  const first = await Promise.race([forA.then(() => "resolved", (error) => error.name), new Promise((resolve) => setTimeout(resolve, 50, "still waiting"))]);
  assert.equal(first, "AbortError");
  await assert.rejects(forB, code("NO_DOCUMENT"));
  await new Promise((resolve) => setTimeout(resolve, 200)); // user_c's call answers: no flight is left
});

test("keys A, B, A in quick succession: one server call for A, the second call taking the first over", async () => {
  const createA = server({ url: URL_, expires_at: fresh() });
  const createB = server({ url: URL_, expires_at: fresh() });
  const forA = pkg.openAnonModal(createA, {}, { key: "user_a" });
  const forB = pkg.openAnonModal(createB, {}, { key: "user_b" });
  const againA = pkg.openAnonModal(createA, {}, { key: "user_a" });
  await assert.rejects(forA, { name: "AbortError" });
  await assert.rejects(forB, { name: "AbortError" });
  await assert.rejects(againA, code("NO_DOCUMENT"), "the call taken over goes on to mount");
  await new Promise((resolve) => setTimeout(resolve, 20)); // user_b's call answers too
  assert.equal(createA.calls.count, 1, "user_a's modal created once");
  assert.equal(createB.calls.count, 1);
});

test("a call refused for a mistake in its options changes nothing: no other user's call cut off, no second server call", async () => {
  // Whether one server call for a user is on its way: two at once would be two modals for them.
  let open = 0;
  let most = 0;
  const counted = async () => {
    most = Math.max(most, ++open);
    await new Promise((resolve) => setTimeout(resolve, 30));
    open--;
    return { url: URL_, expires_at: fresh() };
  };
  // The only caller aborts; a call with a mistake comes; then one without.
  const controller = new AbortController();
  const first = pkg.openAnonModal(counted, {}, { signal: controller.signal, key: "user_e" });
  controller.abort("gone");
  await assert.rejects(first, (reason) => reason === "gone");
  await assert.rejects(pkg.openAnonModal(counted, { readyTimeoutMs: "soon" }, { key: "user_e" }), code("INVALID_OPTION"));
  await assert.rejects(pkg.openAnonModal(counted, {}, { key: "user_e" }), code("NO_DOCUMENT"));
  assert.equal(most, 1, "one server call for user_e at a time");
  // A mistake in a call for another user cuts nobody off.
  const forF = pkg.openAnonModal(counted, {}, { key: "user_f" });
  await assert.rejects(pkg.openAnonModal(counted, { onComplete() {} }, { key: "user_g" }), code("INVALID_OPTION"));
  await assert.rejects(forF, code("NO_DOCUMENT"), "user_f's call went on");
});

test("a component cut off by another's call for another key shows no error and is not pending", async () => {
  const { opener } = await import(path.join(path.dirname(require.resolve("anon-modal")), "opener.js"));
  const states = { x: null, y: null };
  const x = opener(() => ({}), (next) => (states.x = next), () => true);
  const y = opener(() => ({}), (next) => (states.y = next), () => true);
  const create = server({ url: URL_, expires_at: fresh() });
  assert.deepEqual(await Promise.all([x.open(create, { key: "user_a" }), y.open(create, { key: "user_b" })]), [null, null]);
  assert.deepEqual([states.x.pending, states.x.error], [false, null], "cut off is no failure");
  assert.equal(states.y.error.code, "NO_DOCUMENT", "user_b's open went on to mount");
});

test("a promise source of a call that joins a flight is settled: its rejection is never unhandled", async () => {
  const unhandled = [];
  const record = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", record);
  try {
    const create = server({ url: URL_, expires_at: fresh() });
    const first = pkg.openAnonModal(create);
    const joined = pkg.openAnonModal(Promise.reject(new Error("HTTP 500")));
    assert.equal(joined, first);
    await assert.rejects(first, code("NO_DOCUMENT"));
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off("unhandledRejection", record);
  }
  assert.deepEqual(unhandled, []);
});

test("a mistake in the options is thrown before the server is asked for a modal", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  await assert.rejects(pkg.openAnonModal(create, { onComplete() {} }), (error) => code("INVALID_OPTION")(error) && /did you mean onCompleted\?$/.test(error.message));
  await assert.rejects(pkg.openAnonModal(create, { readyTimeoutMs: "soon" }), code("INVALID_OPTION"));
  // A promise source that fails meanwhile: its rejection is handled, not reported as unhandled.
  const unhandled = [];
  const record = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", record);
  try {
    await assert.rejects(pkg.openAnonModal(Promise.reject(new Error("HTTP 500")), { zIndex: "top" }), code("INVALID_OPTION"));
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off("unhandledRejection", record);
  }
  assert.deepEqual(unhandled, []);
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

test("a signal, a key, an error or an expiry on Object.prototype changes nothing: the call goes as far as without them", async () => {
  // What a query-string pollution (`?__proto__[signal][aborted]=1`) leaves on every object.
  const inherited = { signal: { aborted: true, reason: "polluted" }, key: "polluted", error: "polluted", expiresAt: expired };
  for (const [key, value] of Object.entries(inherited)) {
    Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
  }
  try {
    const create = server({ url: URL_, expires_at: fresh() });
    const first = pkg.openAnonModal(create, {}, {});
    assert.equal(pkg.openAnonModal(create), first, "one flight: no key read from Object.prototype");
    await assert.rejects(first, code("NO_DOCUMENT"));
    await assert.rejects(pkg.openAnonModal(create, {}), code("NO_DOCUMENT"));
    assert.equal(create.calls.count, 2);
  } finally {
    for (const key of Object.keys(inherited)) delete Object.prototype[key];
  }
});

test("a promise source given with a signal already aborted is settled: its rejection is never unhandled", async () => {
  const unhandled = [];
  const record = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", record);
  try {
    await assert.rejects(pkg.openAnonModal(Promise.reject(new Error("HTTP 500")), {}, { signal: AbortSignal.abort("gone") }), (reason) => reason === "gone");
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off("unhandledRejection", record);
  }
  assert.deepEqual(unhandled, []);
});

test("an aborted signal rejects with its reason: at once, and before any server call", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  const reason = new Error("gone");
  await assert.rejects(pkg.openAnonModal(create, {}, { signal: AbortSignal.abort(reason) }), (error) => error === reason);
  assert.equal(create.calls.count, 0, "no server call");
  // Aborted while the URL is on its way: rejected before the server answers.
  const controller = new AbortController();
  const opening = pkg.openAnonModal(create, {}, { signal: controller.signal });
  let settled = false;
  opening.catch(() => (settled = true));
  controller.abort(reason);
  await Promise.resolve();
  assert.ok(settled, "rejected at once");
  await assert.rejects(opening, (error) => error === reason);
  // The server still answers, and the next test must not join this flight.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(create.calls.count, 1);
});

test("a signal that is no AbortSignal is refused with its fix, before any server call", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  for (const [signal, shown] of [[{}, "an object"], ["stop", '"stop"'], [true, "true"], [{ aborted: false }, "an object"]]) {
    await assert.rejects(
      pkg.openAnonModal(create, {}, { signal }),
      (error) => code("INVALID_ARGUMENT")(error) && error.message === `control.signal must be an AbortSignal, not ${shown}`,
    );
  }
  assert.equal(create.calls.count, 0, "no server call, so no modal nobody holds");
  // null, as undefined, is no signal.
  await assert.rejects(pkg.openAnonModal(create, {}, { signal: null }), code("NO_DOCUMENT"));
});

test("a control that is no object, or the AbortSignal that belongs in it, is refused before any server call", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  for (const [control, shown] of [
    [new AbortController().signal, "an AbortSignal: pass { signal }"],
    [AbortSignal.abort(), "an AbortSignal: pass { signal }"],
    [new AbortController(), "an AbortController: pass { signal: controller.signal }"],
    [(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })(), "an object that cannot be read"],
    [5, "5"],
    ["user_1", '"user_1"'],
    [[], "an empty array"],
  ]) {
    await assert.rejects(
      pkg.openAnonModal(create, {}, control),
      (error) => code("INVALID_ARGUMENT")(error) && error.message === `control must be an object ({ signal, key }), not ${shown}`,
    );
  }
  assert.equal(create.calls.count, 0, "no server call");
  // An object that only listens for events is no signal, and no mistake: its own keys are none.
  await assert.rejects(pkg.openAnonModal(create, {}, new EventTarget()), code("NO_DOCUMENT"));
});

test("a URL that arrives once every caller has aborted is not mounted; one caller still waiting mounts it", async () => {
  const create = server({ url: URL_, expires_at: fresh() });
  const [a, b] = [new AbortController(), new AbortController()];
  const first = pkg.openAnonModal(create, {}, { signal: a.signal });
  const second = pkg.openAnonModal(create, {}, { signal: b.signal });
  a.abort();
  b.abort();
  await Promise.allSettled([first, second]);
  const before = mounts;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(create.calls.count, 1, "one server call");
  assert.equal(mounts, before, "no mount once the URL arrived");
  // The flight is over: the next call asks again.
  await assert.rejects(pkg.openAnonModal(create), code("NO_DOCUMENT"));
  // One of two callers aborts: the other still gets the modal (here, as far as NO_DOCUMENT).
  const c = new AbortController();
  const aborted = pkg.openAnonModal(create, {}, { signal: c.signal });
  const waiting = pkg.openAnonModal(create, {}, { signal: new AbortController().signal });
  c.abort();
  await assert.rejects(aborted, { name: "AbortError" });
  await assert.rejects(waiting, code("NO_DOCUMENT"));
  assert.equal(create.calls.count, 3);
});

test("a call made just after a flight nobody waited for ended gets a flight of its own, never null", async () => {
  for (let ticks = 0; ticks < 6; ticks++) {
    let answer;
    const slow = () => new Promise((resolve) => (answer = resolve));
    const controller = new AbortController();
    const abandoned = pkg.openAnonModal(slow, {}, { signal: controller.signal });
    controller.abort();
    await assert.rejects(abandoned, { name: "AbortError" });
    answer({ url: URL_, expires_at: fresh() });
    for (let i = 0; i < ticks; i++) await null;
    // Joined in the flight's last moments or after: either way, no null.
    const late = pkg.openAnonModal(server({ url: URL_, expires_at: fresh() }));
    await assert.rejects(late, code("NO_DOCUMENT"), `${ticks} ticks after the answer`);
  }
});

test("a call once every caller of a flight aborted (a component unmounted mid-call) takes it over: one server call, its options", async () => {
  let answer;
  let calls = 0;
  const abandonedCall = () => (calls++, new Promise((resolve) => (answer = resolve)));
  const controller = new AbortController();
  const abandoned = pkg.openAnonModal(abandonedCall, {}, { signal: controller.signal });
  controller.abort();
  await assert.rejects(abandoned, { name: "AbortError" });
  // The next component's call, while the first one's is still on its way: it joins (one server
  // call, as StrictMode's effect run twice makes), and the modal is mounted for it.
  const create = server({ url: URL_, expires_at: fresh() });
  const next = assert.rejects(pkg.openAnonModal(create, {}), code("NO_DOCUMENT"));
  const before = mounts;
  answer({ url: URL_, expires_at: fresh() });
  await next;
  assert.equal(calls + create.calls.count, 1, "one server call");
  assert.ok(mounts > before, "mounted for the call that took it over");
  // Its options are checked as it takes over: a mistake in them is its error at once.
  const third = new AbortController();
  const again = pkg.openAnonModal(() => new Promise(() => {}), {}, { signal: third.signal });
  third.abort();
  await assert.rejects(again, { name: "AbortError" });
  await assert.rejects(pkg.openAnonModal(create, { zIndex: "high" }), code("INVALID_OPTION"));
});

test("a binding's destroy() while its modal is being opened: no mount, no error, nothing pending", async () => {
  const { opener } = await import(path.join(path.dirname(require.resolve("anon-modal")), "opener.js"));
  let state;
  const { open, destroy } = opener(() => ({}), (next) => (state = next), () => true);
  const create = server({ url: URL_, expires_at: fresh() });
  const opening = open(create);
  assert.equal(state.pending, true);
  destroy();
  const before = mounts;
  assert.equal(await opening, null);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(mounts, before, "not mounted when the URL arrived");
  assert.deepEqual(state, { modal: null, pending: false, error: null });
  // A server call that fails after the cancel is no error of the component's.
  const failing = async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    throw new Error("HTTP 500");
  };
  const failed = open(failing);
  destroy();
  assert.equal(await failed, null);
  assert.equal(state.error, null);
});

test("the flight lasts until the server answers, even when the wasm fails to load first", async () => {
  const fresh_ = await import(`${require.resolve("anon-modal")}?copy=${Math.random()}`);
  const slow = server({ url: URL_, expires_at: fresh() });
  const first = fresh_.openAnonModal(slow);
  // init() with no bytes fetches a file: URL, which Node refuses at once.
  await assert.rejects(first, code("INIT_FAILED"));
  assert.equal(slow.calls.count, 1, "the server call was over when the flight ended");
});

test("a binding whose options getter throws: open() resolves null with the error, never throws", async () => {
  const { opener } = await import(path.join(path.dirname(require.resolve("anon-modal")), "opener.js"));
  let state;
  const broken = new Error("options getter");
  const { open } = opener(() => {
    throw broken;
  }, (next) => (state = next), () => true);
  const create = server({ url: URL_, expires_at: fresh() });
  assert.equal(await open(create), null);
  assert.deepEqual(state, { modal: null, pending: false, error: broken });
  assert.equal(create.calls.count, 0);
});
