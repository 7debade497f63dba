// Identifiers and timestamps in the formats Anon's documents show, and Svix's signature,
// computed with node:crypto alone: the mock must not sign with the library it tests.
import crypto from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A ULID (`01HX4J1SQ93Y9F6VBQ4JPZW66S`): 48 bits of milliseconds, 80 random bits. */
export function ulid(ms = Date.now()) {
  let value = (BigInt(ms) << 80n) | BigInt("0x" + crypto.randomBytes(10).toString("hex"));
  let out = "";
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** A KSUID, as Svix's message ids use (`msg_2ycTlwDkllobhXwGILmiziO9xnz`). */
export function ksuid(ms = Date.now()) {
  const seconds = BigInt(Math.floor(ms / 1000) - 1_400_000_000);
  let value = (seconds << 128n) | BigInt("0x" + crypto.randomBytes(16).toString("hex"));
  let out = "";
  for (let i = 0; i < 27; i++) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out;
}

/** `2023-11-07T05:31:56Z`: the API's timestamps (create-modal response, files). */
export const isoSeconds = (ms = Date.now()) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** `2025-06-18T00:50:40.301173`: the webhooks' timestamps, UTC without a zone, microseconds. */
export function naiveMicros(ms = performance.timeOrigin + performance.now()) {
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  const date = new Date(whole);
  return date.toISOString().slice(0, 19) + "." + String(date.getUTCMilliseconds() * 1000 + micros).padStart(6, "0");
}

/**
 * Svix's `v1` signature: HMAC-SHA256 over `{id}.{timestamp}.{body}` with the secret's bytes
 * (the base64 after `whsec_`), base64-encoded.
 */
export function svixSignature(secret, id, timestamp, body) {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  return "v1," + crypto.createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
}
