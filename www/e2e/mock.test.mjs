// The mock platform against Anon's own examples (tests/fixtures): every object it sends has the
// fixture's keys with the same value types, ids and timestamps in the documents' formats, and
// webhooks carry the seven headers of Anon's webhooks page. No browser needed.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import { startMock, svixSignature, DEFAULT_API_KEY } from "../mock/server.mjs";

const fixture = (name) => JSON.parse(fs.readFileSync(new URL(`../../tests/fixtures/${name}.json`, import.meta.url), "utf8"));
const CREATE = fixture("create-modal-response");
const FILE = fixture("file");
const MIGRATION = fixture("migration");
const EVENT = fixture("event");

// Formats, each checked against the documents' own example before the mock's value.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const NAIVE_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;
const ulid = (prefix) => new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);
const FILE_TYPE = /^[A-Z][A-Za-z]*-EntityType-[A-Z][A-Za-z]*$/;
// The webhooks page's examples of each header.
const HEADER_EXAMPLES = {
  "svix-id": ["msg_2ycTlwDkllobhXwGILmiziO9xnz", /^msg_[0-9A-Za-z]{27}$/],
  "svix-signature": ["v1,cWXqN0eZ2edTtYgF+LfDDmNLgNOiSVx+OOq9WU3MDkw=", /^v1,[A-Za-z0-9+/]{43}=$/],
  "svix-timestamp": ["1750133013", /^\d{10}$/],
  "user-agent": ["Svix-Webhooks/1.66.0 (sender-9YMgn; +https://www.svix.com/http-sender/)", /^Svix-Webhooks\/1\.66\.0 \(sender-\w+; \+https:\/\/www\.svix\.com\/http-sender\/\)$/],
};

function format(value, regex, what) {
  assert.match(value, regex, what);
}
const typeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
/** Same keys, in the same order, with the same value types as the documents' example. */
function sameShape(actual, example, what) {
  assert.deepEqual(Object.keys(actual), Object.keys(example), `${what}: the keys of Anon's example`);
  for (const key of Object.keys(example)) assert.equal(typeOf(actual[key]), typeOf(example[key]), `${what}.${key}: a ${typeOf(example[key])}`);
}

