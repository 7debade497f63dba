// anon-modal/server's parseAnonTimestamp: the instant of every `created` the verifier accepts,
// read by the same parser, where `new Date(text)` reads Anon's zoneless text as local time and
// cannot read some ISO 8601 forms at all.
import { test } from "node:test";
import assert from "node:assert/strict";
import { contractEvent, randomSecret, serverJs } from "./helpers.mjs";

const { parseAnonTimestamp, signWebhook, verifyWebhook } = await import(serverJs);

const secret = randomSecret(32);
const NOW = 1_750_133_013;

/** The event as verified with `created` set to `text`, or the error's code. */
function delivered(text) {
  const body = contractEvent("migration.started").replace(/"created": "[^"]*"/, `"created": ${JSON.stringify(text)}`);
  assert.ok(body.includes(JSON.stringify(text)), "the fixture has a created field");
  const headers = { "svix-id": "msg_1", "svix-timestamp": String(NOW), "svix-signature": signWebhook(secret, "msg_1", NOW, body) };
  try {
    return verifyWebhook(body, headers, secret, { now: NOW });
  } catch (error) {
    return error.code;
  }
}

test("every created the verifier accepts is the instant it means, a time without a zone in UTC", () => {
  for (const [text, instant] of [
    ["2025-06-18T00:50:40.301173", "2025-06-18T00:50:40.301Z"], // as Anon writes it
    ["2025-06-18T00:50:40", "2025-06-18T00:50:40.000Z"],
    ["2023-11-07T05:31:56Z", "2023-11-07T05:31:56.000Z"],
    ["2023-11-07T06:31:56+01:00", "2023-11-07T05:31:56.000Z"],
    // ISO 8601's other forms, as Python's %z and PostgreSQL write them (new Date() cannot read
    // the first and the third).
    ["2025-06-18T00:50:40+00", "2025-06-18T00:50:40.000Z"],
    ["2025-06-18T02:50:40+0200", "2025-06-18T00:50:40.000Z"],
    ["2025-06-18T00:50:40,301173", "2025-06-18T00:50:40.301Z"],
    ["2025-06-18 00:50:40.5-05:30", "2025-06-18T06:20:40.500Z"],
    ["2016-12-31T23:59:60Z", "2017-01-01T00:00:00.000Z"], // a leap second
  ]) {
    const event = delivered(text);
    assert.equal(typeof event, "object", `${text} is accepted (${event})`);
    assert.equal(event.created, text, "created is Anon's text");
    const at = parseAnonTimestamp(event.created);
    assert.ok(at instanceof Date);
    assert.equal(at.toISOString(), instant, text);
  }
});

test("text that is no timestamp is a RangeError, as the verifier refuses it; no text is a TypeError", () => {
  for (const text of ["", "yesterday", "2025-06-18", "2025-13-01T00:00:00", "2025-06-18T00:50:40+24", "2025-06-18T00:50:40Zjunk"]) {
    assert.equal(delivered(text), "INVALID_PAYLOAD", text);
    assert.throws(() => parseAnonTimestamp(text), { name: "RangeError", message: `anon-modal/server: not an ISO 8601 timestamp: ${JSON.stringify(text)}` });
  }
  for (const value of [undefined, null, 1750133013, new Date()]) {
    assert.throws(() => parseAnonTimestamp(value), { name: "TypeError", message: "anon-modal/server: parseAnonTimestamp(text: string)" });
  }
});
