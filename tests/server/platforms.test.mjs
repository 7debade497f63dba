// The mistakes each serverless platform's defaults lead to, and the fix the error names for it:
// Next.js pages/api routes and Vercel functions (a body parsed, or read, before verify), Google
// Cloud Functions and Firebase (req.rawBody), AWS Lambda (event.body, event.multiValueHeaders).
// Run: node --test tests/server/ (after scripts/build-pkg.sh server)
import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { contractEvent, errorOf, randomSecret, serverJs } from "./helpers.mjs";

const { verifyWebhook, WebhookVerifier, signWebhook } = await import(serverJs);

const secret = randomSecret(32);
const NOW = 1_750_133_013;
const body = contractEvent("migration.completed");
const headers = { "svix-id": "msg_1", "svix-timestamp": String(NOW), "svix-signature": signWebhook(secret, "msg_1", NOW, body) };
const verify = (given, over = headers) => () => verifyWebhook(given, over, secret, { now: NOW });

test("a body a framework parsed names pages/api's bodyParser: false and Cloud Functions' req.rawBody", () => {
  assert.throws(verify(JSON.parse(body)), {
    name: "TypeError",
    message: /; in a Next\.js pages\/api route, export const config = \{ api: \{ bodyParser: false \} \}, then read it as the Node example does; in Google Cloud Functions or Firebase, req\.rawBody\)$/,
  });
});

test("a body already read (a pages/api route or a Vercel function) is said to be empty, with the fix", () => {
  for (const empty of ["", Buffer.alloc(0)]) {
    const error = errorOf(verify(empty));
    assert.equal(error.code, "INVALID_SIGNATURE");
    assert.match(error.message, /^No signature matches the body, which is empty: the request had none, or something read it before it was verified/);
    assert.match(error.message, /pages\/api route, export const config = \{ api: \{ bodyParser: false \} \}; in a Vercel function, read it with req\.on\("data"\)/);
  }
  // A body that is not empty keeps the general message.
  assert.doesNotMatch(errorOf(verify(body + " ")).message, /which is empty/);
});

test("readBody given Node's request names pages/api's bodyParser: false", async () => {
  const request = Object.assign(Readable.from([body]), { headers: { ...headers } });
  await assert.rejects(new WebhookVerifier(secret).readBody(request), {
    name: "TypeError",
    message: /in Node's http or Express, read the raw body as the examples do \(in a Next\.js pages\/api route, export const config = \{ api: \{ bodyParser: false \} \} first\)$/,
  });
});

test("AWS Lambda: a null body names event.body, missing headers event.multiValueHeaders", () => {
  assert.throws(verify(null), { name: "TypeError", message: /; in AWS Lambda, event\.body, null when the request had none, decoded when event\.isBase64Encoded\)$/ });
  // An ALB with multi-value headers on leaves event.headers undefined.
  assert.throws(() => verifyWebhook(body, undefined, secret, { now: NOW }), {
    name: "TypeError",
    message: /not undefined; in AWS Lambda, event\.headers, or event\.multiValueHeaders behind an ALB with multi-value headers$/,
  });
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  assert.equal(verify(body, multiValueHeaders)().type, "migration.completed");
});
