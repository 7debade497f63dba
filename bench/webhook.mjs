// Verifying a 2 KB Anon delivery in Node: anon-modal/server's WebhookVerifier (the secret
// decoded once) against the reference `standardwebhooks` library's `new Webhook(secret).verify`,
// interleaved in one process, median time per call over many rounds. Both return the parsed
// event. A benchmark that prints figures, not a test.
// Run: make bench (or node bench/webhook.mjs after scripts/build-pkg.sh server and npm ci in
// tests/server, where the reference library is pinned).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { WebhookVerifier, signWebhook } = await import(path.join(root, "pkg/server.js"));
const { Webhook } = createRequire(path.join(root, "tests/server/package.json"))("standardwebhooks");

const ROUNDS = Number(process.env.ROUNDS ?? 41);
const CALLS = Number(process.env.CALLS ?? 2000);

// A contract-shaped migration.failed event padded to 2 KB with a long error message.
function delivery() {
  const event = {
    id: "evt_01HX4J1SQ93Y9F6VBQ4JPZW66S",
    object: "event",
    created: "2025-06-18T00:50:40.301173",
    type: "migration.failed",
    data: {
      migration_id: "mig_01HX4J3SQ4QZZ9V9JMP8J2V7KZ",
      object: {
        company_id: "f7b2d4e9-3c8a-4f1b-9e6d-2a5c8b7f3e91",
        created: "2025-06-18T04:06:42.453452",
        id: "mig_01HX4J3SQ4QZZ9V9JMP8J2V7KZ",
        created_by_user_id: "usr_01HX4J1SQ93Y9F6VBQ4JPZW66S",
        object: "migration",
        status: "FAILED",
      },
      error_message: "",
    },
  };
  const base = JSON.stringify(event).length;
  event.data.error_message = "The source system refused the login; ".repeat(60).slice(0, 2048 - base);
  return JSON.stringify(event);
}

const body = delivery();
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const id = "msg_2ycTlwDkllobhXwGILmiziO9xnz";
const timestamp = Math.floor(Date.now() / 1000);
const signature = signWebhook(secret, id, timestamp, body);
const svixHeaders = { "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": signature };
const standardHeaders = { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature };

const ours = new WebhookVerifier(secret);
const reference = new Webhook(secret);
const contenders = {
  "anon-modal/server WebhookVerifier.verify": () => ours.verify(body, svixHeaders),
  "standardwebhooks Webhook.verify": () => reference.verify(body, standardHeaders),
};

// Both must accept the delivery and return the same event before anything is timed.
const [a, b] = Object.values(contenders).map((fn) => fn());
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("the two verifiers returned different events");

const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < ROUNDS + 3; round++) {
  // Alternate which goes first, so neither always runs on a warmer or colder machine.
  const order = round % 2 ? Object.keys(contenders).reverse() : Object.keys(contenders);
  for (const name of order) {
    const fn = contenders[name];
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) fn();
    const perCall = Number(process.hrtime.bigint() - start) / CALLS;
    if (round >= 3) samples[name].push(perCall); // the first rounds warm the JIT up
  }
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const [oursName, theirsName] = Object.keys(contenders);
const oursMedian = median(samples[oursName]);
const theirsMedian = median(samples[theirsName]);
console.log(`Verifying a ${Buffer.byteLength(body)} B delivery, Node ${process.version}, median of ${ROUNDS} rounds of ${CALLS} calls:`);
console.log(`  ${oursName.padEnd(42)} ${(oursMedian / 1000).toFixed(2).padStart(7)} µs/call`);
console.log(`  ${theirsName.padEnd(42)} ${(theirsMedian / 1000).toFixed(2).padStart(7)} µs/call`);
console.log(`  ratio (standardwebhooks / ours): ${(theirsMedian / oursMedian).toFixed(2)}x ${oursMedian <= theirsMedian ? "(ours is at least as fast)" : "(ours is slower)"}`);