/** A webhook endpoint that records each request's headers and body; answers `status(n)`. */
async function receiver(status = () => 200) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    requests.push({ at: Date.now(), headers: req.headers, rawNames: req.rawHeaders.filter((_, i) => i % 2 === 0), body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(status(requests.length));
    res.end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/webhooks`, requests, close: () => new Promise((r) => server.close(r)) };
}

// A signed URL with the first character of its signature changed (to another character: a
// signature may well start with "A").
const tampered = (url) => url.replace(/sig=(.)/, (_, c) => `sig=${c === "A" ? "B" : "A"}`);
const api = (mock, path, init = {}) => fetch(mock.url + path, { ...init, headers: { authorization: `Bearer ${DEFAULT_API_KEY}`, ...init.headers } });
async function createModal(mock, user = "user_42") {
  const res = await api(mock, "/api/v1/migration-modal", { method: "POST", body: JSON.stringify({ user_id: user, source_provider: "gusto" }) });
  assert.equal(res.status, 200);
  return res.json();
}

test("Svix's signature: the known answer of the Standard Webhooks specification", () => {
  assert.equal(
    svixSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'),
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  );
});

test("the create-modal response has the documents' shape and formats", async () => {
  const mock = await startMock({ port: 0 });
  try {
    const body = await createModal(mock);
    sameShape(body, CREATE, "create-modal response");
    assert.equal(body.object, CREATE.object);
    for (const [value, example] of [[body.id, CREATE.id]]) { format(example, UUID); format(value, UUID, "id"); }
    for (const key of ["created", "expires_at"]) { format(CREATE[key], ISO_Z); format(body[key], ISO_Z, key); }
    // The quickstart shows a UUID, the webhooks page mig_<ULID>; one migration keeps one id,
    // and it is the webhooks' form, which the events and the files carry too.
    format(MIGRATION.id, ulid("mig"));
    format(body.migration_id, ulid("mig"), "migration_id");
    assert.ok(new URL(body.url).pathname.startsWith(`/modal/${body.id}`));
    assert.ok(Date.parse(body.expires_at) > Date.parse(body.created));
    // source_provider is optional (Anon's reference says so); one the reference does not list is
    // refused (its status is the mock's choice).
    const create = (body) => api(mock, "/api/v1/migration-modal", { method: "POST", body: JSON.stringify(body) });
    assert.equal((await create({ user_id: "user_42" })).status, 200);
    assert.equal((await create({ user_id: "user_42", source_provider: "quickbooks" })).status, 200);
    assert.equal((await create({ user_id: "user_42", source_provider: "salesforce" })).status, 400);
  } finally {
    await mock.close();
  }
});

test("webhooks: the envelope, the migration object, the task object, and Svix's seven headers", async () => {
  const hook = await receiver();
  const mock = await startMock({ port: 0, stepMs: 10, webhookUrl: hook.url });
  try {
    const modals = { complete: await createModal(mock, "user_a"), partial: await createModal(mock, "user_b"), fail: await createModal(mock, "user_a") };
    for (const [outcome, modal] of Object.entries(modals)) await mock.finish(modal.id, outcome);
    const events = hook.requests.map((r) => JSON.parse(r.body));
    const of = (modal) => events.filter((e) => e.data.migration_id === modal.migration_id).map((e) => [e.type, e.data.object.status]);
    assert.deepEqual(of(modals.complete), [["migration.created", "NOT_STARTED"], ["migration.started", "WORKING"], ["migration.completed", "COMPLETE"]]);
    assert.deepEqual(of(modals.partial), [["migration.created", "NOT_STARTED"], ["migration.started", "WORKING"], ["migration_task.failed", "FAILED"], ["migration.completed", "COMPLETED_WITH_FAILURES"]]);
    assert.deepEqual(of(modals.fail), [["migration.created", "NOT_STARTED"], ["migration.started", "WORKING"], ["migration_task.failed", "FAILED"], ["migration.failed", "FAILED"]]);

    format(EVENT.id, ulid("evt"));
    format(EVENT.created, NAIVE_MICROS);
    format(MIGRATION.created_by_user_id, ulid("usr"));
    format(MIGRATION.company_id, UUID);
    const companies = new Set();
    const users = new Map();
    for (const [i, request] of hook.requests.entries()) {
      const event = events[i];
      const what = `${event.type} #${i}`;
      // The body is the envelope, error_message only on *.failed.
      const failed = event.type.endsWith(".failed");
      const { error_message: _, ...data } = EVENT.data;
      sameShape(event, EVENT, what);
      sameShape(event.data, failed ? EVENT.data : data, `${what} data`);
      format(event.id, ulid("evt"), `${what} id`);
      format(event.created, NAIVE_MICROS, `${what} created`);
      assert.equal(event.object, "event");
      if (event.type.startsWith("migration.")) {
        sameShape(event.data.object, MIGRATION, `${what} data.object`);
        const m = event.data.object;
        assert.equal(m.id, event.data.migration_id, "one id for the migration");
        format(m.created, NAIVE_MICROS);
        format(m.created_by_user_id, ulid("usr"));
        format(m.company_id, UUID);
        companies.add(m.company_id);
        users.set(m.id, m.created_by_user_id);
      } else {
        // Undocumented: a task object, sent whole.
        const task = event.data.object;
        assert.equal(task.object, "migration_task");
        assert.equal(task.migration_id, event.data.migration_id);
        assert.equal(task.status, "FAILED");
        assert.equal(typeof task.error_message, "string");
        assert.deepEqual(task, mock.state.tasks.get(task.id));
      }
      // Exactly the seven headers of the webhooks page (plus host and connection, HTTP's own).
      assert.deepEqual(request.rawNames.filter((n) => !["host", "connection"].includes(n.toLowerCase())).map((n) => n.toLowerCase()).sort(),
        ["accept", "content-length", "content-type", "svix-id", "svix-signature", "svix-timestamp", "user-agent"]);
      assert.equal(request.headers["content-type"], "application/json");
      assert.equal(Number(request.headers["content-length"]), Buffer.byteLength(request.body));
      for (const [name, [example, regex]] of Object.entries(HEADER_EXAMPLES)) { format(example, regex); format(request.headers[name], regex, name); }
      assert.ok(Math.abs(Number(request.headers["svix-timestamp"]) - Date.now() / 1000) < 60);
      assert.equal(request.headers["svix-signature"], svixSignature(mock.webhookSecret, request.headers["svix-id"], request.headers["svix-timestamp"], request.body));
      // The signed bytes are not what a body parser's round trip gives back.
      assert.notEqual(JSON.stringify(JSON.parse(request.body)), request.body);
    }
    assert.equal(companies.size, 1, "one company: the API key's organization");
    assert.equal(users.get(modals.complete.migration_id), users.get(modals.fail.migration_id), "one user id per end user");
    assert.notEqual(users.get(modals.complete.migration_id), users.get(modals.partial.migration_id));
    assert.equal(new Set(hook.requests.map((r) => r.headers["svix-id"])).size, hook.requests.length, "a svix-id per message");
  } finally {
    await mock.close();
    await hook.close();
  }
});

