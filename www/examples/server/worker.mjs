// A webhook endpoint as a Cloudflare Worker (workerd). wrangler picks the package's `workerd`
// build, which imports the .wasm as a module. The secret is a binding:
//   wrangler secret put ANON_WEBHOOK_SECRET
import { WebhookVerifier, isAnonWebhookError } from "anon-modal/server";

let verifier;
// Deliveries already handled, by svix-id. Anon retries, so one event may arrive twice. An
// isolate's memory is neither shared nor kept: in production this is a unique key in D1 (or a
// Durable Object), written with the work.
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

export default {
  async fetch(req, env) {
    if (req.method !== "POST" || new URL(req.url).pathname !== "/webhooks/anon") return new Response(null, { status: 404 });
    // The secret decoded once per isolate.
    verifier ??= new WebhookVerifier(env.ANON_WEBHOOK_SECRET);
    let body;
    let event;
    try {
      // The raw bytes as received (never JSON.stringify(await req.json())), read only up to the
      // verifier's limit: past it, PAYLOAD_TOO_LARGE (413), and no more of it kept.
      body = await verifier.readBody(req);
      event = verifier.verify(body, req.headers);
    } catch (error) {
      if (!isAnonWebhookError(error)) throw error;
      // Signed by your endpoint's sender, but no event: acknowledged, so that it is not sent again.
      // An event this version cannot read is refused like any other (400): it stays failed in
      // the dashboard, to resend once the package is upgraded.
      if (error.code === "INVALID_PAYLOAD" && isNoEvent(new TextDecoder().decode(body))) {
        console.warn(`signed, but no event: ${new TextDecoder().decode(body)}`);
        return new Response("not an event", { status: 202 });
      }
      return new Response(error.code, { status: statusOf(error) });
    }
    const deliveryId = req.headers.get("svix-id") ?? req.headers.get("webhook-id");
    if (handled.has(deliveryId)) return new Response("duplicate");
    work(event);
    handled.add(deliveryId);
    return new Response("ok");
  },
};
