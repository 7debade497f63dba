// The webhook checks through the Node build (pkg-node/, built by scripts/build-pkg.sh --node).
// Run: node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { verifyWebhook, signWebhook } = require("../../pkg-node/anon_modal.js");

const JS = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  ts: 1614265330,
  body: '{"test": 2432232314}',
  sig: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const RS = {
  secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
  id: "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
  ts: 1649367553,
  body: '{"email":"test@example.com","username":"test_user"}',
  sig: "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
};

const headers = (v, over = {}) => ({
  "svix-id": v.id, "svix-timestamp": String(v.ts), "svix-signature": v.sig, ...over,
});

function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.equal(e.name, "AnonWebhookError");
    assert.ok(e instanceof Error);
    return e.code;
  }
  assert.fail("expected an AnonWebhookError");
}

const event = (type, extra = {}) => JSON.stringify({
  id: "evt_1", object: "event", created: "2025-06-18T04:06:42.453452", type,
  data: { migration_id: "mig_1", object: "migration", ...extra },
});

test("svix vectors sign as published", () => {
  assert.equal(signWebhook(JS.secret, JS.id, JS.ts, JS.body), JS.sig);
  assert.equal(signWebhook(RS.secret, RS.id, RS.ts, RS.body), RS.sig);
});

test("the vectors' bodies are not Anon events, so verification stops at the payload", () => {
  assert.equal(code(() => verifyWebhook(JS.body, headers(JS), JS.secret, JS.ts)), "INVALID_PAYLOAD");
  assert.equal(code(() => verifyWebhook(RS.body, headers(RS), RS.secret, RS.ts)), "INVALID_PAYLOAD");
  const tampered = { ...JS, sig: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=" };
  assert.equal(code(() => verifyWebhook(JS.body, headers(tampered), JS.secret, JS.ts)), "INVALID_SIGNATURE");
});

test("a signed Anon event verifies and comes back typed", () => {
  const body = event("migration.failed", { error_message: "token revoked" });
  const sig = signWebhook(JS.secret, "msg_1", 1_700_000_000, body);
  const parsed = verifyWebhook(body, { "svix-id": "msg_1", "svix-timestamp": "1700000000", "svix-signature": sig }, JS.secret, 1_700_000_000);
  assert.equal(parsed.type, "migration.failed");
  assert.equal(parsed.data.error_message, "token revoked");
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype, "a plain object");
  // Buffers, Fetch Headers and webhook-* aliases work too.
  const h = new Headers({ "webhook-id": "msg_1", "webhook-timestamp": "1700000000", "webhook-signature": sig });
  assert.equal(verifyWebhook(Buffer.from(body), h, JS.secret, 1_700_000_000).id, "evt_1");
});

test("tampered body, id, timestamp, secret and signature fail", () => {
  const body = event("migration.completed");
  const now = 1_700_000_000;
  const sig = signWebhook(JS.secret, "msg_1", now, body);
  const h = { "svix-id": "msg_1", "svix-timestamp": String(now), "svix-signature": sig };
  assert.equal(verifyWebhook(body, h, JS.secret, now).type, "migration.completed");
  assert.equal(code(() => verifyWebhook(body.replace("mig_1", "mig_2"), h, JS.secret, now)), "INVALID_SIGNATURE");
  assert.equal(code(() => verifyWebhook(JSON.stringify(JSON.parse(body), null, 1), h, JS.secret, now)), "INVALID_SIGNATURE");
  assert.equal(code(() => verifyWebhook(body, { ...h, "svix-id": "msg_2" }, JS.secret, now)), "INVALID_SIGNATURE");
  assert.equal(code(() => verifyWebhook(body, { ...h, "svix-timestamp": String(now + 1) }, JS.secret, now)), "INVALID_SIGNATURE");
  assert.equal(code(() => verifyWebhook(body, h, RS.secret, now)), "INVALID_SIGNATURE");
  assert.equal(code(() => verifyWebhook(body, h, "", now)), "INVALID_SECRET");
  assert.equal(code(() => verifyWebhook(body, { ...h, "svix-signature": "v2," + sig.slice(3) }, JS.secret, now)), "INVALID_SIGNATURE");
  assert.equal(verifyWebhook(body, { ...h, "svix-signature": `v1a,xx v1,bm9wZQ== ${sig}` }, JS.secret, now).id, "evt_1");
});

test("tolerance edges and extreme timestamps", () => {
  const body = event("migration.started");
  const t = 1_700_000_000;
  const h = { "svix-id": "m", "svix-timestamp": String(t), "svix-signature": signWebhook(JS.secret, "m", t, body) };
  assert.equal(verifyWebhook(body, h, JS.secret, t + 300).type, "migration.started");
  assert.equal(verifyWebhook(body, h, JS.secret, t - 300).type, "migration.started");
  assert.equal(code(() => verifyWebhook(body, h, JS.secret, t + 301)), "TIMESTAMP_TOO_OLD");
  assert.equal(code(() => verifyWebhook(body, h, JS.secret, t - 301)), "TIMESTAMP_TOO_NEW");
  for (const ts of ["-9223372036854775808", "99999999999999999999", "1e9", "", "abc"]) {
    assert.equal(code(() => verifyWebhook(body, { ...h, "svix-timestamp": ts }, JS.secret, t)), "INVALID_TIMESTAMP", ts);
  }
  assert.equal(code(() => verifyWebhook(body, { "svix-id": "m" }, JS.secret, t)), "MISSING_HEADER");
  assert.equal(code(() => signWebhook(JS.secret, "m", 1.5, body)), "INVALID_TIMESTAMP");
});
