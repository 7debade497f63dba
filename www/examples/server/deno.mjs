// A webhook endpoint on Deno.serve. Run, in an app whose package.json depends on anon-modal:
//   ANON_WEBHOOK_SECRET=whsec_... deno run --allow-net --allow-env --allow-read deno.mjs
// (or import from "npm:anon-modal/server").
import { WebhookVerifier, isAnonWebhookError } from "anon-modal/server";

// The endpoint's signing secret, decoded once. During a rotation, pass [oldSecret, newSecret].
const verifier = new WebhookVerifier(Deno.env.get("ANON_WEBHOOK_SECRET"));
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

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 3000),
    onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}/webhooks/anon`),
  },
  async (req) => {
    if (req.method !== "POST" || new URL(req.url).pathname !== "/webhooks/anon") return new Response(null, { status: 404 });
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
);
