// anon-modal/server against the reference Standard Webhooks libraries as oracles: npm
// `standardwebhooks` (1.1.1) and `svix` (1.99.1). What they sign we verify, and what we sign they
// verify, over keys, secret formats, payloads, header styles, signature lists, rotated keys and
// tolerance edges. `v1a` (ed25519), which neither verifies, is checked against node:crypto.
// Where a reference is wrong, the test says so and asserts that we follow the spec.
// Run: node --test tests/server/ (after scripts/build-pkg.sh server)
import { test, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { contractEvent, codeOf, randomSecret, ed25519Pair, serverJs } from "./helpers.mjs";

const { verifyWebhook, WebhookVerifier, signWebhook, webhookPublicKey } = await import(serverJs);

let cases = 0;
after(() => console.log(`interop: ${cases} cases run, ${cases} held`));

const NOW = 1_750_133_013; // the webhooks page's example timestamp
const ID = "msg_2ycTlwDkllobhXwGILmiziO9xnz";

/** The references read the clock themselves: run `fn` with Date.now() at `seconds`. */
function at(seconds, fn) {
  const real = Date.now;
  Date.now = () => seconds * 1000;
  try {
    return fn();
  } finally {
    Date.now = real;
  }
}

// --- The matrix --------------------------------------------------------------------------

// Several random keys, with lengths that give no, one and two `=` of base64 padding.
const rawSecrets = [randomSecret(24), randomSecret(32), randomSecret(16), randomSecret(64), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"];
/** The same key written the ways a user may paste it; the references read each the same way. */
const formats = {
  "whsec_ + padded": (s) => s,
  "no prefix": (s) => s.slice("whsec_".length),
  "whsec_ + unpadded": (s) => s.replace(/=+$/, ""),
  "no prefix, unpadded": (s) => s.slice("whsec_".length).replace(/=+$/, ""),
};

const big = (() => {
  // A contract-shaped event of 1 MiB: the migration's extra field holds the bulk.
  const base = contractEvent("migration.completed");
  const filler = "x".repeat(1024 * 1024 - base.length - 20);
  return base.replace('"status": "COMPLETE"', `"status": "COMPLETE",\n      "notes": "${filler}"`);
})();
const payloads = {
  ascii: contractEvent("migration.completed"),
  "multi-byte UTF-8": contractEvent("migration.failed", { errorMessage: "Überweisung fehlgeschlagen — 支払いエラー 🚀 \u2028" }),
  "1 MiB": big,
};
assert.ok(Buffer.byteLength(big) >= 1024 * 1024 - 64 && Buffer.byteLength(big) <= 1024 * 1024);

/** Header collections as frameworks hand them over. */
const headerStyles = {
  "svix-* lower case": (id, ts, sig) => ({ "svix-id": id, "svix-timestamp": ts, "svix-signature": sig }),
  "webhook-* lower case": (id, ts, sig) => ({ "webhook-id": id, "webhook-timestamp": ts, "webhook-signature": sig }),
  "Svix-* Title-Case": (id, ts, sig) => ({ "Svix-Id": id, "Svix-Timestamp": ts, "Svix-Signature": sig }),
  "SVIX-* UPPER CASE": (id, ts, sig) => ({ "SVIX-ID": id, "SVIX-TIMESTAMP": ts, "SVIX-SIGNATURE": sig }),
  "Webhook-* Title-Case": (id, ts, sig) => ({ "Webhook-Id": id, "Webhook-Timestamp": ts, "Webhook-Signature": sig }),
  "WEBHOOK-* UPPER CASE": (id, ts, sig) => ({ "WEBHOOK-ID": id, "WEBHOOK-TIMESTAMP": ts, "WEBHOOK-SIGNATURE": sig }),
  "Fetch Headers": (id, ts, sig) => new Headers({ "Svix-Id": id, "svix-timestamp": ts, "SVIX-SIGNATURE": sig }),
  "Node headersDistinct (arrays)": (id, ts, sig) => ({ "svix-id": [id], "svix-timestamp": [ts], "svix-signature": sig.split(" ") }),
};

const bytesOf = (text) => new Uint8Array(Buffer.from(text));

test("what the references sign, we verify (keys × secret formats × payloads × string/bytes × header styles)", () => {
  for (const raw of rawSecrets) {
    for (const [formatName, format] of Object.entries(formats)) {
      const secret = format(raw);
      const verifier = new WebhookVerifier(secret);
      for (const [payloadName, payload] of Object.entries(payloads)) {
        const references = { standardwebhooks: new StandardWebhook(secret), svix: new SvixWebhook(secret) };
        for (const [refName, ref] of Object.entries(references)) {
          const sig = ref.sign(ID, new Date(NOW * 1000), payload);
          // The 1 MiB payload goes through two header styles, the others through all of them.
          const styles = payloadName === "1 MiB" ? Object.entries(headerStyles).slice(0, 2) : Object.entries(headerStyles);
          for (const [styleName, style] of styles) {
            for (const body of [payload, bytesOf(payload)]) {
              const what = `${refName} signed, ${formatName}, ${payloadName} as ${typeof body}, ${styleName}`;
              const event = verifier.verify(body, style(ID, String(NOW), sig), { now: NOW });
              assert.deepEqual(event, JSON.parse(payload), what);
              cases++;
            }
          }
          // The one-shot function decodes the key itself and agrees.
          assert.equal(verifyWebhook(payload, headerStyles["svix-* lower case"](ID, String(NOW), sig), secret, { now: NOW }).id, "evt_01HX4J1SQ93Y9F6VBQ4JPZW66S");
          cases++;
        }
      }
      verifier.free();
    }
  }
});

test("what we sign, the references verify (keys × secret formats × payloads × string/bytes)", () => {
  for (const raw of rawSecrets) {
    for (const [formatName, format] of Object.entries(formats)) {
      const secret = format(raw);
      const references = { standardwebhooks: new StandardWebhook(secret), svix: new SvixWebhook(secret) };
      for (const [payloadName, payload] of Object.entries(payloads)) {
        for (const body of [payload, bytesOf(payload)]) {
          const sig = signWebhook(secret, ID, NOW, body);
          assert.match(sig, /^v1,[A-Za-z0-9+/]{43}=$/);
          // The references take a string or a Buffer.
          const theirs = typeof body === "string" ? body : Buffer.from(body);
          for (const [refName, ref] of Object.entries(references)) {
            const what = `we signed, ${refName} verifies, ${formatName}, ${payloadName} as ${typeof body}`;
            assert.equal(sig, ref.sign(ID, new Date(NOW * 1000), theirs), what);
            const headers =
              refName === "svix"
                ? { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig }
                : { "webhook-id": ID, "webhook-timestamp": String(NOW), "webhook-signature": sig };
            assert.deepEqual(at(NOW, () => ref.verify(theirs, headers)), JSON.parse(payload), what);
            cases++;
          }
        }
      }
    }
  }
});

test("signature lists: several entries, other versions, rotated keys", () => {
  const payload = payloads.ascii;
  const [oldKey, newKey, otherKey] = [randomSecret(32), randomSecret(32), randomSecret(24)];
  const theirs = (key) => new StandardWebhook(key).sign(ID, new Date(NOW * 1000), payload);
  const lists = {
    "the valid one last of three": `${theirs(otherKey)} v1,${"A".repeat(43)}= ${theirs(newKey)}`,
    "the valid one first": `${theirs(newKey)} ${theirs(otherKey)}`,
    "a v2 and a v1a entry before it": `v2,${theirs(newKey).slice(3)} v1a,${Buffer.alloc(64).toString("base64")} ${theirs(newKey)}`,
    "signed by the old and the new key (a sender mid-rotation)": `${theirs(oldKey)} ${theirs(newKey)}`,
  };
  for (const [name, sig] of Object.entries(lists)) {
    const headers = { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig };
    // Ours with the new key alone, and both references, accept each list.
    assert.equal(new WebhookVerifier(newKey).verify(payload, headers, { now: NOW }).type, "migration.completed", name);
    assert.ok(at(NOW, () => new SvixWebhook(newKey).verify(payload, headers)), name);
    cases += 2;
  }
  // Receiver mid-rotation: a list of secrets; a delivery signed with either passes, with
  // neither fails (the references take one secret; each alone agrees with us).
  const rotating = new WebhookVerifier([oldKey, newKey]);
  for (const key of [oldKey, newKey]) {
    const sig = signWebhook(key, ID, NOW, payload);
    assert.equal(rotating.verify(payload, { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig }, { now: NOW }).type, "migration.completed");
    assert.ok(at(NOW, () => new SvixWebhook(key).verify(payload, { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig })));
    cases += 2;
  }
  const stranger = { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": theirs(otherKey) };
  assert.equal(codeOf(() => rotating.verify(payload, stranger, { now: NOW })), "INVALID_SIGNATURE");
  assert.throws(() => at(NOW, () => new SvixWebhook(newKey).verify(payload, stranger)));
  cases += 2;
  // Several signatures repeated as separate headers, as Node's req.headers joins them (", ")
  // and as Fetch Headers does: each entry still counts.
  const joined = `${theirs(otherKey)}, ${theirs(newKey)}`;
  assert.equal(new WebhookVerifier(newKey).verify(payload, { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": joined }, { now: NOW }).id, "evt_01HX4J1SQ93Y9F6VBQ4JPZW66S");
  const fetchHeaders = new Headers([["svix-id", ID], ["svix-timestamp", String(NOW)], ["svix-signature", theirs(otherKey)], ["svix-signature", theirs(newKey)]]);
  assert.equal(new WebhookVerifier(newKey).verify(payload, fetchHeaders, { now: NOW }).id, "evt_01HX4J1SQ93Y9F6VBQ4JPZW66S");
  cases += 2;
});

test("tolerance edges: ±300 s pass and ±301 s fail, for us and the references alike", () => {
  const secret = randomSecret(32);
  const payload = payloads.ascii;
  const sig = signWebhook(secret, ID, NOW, payload);
  const svixHeaders = { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig };
  const standardHeaders = { "webhook-id": ID, "webhook-timestamp": String(NOW), "webhook-signature": sig };
  const verifier = new WebhookVerifier(secret);
  const edges = [
    [-300, null],
    [300, null],
    [-301, "TIMESTAMP_TOO_NEW"],
    [301, "TIMESTAMP_TOO_OLD"],
  ];
  for (const [offset, expected] of edges) {
    const now = NOW + offset;
    const ours = () => verifier.verify(payload, svixHeaders, { now });
    const standard = () => at(now, () => new StandardWebhook(secret).verify(payload, standardHeaders));
    const svix = () => at(now, () => new SvixWebhook(secret).verify(payload, svixHeaders));
    if (expected === null) {
      assert.equal(ours().type, "migration.completed", `now ${offset}`);
      assert.ok(standard());
      assert.ok(svix());
    } else {
      assert.equal(codeOf(ours), expected, `now ${offset}`);
      assert.throws(standard, /too (old|new)/);
      assert.throws(svix, /too (old|new)/);
    }
    // The clock as a Date gives the same answer.
    if (expected === null) assert.ok(verifier.verify(payload, svixHeaders, { now: new Date(now * 1000) }));
    else assert.equal(codeOf(() => verifier.verify(payload, svixHeaders, { now: new Date(now * 1000) })), expected);
    cases += 4;
  }
  // A custom tolerance (the references have none): 10 s either way.
  const strict = new WebhookVerifier(secret, { toleranceSeconds: 10 });
  assert.ok(strict.verify(payload, svixHeaders, { now: NOW + 10 }));
  assert.ok(strict.verify(payload, svixHeaders, { now: NOW - 10 }));
  assert.equal(codeOf(() => strict.verify(payload, svixHeaders, { now: NOW + 11 })), "TIMESTAMP_TOO_OLD");
  assert.equal(codeOf(() => strict.verify(payload, svixHeaders, { now: NOW - 11 })), "TIMESTAMP_TOO_NEW");
  assert.equal(verifyWebhook(payload, svixHeaders, secret, { toleranceSeconds: 3600, now: NOW + 3600 }).type, "migration.completed");
  assert.equal(codeOf(() => verifyWebhook(payload, svixHeaders, secret, { toleranceSeconds: 3600, now: NOW + 3601 })), "TIMESTAMP_TOO_OLD");
  cases += 6;
});

test("where the references are wrong, we follow the spec", () => {
  const secret = randomSecret(32);
  const payload = payloads.ascii;
  const sig = signWebhook(secret, ID, NOW, payload);
  const headers = (over) => ({ "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig, ...over });

  // `v1,<mac>,extra` is not a `v1,<base64>` entry. Both references split on "," and take the
  // second part, so they accept it; the spec's entry is exactly version,signature: we skip it.
  const extra = headers({ "svix-signature": `${sig},extra` });
  assert.ok(at(NOW, () => new SvixWebhook(secret).verify(payload, extra)), "svix 1.99.1 accepts v1,<mac>,extra");
  assert.ok(at(NOW, () => new StandardWebhook(secret).verify(payload, { "webhook-id": ID, "webhook-timestamp": String(NOW), "webhook-signature": `${sig},extra` })), "standardwebhooks 1.1.1 accepts it too");
  assert.equal(codeOf(() => verifyWebhook(payload, extra, secret, { now: NOW })), "INVALID_SIGNATURE");
  cases++;

  // `1750133013abc`: the references parseInt the timestamp, so trailing garbage passes (and is
  // not what was signed); the spec's timestamp is decimal digits: we refuse it.
  const garbage = headers({ "svix-timestamp": `${NOW}abc` });
  assert.ok(at(NOW, () => new SvixWebhook(secret).verify(payload, garbage)), "svix 1.99.1 accepts a 1750133013abc timestamp");
  assert.equal(codeOf(() => verifyWebhook(payload, garbage, secret, { now: NOW })), "INVALID_TIMESTAMP");
  for (const ts of [" 1750133013", "+1750133013", "1750133013.0", "1.750133013e9", "0x6851f8d5", "-9223372036854775808", "99999999999999999999"]) {
    assert.equal(codeOf(() => verifyWebhook(payload, headers({ "svix-timestamp": ts }), secret, { now: NOW })), "INVALID_TIMESTAMP", ts);
  }
  cases += 8;

  // An empty key, `whsec_`: svix 1.99.1 (through standardwebhooks 1.0.0) takes it and then
  // accepts a forgery anyone can make, an HMAC with the empty key. standardwebhooks 1.1.1 and we
  // refuse the key itself.
  const forged = "v1," + crypto.createHmac("sha256", Buffer.alloc(0)).update(`${ID}.${NOW}.${payload}`).digest("base64");
  assert.ok(at(NOW, () => new SvixWebhook("whsec_").verify(payload, headers({ "svix-signature": forged }))), "svix 1.99.1 accepts an empty-key forgery");
  assert.throws(() => new StandardWebhook("whsec_"), /empty/);
  // HMAC pads its key with zero bytes, so a secret of zeros alone (`whsec_AA`, a placeholder of
  // A's) is the empty key spelt otherwise: standardwebhooks 1.1.1 accepts the forgery with it.
  const zeros = "whsec_" + Buffer.alloc(24).toString("base64");
  assert.ok(at(NOW, () => new StandardWebhook(zeros).verify(payload, { "webhook-id": ID, "webhook-timestamp": String(NOW), "webhook-signature": forged })), "standardwebhooks 1.1.1 accepts it with zero bytes");
  for (const empty of ["whsec_", "", "whpk_", "whsec_AA", "whsec_AB", zeros]) {
    assert.equal(codeOf(() => new WebhookVerifier(empty)), "INVALID_SECRET", JSON.stringify(empty));
    assert.equal(codeOf(() => verifyWebhook(payload, headers({ "svix-signature": forged }), empty, { now: NOW })), "INVALID_SECRET");
  }
  assert.equal(codeOf(() => new WebhookVerifier([])), "INVALID_SECRET", "an empty list of keys");
  assert.equal(codeOf(() => new WebhookVerifier([secret, "whsec_"])), "INVALID_SECRET", "one empty key among good ones");
  cases += 3;
});

test("a key read from a file: what the references sign with the key, we verify with the key and a newline", () => {
  // standardwebhooks 1.1.1 and svix 1.99.1 take a trailing newline only where the base64 needs
  // no padding (by accident of their decoder); we take space around any key.
  const payload = contractEvent("migration.completed");
  for (const raw of rawSecrets) {
    for (const secret of [`${raw}\n`, `${raw}\r\n`, ` ${raw.slice("whsec_".length)}\t`]) {
      for (const ref of [new StandardWebhook(raw), new SvixWebhook(raw)]) {
        const sig = ref.sign(ID, new Date(NOW * 1000), payload);
        const event = new WebhookVerifier(secret).verify(payload, { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig }, { now: NOW });
        assert.equal(event.type, "migration.completed", JSON.stringify(secret));
        cases++;
      }
    }
  }
});

test("a hand-made secret with bits set past its last byte: the references ignore them, and so do we", () => {
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const payload = contractEvent("migration.completed");
  let seen = 0;
  for (const raw of rawSecrets) {
    const padding = raw.length - raw.replace(/=+$/, "").length;
    if (padding === 0) continue; // every bit of the last character is data
    const last = raw.length - padding - 1;
    const bits = padding === 1 ? 0b11 : 0b1111; // the low bits of the last character that no byte uses
    const odd = raw.slice(0, last) + ALPHABET[ALPHABET.indexOf(raw[last]) | bits] + raw.slice(last + 1);
    assert.notEqual(odd, raw);
    for (const secret of [odd, odd.replace(/=+$/, "")]) {
      for (const ref of [new StandardWebhook(secret), new SvixWebhook(secret)]) {
        const sig = ref.sign(ID, new Date(NOW * 1000), payload);
        assert.equal(sig, new StandardWebhook(raw).sign(ID, new Date(NOW * 1000), payload), "the reference reads the same key");
        const signed = { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig };
        assert.equal(new WebhookVerifier(secret).verify(payload, signed, { now: NOW }).type, "migration.completed", secret);
        assert.equal(signWebhook(secret, ID, NOW, payload), sig, secret);
        cases++;
      }
    }
    seen++;
  }
  assert.ok(seen >= 2, "keys with one and with two = of padding");
});

test("svix's published vectors", () => {
  const js = { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek", ts: 1614265330, body: '{"test": 2432232314}', sig: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" };
  const rs = { secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", id: "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", ts: 1649367553, body: '{"email":"test@example.com","username":"test_user"}', sig: "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=" };
  for (const v of [js, rs]) {
    assert.equal(signWebhook(v.secret, v.id, v.ts, v.body), v.sig);
    const headers = { "svix-id": v.id, "svix-timestamp": String(v.ts), "svix-signature": v.sig };
    // Signed, but not an Anon event: the signature alone verifies, the event does not.
    new WebhookVerifier(v.secret).verifySignature(v.body, headers, { now: v.ts });
    assert.equal(codeOf(() => verifyWebhook(v.body, headers, v.secret, { now: v.ts })), "INVALID_PAYLOAD");
    cases += 2;
  }
  const tampered = { "svix-id": js.id, "svix-timestamp": String(js.ts), "svix-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=" };
  assert.equal(codeOf(() => new WebhookVerifier(js.secret).verifySignature(js.body, tampered, { now: js.ts })), "INVALID_SIGNATURE");
  cases++;
});

test("v1a: we sign, node:crypto's ed25519 verifies; node:crypto signs, we verify", () => {
  for (let round = 0; round < 8; round++) {
    const pair = ed25519Pair();
    assert.equal(webhookPublicKey(pair.whsk), pair.whpk, "the public key we derive is node's");
    for (const [payloadName, payload] of Object.entries(payloads)) {
      const signed = Buffer.from(`${ID}.${NOW}.${payload}`);
      // Ours → node:crypto.
      const sig = signWebhook(pair.whsk, ID, NOW, payload);
      assert.match(sig, /^v1a,[A-Za-z0-9+/]{86}==$/);
      assert.ok(crypto.verify(null, signed, pair.publicKey, Buffer.from(sig.slice(4), "base64")), `${payloadName}: node verifies ours`);
      // The 64-byte secret key form (seed ‖ public key) signs the same (ed25519 is deterministic).
      const long = "whsk_" + Buffer.concat([Buffer.from(pair.whsk.slice(5), "base64"), Buffer.from(pair.whpk.slice(5), "base64")]).toString("base64");
      assert.equal(signWebhook(long, ID, NOW, bytesOf(payload)), sig);
      // node:crypto → ours.
      const theirs = "v1a," + crypto.sign(null, signed, pair.privateKey).toString("base64");
      const headers = { "webhook-id": ID, "webhook-timestamp": String(NOW), "webhook-signature": theirs };
      assert.deepEqual(new WebhookVerifier(pair.whpk).verify(payload, headers, { now: NOW }), JSON.parse(payload), `${payloadName}: we verify node's`);
      // A v1a signature never passes with an HMAC secret, nor with another public key, and a
      // tampered body fails.
      assert.equal(codeOf(() => verifyWebhook(payload, headers, randomSecret(32), { now: NOW })), "INVALID_SIGNATURE");
      assert.equal(codeOf(() => verifyWebhook(payload, headers, ed25519Pair().whpk, { now: NOW })), "INVALID_SIGNATURE");
      assert.equal(codeOf(() => verifyWebhook(payload.replace("mig_", "mig-"), headers, pair.whpk, { now: NOW })), "INVALID_SIGNATURE");
      cases += 6;
    }
    // Both kinds of key in one verifier (moving from HMAC to ed25519).
    const secret = randomSecret(32);
    const both = new WebhookVerifier([secret, pair.whpk]);
    for (const key of [secret, pair.whsk]) {
      const sig = signWebhook(key, ID, NOW, payloads.ascii);
      assert.ok(both.verify(payloads.ascii, { "svix-id": ID, "svix-timestamp": String(NOW), "svix-signature": sig }, { now: NOW }));
      cases++;
    }
  }
  // A secret key is no public key, and the reverse.
  const pair = ed25519Pair();
  assert.equal(codeOf(() => new WebhookVerifier(pair.whsk)), "INVALID_SECRET");
  assert.equal(codeOf(() => signWebhook(pair.whpk, ID, NOW, "{}")), "INVALID_SECRET");
  assert.equal(codeOf(() => webhookPublicKey(randomSecret(32))), "INVALID_SECRET");
  assert.equal(codeOf(() => new WebhookVerifier("whpk_" + Buffer.alloc(31).toString("base64"))), "INVALID_SECRET");
  cases += 4;
});
