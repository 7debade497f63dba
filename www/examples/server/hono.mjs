// A webhook endpoint on Hono, here on Node (@hono/node-server); the same app runs on Bun, Deno
// and Workers. Run: ANON_WEBHOOK_SECRET=whsec_... node hono.mjs
import { Hono } from "hono";
import { serve } from "@hono/node-server";
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

/** 413 for a body over the verifier's limit (1 MiB; Anon's events are well under a kilobyte), else 400. */
const statusOf = (error) => (error.code === "PAYLOAD_TOO_LARGE" ? 413 : 400);

/** A signed body that is a JSON object but no event: no `type` (the Testing tab's svix.ping sends {"success": true}). Anything else (no JSON, an array) is refused, kept failed in the dashboard. */
function isNoEvent(text) {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, "")); // read as the verifier reads it
    return typeof value === "object" && value !== null && !Array.isArray(value) && typeof value.type !== "string";
  } catch {
    return false;
  }
}

const app = new Hono();

app.post("/webhooks/anon", async (c) => {
  // Hono's request is a Fetch Request: readBody keeps up to the limit (c.req.text() would read
  // a body of any size).
  let body;
  let event;
  try {
    body = await verifier.readBody(c.req.raw);
    event = verifier.verify(body, c.req.raw.headers);
  } catch (error) {
    if (!isAnonWebhookError(error)) throw error;
    const text = new TextDecoder().decode(body);
    // Signed by your endpoint's sender, but no event: acknowledged, so that it is not sent
    // again. An event this version cannot read is refused (400), to resend once upgraded.
    if (error.code !== "INVALID_PAYLOAD" || !isNoEvent(text)) return c.text(error.code, statusOf(error));
    console.warn(`signed, but no event: ${text}`);
    return c.text("not an event", 202);
  }
  const deliveryId = c.req.header("svix-id") ?? c.req.header("webhook-id");
  if (handled.has(deliveryId)) return c.text("duplicate");
  work(event);
  handled.add(deliveryId);
  return c.text("ok");
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: "127.0.0.1" }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}/webhooks/anon`);
});
