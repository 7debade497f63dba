/** @jest-environment node */
// anon-modal/server in a CommonJS project's Jest, in the node environment (jsdom's has no
// TextDecoder): a signed delivery verifies, and its body changed does not.
const { WebhookVerifier, signWebhook } = require("anon-modal/server");

test("a signed delivery verifies, and a changed one is refused", () => {
  const secret = "whsec_" + Buffer.from("a jest test's webhook secret").toString("base64");
  const body = JSON.stringify({ type: "migration.completed", created: "2025-06-17T04:03:33Z", data: { object: { id: "mig_1" } } });
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = { "svix-id": "msg_1", "svix-timestamp": String(timestamp), "svix-signature": signWebhook(secret, "msg_1", timestamp, body) };
  const verifier = new WebhookVerifier(secret);
  expect(verifier.verifySignature(body, headers)).toBeUndefined();
  expect(() => verifier.verifySignature(body.replace("mig_1", "mig_2"), headers)).toThrow(expect.objectContaining({ code: "INVALID_SIGNATURE" }));
});
