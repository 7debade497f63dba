// anon-modal/server's API as a user meets it (the built entry, pkg/server.js and server.cjs):
// events of Anon's documented shapes come back whole, header collections of every kind, bodies
// of every kind, errors with the codes and messages Rust defines.
// Run: node --test tests/server/ (after scripts/build-pkg.sh server)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import vm from "node:vm";
import { createRequire } from "node:module";
import { contractEvent, codeOf, ed25519Pair, errorOf, randomSecret, serverJs, serverCjs, root } from "./helpers.mjs";

const server = await import(serverJs);
const { verifyWebhook, WebhookVerifier, signWebhook, AnonWebhookError, isAnonWebhookError, isWebhookEvent } = server;

const secret = randomSecret(32);
const NOW = 1_750_133_013;
const signed = (body, id = "msg_1", ts = NOW, key = secret) => ({ "svix-id": id, "svix-timestamp": String(ts), "svix-signature": signWebhook(key, id, ts, body) });

/** The wasm's own list of codes (Rust's WebhookError::ALL), straight from the glue. */
async function rustErrorCodes() {
  const glue = await import(path.join(root, "target/server-pkg/anon_modal_server.js"));
  glue.initSync({ module: fs.readFileSync(path.join(root, "target/server-pkg/anon_modal_server_bg.wasm")) });
  return glue.errorCodes();
}

test("every documented event type verifies and comes back whole", () => {
  for (const type of ["migration.created", "migration.started", "migration.completed", "migration.failed"]) {
    const body = contractEvent(type, { errorMessage: "The login was rejected" });
    const event = verifyWebhook(body, signed(body), secret, { now: NOW });
    assert.deepEqual(event, JSON.parse(body), type);
    assert.equal(event.data.object.object, "migration");
    assert.equal(Object.getPrototypeOf(event), Object.prototype, "a plain object");
  }
  // Anon's reference documents company_id as a UUID or null: a migration just created may have none.
  const companyless = contractEvent("migration.created").replace(/"company_id": "[^"]*"/, '"company_id": null');
  assert.equal(verifyWebhook(companyless, signed(companyless), secret, { now: NOW }).data.object.company_id, null);
  // migration_task.failed: the task's schema is undocumented, so whatever it holds is kept.
  const task = contractEvent("migration_task.failed").replace(/"object": \{[^}]*\}/, '"object": {"object": "migration_task", "id": "task_1", "step": 3, "files": [null]}');
  assert.deepEqual(verifyWebhook(task, signed(task), secret, { now: NOW }).data.object, { object: "migration_task", id: "task_1", step: 3, files: [null] });
});

test("isWebhookEvent tells a verified event's type", () => {
  const body = contractEvent("migration.completed");
  const event = verifyWebhook(body, signed(body), secret, { now: NOW });
  assert.equal(isWebhookEvent(event, "migration.completed"), true);
  assert.equal(isWebhookEvent(event, "migration.failed"), false);
  for (const value of [null, undefined, "migration.completed", { type: "migration.created" }]) {
    assert.equal(isWebhookEvent(value, "migration.completed"), false, String(value));
  }
});

test("unknown types, statuses and fields are kept, never rejected", () => {
  const base = JSON.parse(contractEvent("migration.completed"));
  const newer = {
    ...base,
    livemode: false,
    data: { ...base.data, attempt: 2, object: { ...base.data.object, status: "PAUSED", region: "eu" } },
  };
  const body = JSON.stringify(newer);
  assert.deepEqual(verifyWebhook(body, signed(body), secret, { now: NOW }), newer);
  const other = { ...base, type: "file.created", data: { migration_id: "mig_1", object: { object: "file", type: "CompanyInfo-EntityType-Screenshot" } } };
  const otherBody = JSON.stringify(other);
  assert.deepEqual(verifyWebhook(otherBody, signed(otherBody), secret, { now: NOW }), other);
  // A newer migration.* type whose object is no migration, and a null error_message.
  const deleted = { ...base, type: "migration.deleted", data: { migration_id: "mig_1", object: { id: "mig_1", object: "migration", deleted: true }, error_message: null } };
  const deletedBody = JSON.stringify(deleted);
  assert.deepEqual(verifyWebhook(deletedBody, signed(deletedBody), secret, { now: NOW }), deleted);
  // A newer type's data need not hold what the documented ones do.
  for (const data of [{}, { company_id: "co_1" }, { object: { id: "conn_1" } }, { migration_id: 7, error_message: { code: "E1" } }]) {
    const newType = { ...base, type: "connection.created", data };
    const newBody = JSON.stringify(newType);
    assert.deepEqual(verifyWebhook(newBody, signed(newBody), secret, { now: NOW }), newType, newBody);
  }
});

