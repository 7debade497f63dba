// A webhook endpoint on Node's `http` (Node 20+). Run: ANON_WEBHOOK_SECRET=whsec_... node node.mjs
import http from "node:http";
import { WebhookVerifier, isAnonWebhookError } from "anon-modal/server";

// The endpoint's signing secret, decoded once. During a rotation, pass [oldSecret, newSecret].
const verifier = new WebhookVerifier(process.env.ANON_WEBHOOK_SECRET);
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

const server = http.createServer((req, res) => {
  if (req.method !== "POST" || req.url !== "/webhooks/anon") return res.writeHead(404).end();
  // Keep no more than the verifier reads: past its limit the body is refused at once. The rest is
  // read but not kept, so that the sender gets the answer, for a few seconds at most.
  const chunks = [];
  let size = 0;
  const take = (chunk) => {
    size += chunk.length;
    if (size <= verifier.maxBodyBytes) return chunks.push(chunk);
    chunks.length = 0;
    req.off("data", take).off("end", answer);
    res.writeHead(413, { "content-type": "text/plain" }).end("PAYLOAD_TOO_LARGE");
    const cutOff = setTimeout(() => req.socket.destroy(), 5000).unref();
    req.on("end", () => clearTimeout(cutOff)).resume();
  };
  req.on("data", take);
  req.on("end", answer);
  function answer() {
    // The raw bytes as received: never JSON.stringify(JSON.parse(...)).
    const body = Buffer.concat(chunks);
    let event;
    try {
      event = verifier.verify(body, req.headers);
    } catch (error) {
      if (!isAnonWebhookError(error)) throw error;
      // Signed by your endpoint's sender, but no event: acknowledged, so that it is not sent again.
      // An event this version cannot read is refused like any other (400): it stays failed in
      // the dashboard, to resend once the package is upgraded.
      if (error.code === "INVALID_PAYLOAD" && isNoEvent(body.toString())) {
        console.warn(`signed, but no event: ${body.toString()}`);
        return res.writeHead(202, { "content-type": "text/plain" }).end("not an event");
      }
      return res.writeHead(statusOf(error), { "content-type": "text/plain" }).end(error.code);
    }
    const deliveryId = req.headers["svix-id"] ?? req.headers["webhook-id"];
    if (handled.has(deliveryId)) return res.writeHead(200).end("duplicate");
    work(event);
    handled.add(deliveryId);
    res.writeHead(200).end("ok");
  }
});

server.listen(Number(process.env.PORT ?? 3000), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/anon`);
});