test("a migration run over HTTP as the modal page does (204, no body), or by finish(), which names a wrong modal or outcome", async () => {
  const mock = await startMock({ port: 0, stepMs: 10 });
  try {
    const modal = await createModal(mock);
    const res = await fetch(`${mock.url}/modal/${modal.id}/finish`, { method: "POST", body: JSON.stringify({ outcome: "partial" }) });
    assert.equal(res.status, 204, "no body for the page to leave unread");
    const files = async () => (await (await api(mock, `/api/v1/files?migration_id=${modal.migration_id}`)).json()).data.length;
    for (let i = 0; i < 200 && (await files()) < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await files(), 2, "the partial outcome's files");
    await assert.rejects(mock.finish("nope"), { message: "finish: no modal nope (the create-modal response's id)" });
    await assert.rejects(mock.finish(modal.id, "done"), { message: 'finish: the outcome is "complete", "partial", "fail", not "done"' });
  } finally {
    await mock.close();
  }
});

test("the Files API: the documents' file object, types that say what a file holds, downloads of `size` bytes", async () => {
  const mock = await startMock({ port: 0, stepMs: 10 });
  try {
    const modal = await createModal(mock);
    await mock.finish(modal.id, "complete");
    const res = await api(mock, `/api/v1/files?migration_id=${modal.migration_id}`);
    assert.equal(res.status, 200);
    const list = await res.json();
    assert.equal(list.data.length, 3);
    format(FILE.type, FILE_TYPE);
    format(FILE.id, UUID);
    format(FILE.created, ISO_Z);
    for (const file of list.data) {
      sameShape(file, FILE, `file ${file.name}`);
      assert.equal(file.object, "file");
      format(file.id, UUID, "file id");
      format(file.created, ISO_Z, "file created");
      format(file.type, FILE_TYPE, "file type");
      assert.equal(file.migration_id, modal.migration_id, "one id for the migration");
      const one = await (await api(mock, `/api/v1/files/${file.id}`)).json();
      assert.deepEqual(one, file);
      const download = await fetch(file.url);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get("content-type"), file.content_type);
      assert.equal((await download.arrayBuffer()).byteLength, file.size);
    }
    assert.deepEqual(list.data.map((f) => f.type), ["CompanyInfo-EntityType-Screenshot", "Contacts-EntityType-Raw", "Contacts-EntityType-Json"]);
    assert.ok(!list.data.some((f) => /bronze|silver|gold/i.test(f.type)), "a type, not a layer");
    // A download link is signed: altered, it is refused.
    assert.equal((await fetch(tampered(list.data[0].url))).status, 404);
    assert.equal((await fetch(`${mock.url}/api/v1/files?migration_id=${modal.migration_id}`)).status, 401, "the API wants the key");
  } finally {
    await mock.close();
  }
});

test("deliveries: a 5xx is retried once after a back-off, any 2xx acknowledges, a replay keeps the svix-id", async () => {
  const hook = await receiver((n) => (n === 1 ? 500 : 204));
  const mock = await startMock({ port: 0, retryBaseMs: 100, webhookUrl: hook.url });
  try {
    await createModal(mock);
    await mock.settled();
    const [record] = mock.state.deliveries;
    assert.deepEqual(record.attempts, [500, 204]);
    assert.equal(hook.requests.length, 2);
    assert.ok(hook.requests[1].at - hook.requests[0].at >= 100, "backed off");
    assert.equal(hook.requests[0].headers["svix-id"], hook.requests[1].headers["svix-id"], "the same message");
    assert.equal(hook.requests[0].body, hook.requests[1].body);
    await mock.redeliver(record.id);
    assert.deepEqual(record.attempts, [500, 204, 204]);
    assert.equal(hook.requests[2].headers["svix-id"], record.id);
  } finally {
    await mock.close();
    await hook.close();
  }
  // An endpoint that never acknowledges gets exactly two attempts.
  const down = await receiver(() => 503);
  const again = await startMock({ port: 0, retryBaseMs: 10, webhookUrl: down.url });
  try {
    await createModal(again);
    await again.settled();
    assert.deepEqual(again.state.deliveries[0].attempts, [503, 503]);
  } finally {
    await again.close();
    await down.close();
  }
});

