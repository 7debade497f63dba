// A body in shared memory (a SharedArrayBuffer, or a view of one) can change under another
// thread while it is verified: the event `verify` returns must be the bytes it verified.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { serverJs } from "./helpers.mjs";

const { WebhookVerifier, signWebhook } = await import(serverJs);

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW = 1750133013;

test("a body in shared memory that another thread rewrites: only what was signed comes back", async () => {
  const body = '{"id":"evt_1","object":"event","created":"2025-06-18T00:50:40.301173","type":"x.y","data":{"amount":1}}';
  const headers = { "svix-id": "msg_1", "svix-timestamp": String(NOW), "svix-signature": signWebhook(secret, "msg_1", NOW, body) };
  const encoded = new TextEncoder().encode(body);
  const shared = new SharedArrayBuffer(encoded.length);
  new Uint8Array(shared).set(encoded);
  const digit = body.indexOf('"amount":1') + '"amount":'.length;
  // The other thread flips the amount between 1 (signed) and 9 (never signed), without end.
  const writer = new Worker(
    `const { workerData: { shared, digit } } = require("node:worker_threads");
    const bytes = new Uint8Array(shared);
    for (;;) { Atomics.store(bytes, digit, 57); Atomics.store(bytes, digit, 49); }`,
    { eval: true, workerData: { shared, digit } },
  );
  try {
    await new Promise((resolve) => writer.once("online", resolve));
    const verifier = new WebhookVerifier(secret);
    const returned = new Map();
    for (const given of [shared, new Uint8Array(shared), Buffer.from(shared), new DataView(shared)]) {
      for (let i = 0; i < 5_000; i++) {
        let amount = "refused";
        try {
          amount = verifier.verify(given, headers, { now: NOW }).data.amount;
        } catch (error) {
          assert.equal(error.code, "INVALID_SIGNATURE", "a body changed before it was verified is refused");
        }
        returned.set(amount, (returned.get(amount) ?? 0) + 1);
      }
    }
    assert.equal(returned.get(9), undefined, `events returned, by amount: ${JSON.stringify([...returned])}`);
    assert.ok(returned.get(1) > 0, "the signed event is returned");
  } finally {
    await writer.terminate();
  }
});

test("a body in shared memory over the limit is refused before it is copied, or any header read", () => {
  const shared = new SharedArrayBuffer((1 << 20) + 1);
  let headersRead = false;
  const headers = new Proxy({}, { get: () => ((headersRead = true), undefined), ownKeys: () => ((headersRead = true), []) });
  for (const given of [shared, new Uint8Array(shared), new DataView(shared)]) {
    assert.throws(() => new WebhookVerifier(secret).verify(given, headers), { code: "PAYLOAD_TOO_LARGE" });
  }
  assert.equal(headersRead, false);
});
