// A webhook endpoint as a Cloudflare Worker (workerd). wrangler picks the package's `workerd`
// build, which imports the .wasm as a module. The secret is a binding:
//   wrangler secret put WEBHOOK_SECRET
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

export default {
  async fetch(req, env) {
    if (req.method !== "POST" || new URL(req.url).pathname !== "/webhooks/anon") return new Response(null, { status: 404 });
    // The secret decoded once per isolate.
    verifier ??= new WebhookVerifier(env.WEBHOOK_SECRET);
    // The raw bytes as received: never JSON.stringify(await req.json()).
    const body = await req.arrayBuffer();
    let event;
    try {
      event = verifier.verify(body, req.headers);
    } catch (error) {
      if (!isAnonWebhookError(error)) throw error;
      if (error.code === "INVALID_PAYLOAD") {
      // Signed, so it came from your endpoint's sender, but no Anon event: the Testing tab's
      // svix.ping ({"success": true}), or an envelope this version cannot read. A retry would
      // not change it: acknowledge it, and keep it (here, in the log).
        console.warn(`signed, but no Anon event: ${new TextDecoder().decode(body)}`);
        return new Response("not an Anon event", { status: 202 });
      }
      return new Response(error.code, { status: 400 });
    }
    const deliveryId = req.headers.get("svix-id") ?? req.headers.get("webhook-id");
    if (handled.has(deliveryId)) return new Response("duplicate");
    work(event);
    handled.add(deliveryId);
    return new Response("ok");
  },
};
