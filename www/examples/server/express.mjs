// A webhook endpoint on Express. Run: ANON_WEBHOOK_SECRET=whsec_... node express.mjs
import express from "express";
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

const app = express();

// The raw bytes as received, for this route only: express.json() would parse them, and
// express.raw() alone reads only application/octet-stream, where Anon sends application/json.
// Express stops reading past the verifier's limit (its own default is 100 kB).
const rawBody = express.raw({ type: "application/json", limit: verifier.maxBodyBytes });

app.post("/webhooks/anon", rawBody, (req, res) => {
  // No body, or not Anon's content type: express.raw read nothing, so there is nothing to verify.
  if (!Buffer.isBuffer(req.body)) return res.status(400).type("text").send("expected an application/json body");
  let event;
  try {
    event = verifier.verify(req.body, req.headers);
  } catch (error) {
    if (!isAnonWebhookError(error)) throw error;
    // Signed by your endpoint's sender, but no event: acknowledged, so that it is not sent again.
    // An event this version cannot read is refused like any other (400): it stays failed in
    // the dashboard, to resend once the package is upgraded.
    if (error.code === "INVALID_PAYLOAD" && isNoEvent(req.body.toString())) {
      console.warn(`signed, but no event: ${req.body.toString()}`);
      return res.status(202).type("text").send("not an event");
    }
    return res.status(error.code === "PAYLOAD_TOO_LARGE" ? 413 : 400).type("text").send(error.code);
  }
  const deliveryId = req.get("svix-id") ?? req.get("webhook-id");
  if (handled.has(deliveryId)) return res.type("text").send("duplicate");
  work(event);
  handled.add(deliveryId);
  res.type("text").send("ok");
});

// A body over the limit, refused by express.raw before the route runs.
app.use((error, req, res, next) => {
  if (error.type !== "entity.too.large") return next(error);
  res.status(413).type("text").send("PAYLOAD_TOO_LARGE");
});

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/anon`);
});
