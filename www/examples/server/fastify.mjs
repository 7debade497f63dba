// A webhook endpoint on Fastify. Run: ANON_WEBHOOK_SECRET=whsec_... node fastify.mjs
import Fastify from "fastify";
import { WebhookVerifier, isAnonWebhookError } from "anon-modal/server";

// The endpoint's signing secret, decoded once. During a rotation, pass [oldSecret, newSecret].
const verifier = new WebhookVerifier(process.env.ANON_WEBHOOK_SECRET ?? "");
// Deliveries already handled, by svix-id. Anon retries, so one event may arrive twice. In
// production this is a database table with a unique key on the id, written in the same
// transaction as the work.
const handled = new Set();

function work(event) {
  // Your reaction to the event, e.g. fetch the migration's files when it completes.
  console.log(`handled ${event.type} ${event.data.migration_id}`);
}

/** A signed body that is a JSON object but no event: no `type` (the Testing tab's svix.ping sends {"success": true}). Anything else (no JSON, an array) is refused, kept failed in the dashboard. */
function isNoEvent(text) {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, "")); // read as the verifier reads it
    return typeof value === "object" && value !== null && !Array.isArray(value) && typeof value.type !== "string";
  } catch {
    return false;
  }
}

const app = Fastify();

// A plugin of its own, so that only this route keeps the raw bytes: Fastify's JSON parser
// would parse them before the handler, and the signature is over the bytes. Fastify stops
// reading past the verifier's limit.
app.register(async (scope) => {
  scope.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: verifier.maxBodyBytes }, (req, body, done) => done(null, body));
  scope.setErrorHandler((error, request, reply) => {
    if (error.code !== "FST_ERR_CTP_BODY_TOO_LARGE") throw error;
    reply.code(413).type("text/plain").send("PAYLOAD_TOO_LARGE");
  });
  scope.post("/webhooks/anon", async (request, reply) => {
    // No body, or not Anon's content type: there is nothing to verify.
    if (!Buffer.isBuffer(request.body)) return reply.code(400).type("text/plain").send("expected an application/json body");
    let event;
    try {
      event = verifier.verify(request.body, request.headers);
    } catch (error) {
      if (!isAnonWebhookError(error)) throw error;
      // Signed by your endpoint's sender, but no event: acknowledged, so that it is not sent
      // again. An event this version cannot read is refused (400), to resend once upgraded.
      if (error.code === "INVALID_PAYLOAD" && isNoEvent(request.body.toString())) {
        console.warn(`signed, but no event: ${request.body.toString()}`);
        return reply.code(202).type("text/plain").send("not an event");
      }
      return reply.code(error.code === "PAYLOAD_TOO_LARGE" ? 413 : 400).type("text/plain").send(error.code);
    }
    const deliveryId = request.headers["svix-id"] ?? request.headers["webhook-id"];
    if (handled.has(deliveryId)) return reply.type("text/plain").send("duplicate");
    work(event);
    handled.add(deliveryId);
    return reply.type("text/plain").send("ok");
  });
});

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" });
console.log(`listening on ${address}/webhooks/anon`);