test("a signed body that is not an Anon event is INVALID_PAYLOAD; verifySignature takes any body", () => {
  const old = contractEvent("migration.completed").replace(/"object": \{[^}]*\}/, '"object": "migration"');
  const task = contractEvent("migration_task.failed").replace(/"object": \{[^}]*\}/, '"object": "task_1"');
  const numbered = contractEvent("migration.failed").replace(/"error_message": "[^"]*"/, '"error_message": 42');
  assert.notEqual(numbered, contractEvent("migration.failed"));
  // The dashboard's Testing tab sends svix.ping as this body: signed, but no Anon event.
  const ping = '{"success": true}';
  const verifier = new WebhookVerifier(secret);
  for (const body of [old, task, numbered, ping, "{}", "[]", "not json", '{"id": 1}', ""]) {
    assert.equal(codeOf(() => verifier.verify(body, signed(body), { now: NOW })), "INVALID_PAYLOAD", body);
    assert.equal(verifier.verifySignature(body, signed(body), { now: NOW }), undefined);
  }
  // The signature is checked first: a forged non-event is INVALID_SIGNATURE, not INVALID_PAYLOAD.
  assert.equal(codeOf(() => verifier.verify("{}", signed("{}", "msg_1", NOW, randomSecret()), { now: NOW })), "INVALID_SIGNATURE");
});