test("deliveries: a failed one is retried on its own while later ones go on, so a later event can arrive first", async () => {
  // The app's first answer to migration.started is a 500; Svix retries it after the back-off,
  // by which time migration.completed has been sent and acknowledged.
  const eventType = (request) => JSON.parse(request.body).type;
  let failed = false;
  const hook = await receiver((n) => {
    if (failed || eventType(hook.requests[n - 1]) !== "migration.started") return 204;
    failed = true;
    return 500;
  });
  const mock = await startMock({ port: 0, retryBaseMs: 500, stepMs: 20, webhookUrl: hook.url });
  try {
    await mock.finish((await createModal(mock)).id, "complete");
    assert.deepEqual(hook.requests.map(eventType), ["migration.created", "migration.started", "migration.completed", "migration.started"]);
    const started = mock.state.deliveries.find((d) => d.type === "migration.started");
    assert.deepEqual(started.attempts, [500, 204], "retried, then acknowledged");
  } finally {
    await mock.close();
    await hook.close();
  }
});

test("the modal page: framed by and posting to the Referer's origin, or the app origins given", async () => {
  const mock = await startMock({ port: 0 });
  try {
    const modal = await createModal(mock);
    const page = (headers) => fetch(modal.url, { headers });
    const context = async (res) => JSON.parse((await res.text()).match(/<script type="application\/json" id="context">(.*?)<\/script>/s)[1]);

    let res = await page({ referer: "http://127.0.0.1:5173/" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-security-policy"), "frame-ancestors http://127.0.0.1:5173");
    const { targetOrigin, context: ctx } = await context(res);
    assert.equal(targetOrigin, "http://127.0.0.1:5173");
    assert.equal(ctx.migration_id, modal.migration_id);
    assert.equal(ctx.user_id, "user_42");

    res = await page({});
    assert.equal(res.status, 400, "no Referer and no app origin: nobody to post to");
    assert.equal(res.headers.get("content-security-policy"), "frame-ancestors 'none'");
    assert.match(await res.text(), /--app-origin/);

    mock.setAppOrigin(["http://localhost:3000", "http://localhost:5173"]);
    res = await page({ referer: "http://localhost:5173/" });
    assert.equal(res.headers.get("content-security-policy"), "frame-ancestors http://localhost:3000 http://localhost:5173");
    assert.equal((await context(res)).targetOrigin, "http://localhost:5173");
    res = await page({ referer: "http://evil.example/" });
    assert.equal(res.status, 400, "a page outside the app origins gets no messages");
    mock.setAppOrigin("http://localhost:3000");
    assert.equal((await context(await page({}))).targetOrigin, "http://localhost:3000");
    assert.throws(() => mock.setAppOrigin("localhost:3000"), /is not an origin/);

    assert.equal((await fetch(tampered(modal.url))).status, 403);
  } finally {
    await mock.close();
  }
});

test("the command line: each option, and a message naming the bad value", async () => {
  const { parseArgs } = await import("../mock/cli.mjs");
  assert.deepEqual(parseArgs(["--port=0", "--app-origin", "http://localhost:5173/", "--app-origin=http://127.0.0.1:3000", "--webhook-url", "http://localhost:3000/webhooks/anon", "--quiet"]),
    { appOrigins: ["http://localhost:5173", "http://127.0.0.1:3000"], port: 0, webhookUrl: "http://localhost:3000/webhooks/anon", quiet: true });
  assert.deepEqual(parseArgs([]), { appOrigins: [] });
  assert.throws(() => parseArgs(["--port", "80a"]), /--port must be a number from 0 to 65535, got "80a"/);
  assert.throws(() => parseArgs(["--port"]), /--port needs a value/);
  assert.throws(() => parseArgs(["--app-origin", "http://localhost:5173/app"]), /"http:\/\/localhost:5173\/app" is not an origin: give scheme, host and port only, e\.g\. http:\/\/localhost:5173/);
  assert.throws(() => parseArgs(["--webhook-url", "localhost:3000/hook"]), /--webhook-url must be an http\(s\) URL, got "localhost:3000\/hook"/);
  assert.throws(() => parseArgs(["--webhook-secret", "secret"]), /--webhook-secret must be whsec_ followed by base64/);
  assert.throws(() => parseArgs(["--app-orign", "x"]), { message: "unknown option --app-orign (did you mean --app-origin?)" });
  assert.throws(() => parseArgs(["--verbose"]), { message: "unknown option --verbose" });
});
