// A webhook endpoint on Koa. Run: ANON_WEBHOOK_SECRET=whsec_... node koa.mjs
import Koa from "koa";
import getRawBody from "raw-body";
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

/** Answers `status` with `text`. */
function answer(ctx, status, text) {
  ctx.status = status;
  ctx.type = "text/plain";
  ctx.body = text;
}

const app = new Koa();

app.use(async (ctx) => {
  if (ctx.method !== "POST" || ctx.path !== "/webhooks/anon") return answer(ctx, 404, "not found");
  // The raw bytes, read up to the verifier's limit (a body parser would parse them first).
  let body;
  try {
    body = await getRawBody(ctx.req, { limit: verifier.maxBodyBytes });
  } catch (error) {
    if (error.type !== "entity.too.large") throw error;
    return answer(ctx, 413, "PAYLOAD_TOO_LARGE");
  }
  let event;
  try {
    // ctx.headers, not ctx: ctx.get answers "" for a header the request lacks, which would
    // hide a sender's webhook-* names behind the absent svix-* ones.
    event = verifier.verify(body, ctx.headers);
  } catch (error) {
    if (!isAnonWebhookError(error)) throw error;
    // Signed by your endpoint's sender, but no event: acknowledged, so that it is not sent
    // again. An event this version cannot read is refused (400), to resend once upgraded.
    if (error.code === "INVALID_PAYLOAD" && isNoEvent(body.toString())) {
      console.warn(`signed, but no event: ${body.toString()}`);
      return answer(ctx, 202, "not an event");
    }
    return answer(ctx, error.code === "PAYLOAD_TOO_LARGE" ? 413 : 400, error.code);
  }
  const deliveryId = ctx.headers["svix-id"] ?? ctx.headers["webhook-id"];
  if (handled.has(deliveryId)) return answer(ctx, 200, "duplicate");
  work(event);
  handled.add(deliveryId);
  answer(ctx, 200, "ok");
});

const server = app.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/anon`);
});