test("INVALID_PAYLOAD's message names the field that is not as Anon documents it", () => {
  const verifier = new WebhookVerifier(secret);
  const messageOf = (body) => {
    const error = errorOf(() => verifier.verify(body, signed(body), { now: NOW }));
    assert.equal(error.code, "INVALID_PAYLOAD", body);
    return error.message;
  };
  const completed = contractEvent("migration.completed");
  const cases = [
    [completed.replace(/"created_by_user_id": "[^"]*"/, '"created_by_user_id": null'), "(data.object.created_by_user_id: invalid type: null, expected a string)"],
    [completed.replace(/"created_by_user_id": "[^"]*",/, ""), "(data.object: missing field `created_by_user_id`)"],
    [completed.replace(/"migration_id": "[^"]*",/, ""), "(data: missing field `migration_id`)"],
    [completed.replace(/"created": "[^"]*"/, '"created": 1750208440'), "(created: invalid type: integer `1750208440`, expected a string at line 4"],
  ];
  for (const [body, why] of cases) {
    assert.notEqual(body, completed);
    const message = messageOf(body);
    assert.ok(message.startsWith("The body is signed but is not an Anon webhook event this version reads ("), message);
    assert.ok(message.includes(why), `${message}\nlacks ${why}`);
    assert.ok(message.endsWith("): check the endpoint's event types, upgrade anon-modal, or verify the signature alone."), message);
  }
  // A reason quoting a long value from the body is cut short, after 200 characters.
  const long = messageOf(JSON.stringify({ ...JSON.parse(completed), data: "🙂".repeat(5000) }));
  const why = long.slice(long.indexOf("(") + 1, long.lastIndexOf("…") + 1);
  assert.ok(why.startsWith('data: invalid type: string "🙂🙂'), long);
  assert.equal([...why].length, 201, long);
});

test("a body still in base64 (AWS Lambda's isBase64Encoded) is refused with a message that says so", () => {
  const body = contractEvent("migration.completed");
  const encoded = Buffer.from(body).toString("base64");
  const refusal = (given, headers) => {
    const { code, message } = errorOf(() => verifyWebhook(given, headers, secret, { now: NOW }));
    return [code, message];
  };
  const [code, message] = refusal(encoded, signed(body));
  assert.equal(code, "INVALID_SIGNATURE");
  assert.match(message, /matches the bytes it encodes in base64: decode the body before verifying it \(in AWS Lambda, Buffer\.from\(event\.body, "base64"\)/);
  assert.deepEqual(refusal(Buffer.from(encoded), signed(body)), [code, message]);
  // Signed with an ed25519 key (v1a) alike.
  const pair = ed25519Pair();
  assert.throws(() => verifyWebhook(encoded, { ...signed(body), "svix-signature": signWebhook(pair.whsk, "msg_1", NOW, body) }, pair.whpk, { now: NOW }), { code: "INVALID_SIGNATURE", message });
  // Base64 that no signature matches once decoded either, and a wrong body: the usual message.
  for (const [given, headers] of [[encoded, signed(body, "msg_1", NOW, randomSecret())], [Buffer.from("{}").toString("base64"), signed(body)], [body + " ", signed(body)]]) {
    const [otherCode, otherMessage] = refusal(given, headers);
    assert.equal(otherCode, "INVALID_SIGNATURE");
    assert.match(otherMessage, /^No signature matches the body and the signing keys/);
  }
});

test("a byte order mark before the JSON is skipped, as RFC 8259 allows a reader", () => {
  const body = contractEvent("migration.completed");
  for (const withMark of ["\uFEFF" + body, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])]) {
    assert.deepEqual(verifyWebhook(withMark, signed(withMark), secret, { now: NOW }), JSON.parse(body));
  }
  const twice = "\uFEFF\uFEFF" + body;
  assert.equal(codeOf(() => verifyWebhook(twice, signed(twice), secret, { now: NOW })), "INVALID_PAYLOAD");
});

test("the event returned is the bytes verified: a string's lone surrogate comes back as U+FFFD", () => {
  const body = contractEvent("migration.completed").replace(/"status": "COMPLETE"/, '"status": "COMPLETE", "note": "a\ud800b"');
  assert.equal(verifyWebhook(body, signed(body), secret, { now: NOW }).data.object.note, "a\ufffdb");
});

test("an escaped lone surrogate (an emoji cut in half) costs nothing: the event is as JSON.parse reads it", () => {
  const body = contractEvent("migration.failed").replace(/"error_message": "[^"]*"/, '"error_message": "cut \\ud83d"');
  assert.equal(verifyWebhook(body, signed(body), secret, { now: NOW }).data.error_message, "cut \ud83d");
});

test("a __proto__ key in the body is an own property, and pollutes nothing", () => {
  const body = contractEvent("migration.completed").replace('"status": "COMPLETE"', '"status": "COMPLETE", "__proto__": {"polluted": true}');
  const event = verifyWebhook(body, signed(body), secret, { now: NOW });
  assert.ok(Object.hasOwn(event.data.object, "__proto__"));
  assert.equal({}.polluted, undefined);
});

test("header collections: plain objects in any case, Fetch Headers, Node arrays, anything with get()", () => {
  const body = contractEvent("migration.started");
  const h = signed(body);
  const verifier = new WebhookVerifier(secret);
  const ok = (headers, what) => assert.equal(verifier.verify(body, headers, { now: NOW }).type, "migration.started", what);
  ok({ "Svix-Id": h["svix-id"], "SVIX-TIMESTAMP": h["svix-timestamp"], "svix-Signature": h["svix-signature"] }, "mixed case");
  ok(new Headers(h), "Fetch Headers");
  ok(new Map(Object.entries(h)), "a Map (get with lower-case names)");
  ok({ get: (name) => h[name] ?? null }, "any get()");
  const standard = { "webhook-id": h["svix-id"], "webhook-timestamp": h["svix-timestamp"], "webhook-signature": h["svix-signature"] };
  ok({ get: (name) => standard[name] ?? null }, "a get() with the webhook-* names");
  ok({ "svix-id": [h["svix-id"], h["svix-id"]], "svix-timestamp": [h["svix-timestamp"]], "svix-signature": ["v1,bm9wZQ==", h["svix-signature"]] }, "arrays, a repeated equal id");
  ok(Object.assign(Object.create(null), h), "a null-prototype object (Node's req.headers)");
  // svix-* wins over webhook-*.
  ok({ ...h, "webhook-id": "other", "webhook-timestamp": "1", "webhook-signature": "v1,bm9wZQ==" }, "svix-* wins");
  assert.equal(codeOf(() => verifier.verify(body, { ...h, "svix-signature": "v1,bm9wZQ==", "webhook-signature": h["svix-signature"] }, { now: NOW })), "INVALID_SIGNATURE");

  const code = (headers) => codeOf(() => verifier.verify(body, headers, { now: NOW }));
  assert.equal(code({}), "MISSING_HEADER");
  // The Request itself, no object at all, or [name, value] pairs (which, read as an object,
  // would hold no header) are a mistake in the call, said as one.
  const request = new Request("http://x", { method: "POST", body, headers: h });
  assert.throws(() => verifier.verify(body, request, { now: NOW }), { name: "TypeError", message: /the headers must be request\.headers, not the request itself$/ });
  // So is Node's request (Koa's ctx.req, Fastify's request.raw), whose headers are a plain object.
  const incoming = new http.IncomingMessage(null);
  Object.assign(incoming.headers, h);
  assert.throws(() => verifier.verify(body, incoming, { now: NOW }), { name: "TypeError", message: /the headers must be request\.headers, not the request itself$/ });
  const pairs = Object.entries(h);
  ok(new Headers(pairs), "new Headers(pairs), as the message says");
  const rawHeaders = pairs.flat(); // Node's req.rawHeaders: names and values in one list
  for (const [given, shown] of [["svix-id: x", "a string"], [42, "42"], [undefined, "undefined"], [null, "null"], [pairs, "an array \\(for \\[name, value\\] pairs, pass new Headers\\(pairs\\)\\)"], [[], "an array \\(for \\[name, value\\] pairs, pass new Headers\\(pairs\\)\\)"], [rawHeaders, "a flat array of names and values \\(Node's req\\.rawHeaders\\? pass req\\.headers\\)"]]) {
    assert.throws(() => verifier.verify(body, given, { now: NOW }), { name: "TypeError", message: new RegExp(`the headers must be an object .*, not ${shown}(; in AWS Lambda, .*)?$`) });
  }
  assert.equal(code({ "svix-id": h["svix-id"], "svix-timestamp": h["svix-timestamp"] }), "MISSING_HEADER");
  assert.equal(code({ ...h, "svix-id": [] }), "MISSING_HEADER", "an empty array is an empty header");
  // ... under its svix-* name, as `svix-id ?? webhook-id` reads it: no fallback to webhook-*.
  assert.equal(code({ ...h, "svix-signature": [], "webhook-signature": h["svix-signature"] }), "MISSING_HEADER", "an empty svix-signature array");
  assert.equal(code({ ...h, "svix-id": ["a", "b"] }), "INVALID_HEADER", "a repeated id that disagrees");
  assert.equal(code({ ...h, "Svix-Id": "other" }), "INVALID_HEADER", "one name in two casings that disagree");
  // A whole number is its digits, as the reference libraries read it: a test's timestamp.
  ok({ ...h, "svix-timestamp": NOW }, "a whole number");
  assert.equal(code({ ...h, "svix-timestamp": NOW + 0.5 }), "INVALID_HEADER", "any other number is no header value");
  // An empty value is a missing header, however the headers are given, as in svix.
  assert.equal(code({ ...h, "svix-id": "" }), "MISSING_HEADER", "an empty value in a plain object");
  assert.equal(code(new Headers({ ...h, "svix-id": "" })), "MISSING_HEADER", "an empty value in Fetch Headers");
  // A replay that empties svix-id and moves the id to webhook-id is refused: the app's
  // `svix-id ?? webhook-id` would read "" and miss the delivery it already handled.
  const moved = { ...h, "svix-id": "", "webhook-id": h["svix-id"] };
  assert.equal(code(moved), "MISSING_HEADER", "an empty svix-id is not replaced by webhook-id");
  assert.equal(code(new Headers(moved)), "MISSING_HEADER", "in Fetch Headers too");
  assert.equal(code({ get: (name) => moved[name] ?? "" }), "MISSING_HEADER", "and through a get() answering \"\" for none (Koa's ctx)");
  assert.equal(code({ ...h, "svix-id": ["", h["svix-id"]] }), "INVALID_HEADER", "an empty and a full svix-id disagree");
  ok({ ...h, "svix-signature": ["", h["svix-signature"]] }, "an empty signature line beside the signed one");
  assert.equal(code({ ...h, "svix-signature": ["", ""] }), "MISSING_HEADER", "only empty signature lines");
});

test("readBody: a Fetch Request's body up to the limit, PAYLOAD_TOO_LARGE past it with no more read", async () => {
  const body = contractEvent("migration.completed");
  const verifier = new WebhookVerifier(secret, { maxBodyBytes: 4096 });
  const post = (init) => new Request("http://127.0.0.1/webhooks/anon", { method: "POST", ...init });
  const read = await verifier.readBody(post({ body }));
  assert.deepEqual(read, new Uint8Array(Buffer.from(body)));
  assert.equal(verifier.verify(read, signed(body), { now: NOW }).type, "migration.completed");
  assert.deepEqual(await verifier.readBody(post({})), new Uint8Array(), "no body is an empty one");

  /** A body in 1 KiB chunks, `total` bytes, or without end; counts what was pulled. */
  const chunked = (total = Infinity) => {
    const stream = { pulled: 0, cancelled: false };
    stream.body = new ReadableStream({
      pull(controller) {
        if (stream.pulled >= total) return controller.close();
        stream.pulled += 1024;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        stream.cancelled = true;
      },
    });
    return stream;
  };
  const endless = chunked();
  const refused = await verifier.readBody(post({ body: endless.body, duplex: "half" })).catch((error) => error);
  assert.equal(refused.code, "PAYLOAD_TOO_LARGE");
  assert.ok(isAnonWebhookError(refused));
  assert.ok(endless.cancelled, "the body is cancelled");
  assert.ok(endless.pulled <= 4096 + 3 * 1024, `read no further than the limit: ${endless.pulled} bytes`);
  // A stream that fails to cancel is still PAYLOAD_TOO_LARGE.
  const stubborn = new ReadableStream({
    pull: (controller) => controller.enqueue(new Uint8Array(1024)),
    cancel: () => Promise.reject(new Error("cannot cancel")),
  });
  assert.equal((await verifier.readBody(post({ body: stubborn, duplex: "half" })).catch((error) => error)).code, "PAYLOAD_TOO_LARGE");
  const exact = chunked(4096);
  assert.equal((await verifier.readBody(post({ body: exact.body, duplex: "half" }))).length, 4096, "the limit itself is read");
  // A declared length over the limit is refused before a byte is read.
  const declared = chunked();
  const announced = { headers: new Headers({ "content-length": "4097" }), body: declared.body };
  assert.equal((await verifier.readBody(announced).catch((error) => error)).code, "PAYLOAD_TOO_LARGE");
  assert.equal(declared.pulled <= 1024, true, "nothing read but what the stream queued itself");
  assert.ok(declared.cancelled, "and the body is cancelled");
  // A body someone else holds, or a reader that cannot cancel, is still PAYLOAD_TOO_LARGE.
  const held = chunked();
  held.body.getReader();
  assert.equal((await verifier.readBody({ headers: announced.headers, body: held.body }).catch((error) => error)).code, "PAYLOAD_TOO_LARGE", "a locked body");
  const uncancellable = { getReader: () => ({ read: async () => ({ done: true }), cancel: () => undefined }) };
  assert.equal((await verifier.readBody({ headers: announced.headers, body: uncancellable }).catch((error) => error)).code, "PAYLOAD_TOO_LARGE", "cancel() without a promise");
  // A length the verifier does not count as over (a fraction of a byte) cancels nothing: the body is read.
  const fraction = chunked(1024);
  assert.equal((await verifier.readBody({ headers: new Headers({ "content-length": "4096.5" }), body: fraction.body })).length, 1024);
  await assert.rejects(verifier.readBody("a body"), { name: "TypeError", message: /readBody takes a Fetch Request whose body is unread .*, not a string;/ });
  await assert.rejects(verifier.readBody(null), TypeError);
  await assert.rejects(verifier.readBody({ body: "{}", headers: new Headers() }), { name: "TypeError", message: /readBody takes a Fetch Request/ }, "a parsed body");
  const used = post({ body });
  await used.text();
  await assert.rejects(verifier.readBody(used), { name: "TypeError", message: /not a Request whose body was already read: call readBody before anything reads it \(in Elysia, parse: "none" on the route\); in Node's/ });
  // Chunks that are not bytes would be counted wrong: refused.
  const strings = new ReadableStream({ pull: (controller) => controller.enqueue("é".repeat(600)) });
  await assert.rejects(verifier.readBody({ body: strings, headers: new Headers() }), { name: "TypeError", message: /stream of Uint8Array chunks, not a string/ });
  const buffers = new ReadableStream({ pull: (controller) => controller.enqueue(new ArrayBuffer(1024 * 1024)) });
  await assert.rejects(verifier.readBody({ body: buffers, headers: new Headers() }), { name: "TypeError", message: /not an object \(ArrayBuffer\)/ });
  // Bytes made in another realm (a `vm` sandbox, as edge-runtime test environments use) are bytes.
  const foreign = vm.runInNewContext("new Uint8Array([123, 125])");
  const sandboxed = new ReadableStream({ start: (controller) => (controller.enqueue(foreign), controller.close()) });
  assert.deepEqual(await verifier.readBody({ body: sandboxed, headers: new Headers() }), new Uint8Array([123, 125]));
});

test("bodies: string, Buffer, Uint8Array (a view into a larger buffer too), ArrayBuffer, DataView", () => {
  const body = contractEvent("migration.created");
  const h = signed(body);
  const bytes = Buffer.from(body);
  const padded = new Uint8Array(bytes.length + 16);
  padded.set(bytes, 8);
  for (const [what, input] of [
    ["string", body],
    ["Buffer", bytes],
    ["Uint8Array", new Uint8Array(bytes)],
    ["subarray", padded.subarray(8, 8 + bytes.length)],
    ["ArrayBuffer", new Uint8Array(bytes).buffer],
    ["DataView", new DataView(padded.buffer, 8, bytes.length)],
  ]) {
    assert.deepEqual(verifyWebhook(input, h, secret, { now: NOW }), JSON.parse(body), what);
    assert.equal(signWebhook(secret, "msg_1", NOW, input), h["svix-signature"], what);
  }
  // A parsed body is a programming error, said at once.
  assert.throws(() => verifyWebhook(JSON.parse(body), h, secret, { now: NOW }), { name: "TypeError", message: /raw request body/ });
  // An app-wide express.json() before the route reads the body first: the route goes before it.
  const express = /in Express, express\.raw\(\{ type: "application\/json" \}\) on this route, registered before any app\.use\(express\.json\(\)\)/;
  assert.throws(() => verifyWebhook(JSON.parse(body), h, secret, { now: NOW }), { name: "TypeError", message: express });
  assert.throws(() => verifyWebhook(undefined, h, secret, { now: NOW }), { name: "TypeError", message: /, not undefined: read the request's body first/ });
  assert.throws(() => verifyWebhook(undefined, h, secret, { now: NOW }), { name: "TypeError", message: express });
  assert.throws(() => verifyWebhook(undefined, h, secret, { now: NOW }), { name: "TypeError", message: /; in NestJS, req\.rawBody, with NestFactory\.create\(AppModule, \{ rawBody: true \}\); in AWS Lambda/ });
  // What Express 4 leaves when no body parser read the request (express.raw() without the type).
  assert.throws(() => verifyWebhook({}, h, secret, { now: NOW }), { name: "TypeError", message: /, not an empty object: no body parser read the body \(in Express/ });
  // What a framework hands over in place of the bytes is named, with what to pass instead.
  for (const [given, message] of [
    [Promise.resolve(body), /, not a Promise: await it first$/],
    [new Request("http://x", { method: "POST", body }), /, not a Request: pass await verifier\.readBody\(request\)/],
    [new Response(body).body, /, not a ReadableStream \(a Fetch Request's body\): pass await verifier\.readBody\(request\)/],
    [Readable.from([body]), /, not a Node stream \(Fastify's request\.raw, Koa's ctx\.req\): read its bytes first/],
    [new Blob([body]), /, not a Blob: pass await blob\.arrayBuffer\(\)$/],
    [[body], /, not parsed JSON \(with a Fetch Request, await verifier\.readBody\(request\), not request\.json\(\); in Express, .*; in NestJS, req\.rawBody, with NestFactory\.create\(AppModule, \{ rawBody: true \}\); in Fastify, a parser with parseAs: "buffer"; in Nuxt or h3, await readRawBody\(event, false\), not readBody; in hapi, payload: \{ parse: false \}; /],
    [42, /, not 42$/],
  ]) {
    assert.throws(() => verifyWebhook(given, h, secret, { now: NOW }), { name: "TypeError", message });
  }
  assert.throws(() => verifyWebhook(body, h, 42, { now: NOW }), TypeError);
  assert.throws(() => verifyWebhook(body, h, undefined), { name: "TypeError", message: /the secret is undefined: is its environment variable set/ });
  assert.throws(() => new WebhookVerifier([null, secret]), { name: "TypeError", message: /the secret must be a string/ });
  // In a list, an unset variable (or a hole) is skipped: a rotation's list outlives the rotation.
  assert.equal(verifyWebhook(body, h, [undefined, secret], { now: NOW }).type, "migration.created");
  assert.equal(new WebhookVerifier([, secret]).verify(body, h, { now: NOW }).type, "migration.created", "a hole among the keys");
  assert.equal(verifyWebhook(body, h, ["", secret], { now: NOW }).type, "migration.created", "OLD= in a .env file");
  assert.equal(codeOf(() => new WebhookVerifier([undefined, ""])), "INVALID_SECRET", "no key left");
  assert.equal(codeOf(() => new WebhookVerifier("")), "INVALID_SECRET", "an empty secret alone");
  assert.throws(() => verifyWebhook(body, h, secret, { now: "now" }), TypeError);
  assert.throws(() => verifyWebhook(body, h, secret, NOW), { name: "TypeError", message: /options must be an object/ });
});

test("the clock: the system's by default, a Date, Unix seconds", () => {
  const body = contractEvent("migration.created");
  const now = Math.floor(Date.now() / 1000);
  const h = signed(body, "msg_1", now);
  assert.equal(verifyWebhook(body, h, secret).type, "migration.created");
  assert.equal(verifyWebhook(body, h, secret, { now: new Date() }).type, "migration.created");
  assert.equal(codeOf(() => verifyWebhook(body, h, secret, { now: new Date((now + 3600) * 1000) })), "TIMESTAMP_TOO_OLD");
  // A clock that tells no time is the caller's mistake too, never a delivery's INVALID_TIMESTAMP.
  for (const [now, shown] of [[NaN, "NaN"], [Infinity, "Infinity"], [-Infinity, "-Infinity"], [new Date("nope"), "an invalid Date"]]) {
    const message = `anon-modal/server: options.now tells no time (${shown}): pass a valid Date, or Math.floor(Date.now() / 1000)`;
    assert.throws(() => verifyWebhook(body, h, secret, { now }), { name: "RangeError", message }, shown);
  }
  // Date.now() where seconds go: said as such, not as a stale delivery.
  for (const now of [Date.now(), Date.now() * 1000, -Date.now()]) {
    assert.throws(() => verifyWebhook(body, h, secret, { now }), { name: "RangeError", message: /is not \(milliseconds, from Date\.now\(\)\?\): pass a Date/ }, String(now));
  }
  // A tolerance or a limit out of range is the caller's mistake, not a delivery's: a RangeError.
  for (const [key, value] of [-1, 1.5, 2 ** 32, NaN, -Infinity].flatMap((v) => [["toleranceSeconds", v], ["maxBodyBytes", v]])) {
    assert.throws(() => new WebhookVerifier(secret, { [key]: value }), { name: "RangeError", message: new RegExp(`^anon-modal/server: options\\.${key} must be a whole number of \\w+ from 0 to 4294967295$`) }, `${key} ${value}`);
  }
  assert.ok(new WebhookVerifier(secret, { toleranceSeconds: 0, maxBodyBytes: 2 ** 32 - 1 }));
  assert.throws(() => new WebhookVerifier(secret, { toleranceSeconds: "300" }), TypeError);
});

test("a body over maxBodyBytes (1 MiB by default) is refused unread, before any header", () => {
  const body = contractEvent("migration.created");
  const h = signed(body);
  const size = Buffer.byteLength(body);
  assert.equal(new WebhookVerifier(secret).maxBodyBytes, 1 << 20);
  assert.equal(new WebhookVerifier(secret, { maxBodyBytes: size }).maxBodyBytes, size);
  assert.equal(new WebhookVerifier(secret, { maxBodyBytes: size }).verify(body, h, { now: NOW }).type, "migration.created");
  assert.equal(codeOf(() => new WebhookVerifier(secret, { maxBodyBytes: size - 1 }).verify(body, h, { now: NOW })), "PAYLOAD_TOO_LARGE");
  // An unsigned request of 64 MiB, with no headers at all: refused before the wasm copies it,
  // whose memory would keep that size for good (Node counts it as `external`).
  const huge = new Uint8Array(64 << 20);
  const before = process.memoryUsage().external;
  assert.equal(codeOf(() => verifyWebhook(huge, {}, secret)), "PAYLOAD_TOO_LARGE");
  assert.equal(codeOf(() => verifyWebhook("x".repeat(64 << 20), {}, secret)), "PAYLOAD_TOO_LARGE", "a string too");
  assert.ok(process.memoryUsage().external - before < 8 << 20, "the wasm's memory did not grow by the body");
  assert.equal(codeOf(() => verifyWebhook(huge.subarray(0, (1 << 20) + 1), {}, secret)), "PAYLOAD_TOO_LARGE");
  assert.equal(codeOf(() => verifyWebhook(huge.subarray(0, 1 << 20), {}, secret)), "MISSING_HEADER", "1 MiB is read");
  // 4 GiB, whose length wraps to 0 as a u32, even under the largest limit (its pages are never
  // touched, so the machine does not spend them).
  const whole = new Uint8Array(2 ** 32);
  assert.equal(codeOf(() => verifyWebhook(whole, {}, secret)), "PAYLOAD_TOO_LARGE");
  assert.equal(codeOf(() => new WebhookVerifier(secret, { maxBodyBytes: 2 ** 32 - 1 }).verify(whole, {})), "PAYLOAD_TOO_LARGE");
  for (const limit of [-1, 1.5, 2 ** 32, NaN]) {
    assert.throws(() => new WebhookVerifier(secret, { maxBodyBytes: limit }), { name: "RangeError", message: /^anon-modal\/server: options\.maxBodyBytes must be a whole number/ }, String(limit));
  }
  assert.throws(() => new WebhookVerifier(secret, { maxBodyBytes: "1mb" }), TypeError);
});

test("a freed verifier says so when used again", () => {
  const body = contractEvent("migration.created");
  const verifier = new WebhookVerifier(secret);
  verifier.free();
  verifier.free();
  const freed = { name: "TypeError", message: "anon-modal/server: this WebhookVerifier was freed; make a new one" };
  assert.throws(() => verifier.verify(body, signed(body), { now: NOW }), freed);
  assert.throws(() => verifier.verifySignature(body, signed(body), { now: NOW }), freed);
  assert.throws(() => verifier.maxBodyBytes, freed);
});

test("options: a misspelt or misplaced one is refused, naming those that are", () => {
  const body = contractEvent("migration.created");
  const h = signed(body);
  assert.throws(() => new WebhookVerifier(secret, { tolerance: 5 }), {
    name: "TypeError",
    message: "anon-modal/server: options.tolerance is not an option here; the options are toleranceSeconds, maxBodyBytes",
  });
  assert.throws(() => new WebhookVerifier(secret, { now: NOW }), { name: "TypeError", message: /options\.now is not an option here/ });
  assert.throws(() => new WebhookVerifier(secret).verify(body, h, { toleranceSeconds: 60 }), {
    name: "TypeError",
    message: "anon-modal/server: options.toleranceSeconds is not an option here; the options are now",
  });
  assert.throws(() => verifyWebhook(body, h, secret, { nowSeconds: NOW }), { name: "TypeError", message: /toleranceSeconds, maxBodyBytes, now$/ });
  const event = verifyWebhook(body, h, secret, { now: NOW, toleranceSeconds: 60, maxBodyBytes: 4096 });
  assert.equal(event.type, "migration.created");
});

test("signing: bad keys and timestamps are typed errors", () => {
  assert.equal(codeOf(() => signWebhook("whsec_", "m", NOW, "{}")), "INVALID_SECRET");
  assert.equal(codeOf(() => signWebhook("whsec_!!!", "m", NOW, "{}")), "INVALID_SECRET");
  for (const ts of [1.5, -1, NaN, Infinity]) assert.equal(codeOf(() => signWebhook(secret, "m", ts, "{}")), "INVALID_TIMESTAMP", String(ts));
  assert.throws(() => signWebhook(secret, "m", "1750133013", "{}"), TypeError);
  // Date.now() where seconds go, or anything else too large for seconds: said as such at once,
  // not signed as a delivery from the future.
  for (const ts of [Date.now(), Date.now() * 1000, 2 ** 53]) {
    assert.throws(() => signWebhook(secret, "m", ts, "{}"), {
      name: "RangeError",
      message: `anon-modal/server: signWebhook's timestampSeconds is Unix seconds, and ${ts} is not (milliseconds, from Date.now()?): pass Math.floor(Date.now() / 1000)`,
    });
  }
});

test("AnonWebhookError: codes from Rust's list, its messages, one class across ESM and CommonJS", async () => {
  const codes = await rustErrorCodes();
  assert.deepEqual(codes, ["MISSING_HEADER", "INVALID_HEADER", "INVALID_TIMESTAMP", "TIMESTAMP_TOO_OLD", "TIMESTAMP_TOO_NEW", "INVALID_SIGNATURE", "INVALID_SECRET", "INVALID_PAYLOAD", "PAYLOAD_TOO_LARGE"]);
  // The TypeScript union between the markers lists exactly Rust's codes, in order.
  const dts = fs.readFileSync(path.join(root, "npm/server.d.ts"), "utf8");
  const block = dts.slice(dts.indexOf("// <generated: webhook-error-codes>"), dts.indexOf("// </generated>"));
  assert.deepEqual([...block.matchAll(/\| "([A-Z_]+)"/g)].map((m) => m[1]), codes);

  let error;
  try {
    verifyWebhook("{}", {}, secret);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof AnonWebhookError && error instanceof Error);
  assert.equal(error.name, "AnonWebhookError");
  assert.equal(error.code, "MISSING_HEADER");
  assert.match(error.message, /svix-id \(or webhook-id\) header is missing/);
  assert.match(String(error), /^AnonWebhookError: /);
  assert.ok(error.stack.includes("api.test.mjs"), "the stack points at the caller");
  assert.ok(isAnonWebhookError(error));
  assert.ok(!isAnonWebhookError(new Error("x")) && !isAnonWebhookError(null) && !isAnonWebhookError("MISSING_HEADER"));

  const cjs = createRequire(import.meta.url)(serverCjs);
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(server).sort());
  try {
    cjs.verifyWebhook("{}", {}, secret);
  } catch (e) {
    assert.ok(isAnonWebhookError(e) && cjs.isAnonWebhookError(error), "each copy knows the other's errors");
    assert.equal(e.message, error.message);
  }
});

test("the browser entry never loads the server files", () => {
  for (const file of ["npm/index.js", "pkg/index.js"]) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    assert.doesNotMatch(fs.readFileSync(full, "utf8"), /anon_modal_server|["'][./]*server(\.c?js)?["']|anon-modal\/server/, file);
  }
});

test("a runtime that compiles no WebAssembly from bytes (Vercel's Edge runtime) gets an error that says where to run", () => {
  // The CommonJS build, run in a realm whose embedder forbids compiling WebAssembly.
  const realm = vm.createContext({ TextEncoder, TextDecoder, atob }, { codeGeneration: { wasm: false } });
  const run = vm.runInContext(`(function (module, exports, require) {${fs.readFileSync(serverCjs, "utf8")}\n})`, realm);
  const module = { exports: {} };
  run(module, module.exports, createRequire(serverCjs));
  assert.throws(() => module.exports.verifyWebhook(contractEvent("migration.completed"), {}, randomSecret()), (error) => {
    assert.match(error.message, /^anon-modal\/server: this runtime compiles no WebAssembly from bytes \(.+\): run the webhook route on Node\.js \(in Next\.js, without runtime = "edge"\)/);
    assert.equal(error.cause?.name, "CompileError");
    return true;
  });
});
