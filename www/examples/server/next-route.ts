// A webhook endpoint as a Next.js route handler: this file is app/webhooks/anon/route.ts in an
// App Router app, on Next's default Node.js runtime. `next build` loads the module, often where
// the secret is not set, so the key is decoded on the first request, once per server process.
import { WebhookVerifier, isAnonWebhookError, type WebhookEvent } from "anon-modal/server";

let verifier: WebhookVerifier | undefined;
// Deliveries already handled, by svix-id. Anon retries, so one event may arrive twice. In
// production this is a unique key in your database, written with the work.
const handled = new Set<string>();

function work(event: WebhookEvent) {
  // Your reaction to the event, e.g. fetch the migration's files when it completes.
  console.log(`handled ${event.type} ${String(event.data.migration_id)}`);
}

/** A signed body that is a JSON object but no event: no `type` (the Testing tab's svix.ping sends {"success": true}). Anything else (no JSON, an array) is refused, kept failed in the dashboard. */
function isNoEvent(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, "")); // read as the verifier reads it
    return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type !== "string";
  } catch {
    return false;
  }
}

export async function POST(request: Request): Promise<Response> {
  verifier ??= new WebhookVerifier(process.env.ANON_WEBHOOK_SECRET ?? "");
  let body: Uint8Array | undefined;
  let event: WebhookEvent;
  try {
    // The raw bytes as received (never JSON.stringify(await request.json())), read only up to
    // the verifier's limit (Next sets none on a route's body): past it, PAYLOAD_TOO_LARGE.
    body = await verifier.readBody(request);
    event = verifier.verify(body, request.headers);
  } catch (error) {
    if (!isAnonWebhookError(error)) throw error;
    // Signed, but no event: acknowledged, so that it is not sent again. An event this version
    // cannot read is refused (400): it stays failed in the dashboard, to resend after an upgrade.
    const text = new TextDecoder().decode(body);
    if (error.code === "INVALID_PAYLOAD" && isNoEvent(text)) {
      console.warn(`signed, but no event: ${text}`);
      return new Response("not an event", { status: 202 });
    }
    // 413 for a body over the verifier's limit (1 MiB; Anon's events are well under a
    // kilobyte), else 400.
    return new Response(error.code, { status: error.code === "PAYLOAD_TOO_LARGE" ? 413 : 400 });
  }
  const deliveryId = request.headers.get("svix-id") ?? request.headers.get("webhook-id") ?? "";
  if (handled.has(deliveryId)) return new Response("duplicate");
  work(event);
  handled.add(deliveryId);
  return new Response("ok");
}
