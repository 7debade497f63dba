// anon-modal/server: verifying (and signing) Anon's webhooks on any JavaScript server runtime.
// The checks are Rust (src/server.rs over src/webhooks), compiled to wasm; this file only turns
// JavaScript values into what the wasm takes, and the wasm's `[code, message]` errors into
// AnonWebhookError. scripts/build-pkg.sh bundles it three times, each with its own way to get
// the compiled wasm ("anon-modal-server-wasm"): server.js and server.cjs from base64 bytes
// (Node, Deno, Bun), server.workerd.js from an imported `.wasm` module (workerd compiles no
// wasm from bytes).
import { Verifier, sign, publicKey, secondsBelow, timestampMillis, nextPagesRawBody, initSync } from "anon-modal-server-glue";
import { wasmModule } from "anon-modal-server-wasm";

let loaded = false;
// Instantiated on first use, so that importing this module costs no compilation.
function load() {
  if (!loaded) {
    initSync({ module: compile() });
    loaded = true;
  }
}

function compile() {
  try {
    return wasmModule();
  } catch (error) {
    // The embedder forbids compiling WebAssembly from bytes (Vercel's Edge runtime does; V8
    // says "Wasm code generation disallowed by embedder"), unlike a wasm that is not valid.
    if (!(error instanceof WebAssembly.CompileError) || !/disallowed|code generation/i.test(error.message)) throw error;
    throw new Error(
      `anon-modal/server: this runtime compiles no WebAssembly from bytes (${error.message}): run the webhook route on Node.js (in Next.js, without runtime = "edge"), Deno, Bun or Cloudflare Workers`,
      { cause: error },
    );
  }
}

// Marks our errors across copies of this module (an app may load both server.js and
// server.cjs), where `instanceof` alone would fail.
const BRAND = Symbol.for("anon-modal.AnonWebhookError");

/** A refused delivery or key; `code` is stable, `message` says what to do. */
export class AnonWebhookError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
  get name() {
    return "AnonWebhookError";
  }
  get [BRAND]() {
    return true;
  }
}

/** True for an AnonWebhookError from any copy of this package. */
export function isAnonWebhookError(error) {
  return error instanceof AnonWebhookError || (error != null && typeof error === "object" && error[BRAND] === true);
}

// The wasm throws `[code, message]`: codes and messages are written once, in Rust.
function call(fn) {
  load();
  try {
    return fn();
  } catch (error) {
    if (Array.isArray(error) && error.length === 2 && typeof error[0] === "string" && typeof error[1] === "string") {
      throw new AnonWebhookError(error[0], error[1]);
    }
    throw error;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const tag = (value) => Object.prototype.toString.call(value);
// A value given in the wrong place, as an error message names it.
const describe = (value) =>
  value !== null && typeof value === "object" ? `an object (${value.constructor?.name ?? "no class"})` : typeof value === "string" ? "a string" : String(value);

// The raw body as received. Typed arrays are viewed, never copied; a string is UTF-8 encoded.
function bytes(body) {
  if (typeof body === "string") return encoder.encode(body);
  if (ArrayBuffer.isView(body)) return body instanceof Uint8Array ? body : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (tag(body) === "[object ArrayBuffer]" || tag(body) === "[object SharedArrayBuffer]") return new Uint8Array(body);
  throw new TypeError(
    `anon-modal/server: the body must be the raw request body as received (a string, Uint8Array, Buffer or ArrayBuffer), not ${notABody(body)}`,
  );
}

// The bytes of a view that no other thread can write: memory another thread can write is copied,
// so that the event returned is parsed from the very bytes verified.
const unshared = (view) => (tag(view.buffer) === "[object SharedArrayBuffer]" ? new Uint8Array(view) : view);

/** How a Next.js pages/api route keeps its body unread, as the wasm's own messages say it. */
function nextPages() {
  load();
  return nextPagesRawBody();
}

/** What was passed as the body instead, and what to pass. */
function notABody(body) {
  // No body at all is most often a framework's request whose body nothing read, and an empty
  // object one whose body parser skipped it: Express's express.raw() reads only
  // application/octet-stream unless given the type Anon sends.
  // An app-wide express.json() before the route has read the body already.
  const express = 'in Express, express.raw({ type: "application/json" }) on this route, registered before any app.use(express.json())';
  const nest = "in NestJS, req.rawBody, with NestFactory.create(AppModule, { rawBody: true })";
  if (body == null) return `${body}: read the request's body first (${express}; ${nest}; in AWS Lambda, event.body, null when the request had none, decoded when event.isBase64Encoded)`;
  if (typeof body.then === "function") return "a Promise: await it first";
  if (typeof body.arrayBuffer === "function" && "headers" in body) return "a Request: pass await verifier.readBody(request), which reads its body with a limit";
  if (typeof body.getReader === "function") return "a ReadableStream (a Fetch Request's body): pass await verifier.readBody(request), which reads it with a limit";
  if (typeof body.pipe === "function") return "a Node stream (Fastify's request.raw, Koa's ctx.req): read its bytes first, as docs/webhooks.md shows";
  if (tag(body) === "[object Blob]" || tag(body) === "[object File]") return "a Blob: pass await blob.arrayBuffer()";
  if (tag(body) === "[object Object]" && Object.keys(body).length === 0) return `an empty object: no body parser read the body (${express})`;
  if (tag(body) === "[object Object]" || Array.isArray(body)) return `parsed JSON (with a Fetch Request, await verifier.readBody(request), not request.json(); ${express}, not a JSON parser; ${nest}; in Fastify, a parser with parseAs: "buffer"; in Nuxt or h3, await readRawBody(event, false), not readBody; in hapi, payload: { parse: false }; ${nextPages()}, then read it as the Node example does; in Google Cloud Functions or Firebase, req.rawBody)`;
  return describe(body);
}

// <generated: header-names>
/** In the order the wasm reads them: svix-* first (they win), then the Standard Webhooks names (Rust's `Header::NAMES`). */
const NAMES = ["svix-id", "svix-timestamp", "svix-signature", "webhook-id", "webhook-timestamp", "webhook-signature"];
// </generated>

// The values found under one name, flattened: Node gives an array for a repeated header, and a
// plain object may hold one name in several casings. An empty array is the name present, empty,
// as an app's `svix-id ?? webhook-id` reads it: it never falls back to webhook-*.
function collect(list, value) {
  if (Array.isArray(value)) {
    if (value.length === 0) list.push("");
    for (const item of value) collect(list, item);
  } else if (value !== undefined && value !== null) {
    // A whole number is its digits: a test's timestamp, as signWebhook takes it. Any other
    // value that is no text stays as it is, for the wasm to refuse.
    list.push(Number.isSafeInteger(value) ? String(value) : value);
  }
  return list;
}

// One value per name, as the wasm takes it. Signatures are a space-separated list, so repeated
// ones are joined with a space (Node and Fetch join repeated headers with ", ", and a comma
// followed by a space never occurs inside an entry). A repeated id or timestamp must agree; if
// it does not, or a value is not a string, the list itself goes to the wasm, which refuses it
// (INVALID_HEADER).
function single(list, signature) {
  if (list.length === 0) return undefined;
  if (!list.every((v) => typeof v === "string")) return list;
  if (signature) return list.join(" ").replace(/,\s+/g, " ").trim();
  return list.every((v) => v === list[0]) ? list[0] : list;
}

function readHeaders(headers) {
  const lists = NAMES.map(() => []);
  // A request (Fetch's, Node's, Fastify's request.raw, Koa's ctx.req) holds its headers under
  // `headers`, never as its own: read as an object, it would have none. A header's value is
  // never an object that is not an array.
  const inner = headers?.headers;
  if (typeof headers?.get !== "function" && inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
    throw new TypeError("anon-modal/server: the headers must be request.headers, not the request itself");
  }
  // No headers, or [name, value] pairs read as an object, would only say a header is missing.
  if (headers == null || Array.isArray(headers) || (typeof headers !== "object" && typeof headers !== "function")) {
    const flat = Array.isArray(headers) && headers.length % 2 === 0 && headers.length > 0 && headers.every((item) => typeof item === "string");
    const given = !Array.isArray(headers)
      ? describe(headers)
      : flat
        ? "a flat array of names and values (Node's req.rawHeaders? pass req.headers)"
        : "an array (for [name, value] pairs, pass new Headers(pairs))";
    // In AWS Lambda, an ALB with multi-value headers on gives event.multiValueHeaders alone.
    const lambda = headers == null ? "; in AWS Lambda, event.headers, or event.multiValueHeaders behind an ALB with multi-value headers" : "";
    throw new TypeError(`anon-modal/server: the headers must be an object (req.headers, a Fetch Headers or anything with get(name)), not ${given}${lambda}`);
  }
  if (typeof headers.get === "function") {
    // Fetch Headers (case-insensitive itself) or anything with `get(lowerCaseName)`. An empty
    // value is sent empty: the wasm reads it as missing, never falling back to webhook-*.
    for (let i = 0; i < NAMES.length; i++) collect(lists[i], headers.get(NAMES[i]));
  } else {
    for (const key of Object.keys(headers)) {
      const i = NAMES.indexOf(key.toLowerCase());
      if (i >= 0) collect(lists[i], headers[key]);
    }
  }
  return lists.map((list, i) => single(list, NAMES[i].endsWith("-signature")));
}

function secrets(secretOrSecrets) {
  if (secretOrSecrets === undefined) {
    throw new TypeError("anon-modal/server: the secret is undefined: is its environment variable set, under that name? (whsec_... from the endpoint's page)");
  }
  // In a list, an unset key (`undefined` from `process.env`; a hole reads as undefined) is
  // skipped, as Rust's `Verifier::with_keys` skips an empty one ("" from `OLD=` in a .env file),
  // so the list of a key rotation can stay once the old key's variable is gone. It can only
  // leave fewer keys: none left is INVALID_SECRET.
  const list = Array.isArray(secretOrSecrets)
    ? Array.from(secretOrSecrets).filter((key) => key !== undefined)
    : [secretOrSecrets];
  if (!list.every((key) => typeof key === "string")) {
    throw new TypeError("anon-modal/server: the secret must be a string (whsec_... or whpk_...) or an array of them");
  }
  return list;
}

// What a WebhookVerifier takes, and what each verify() call takes; verifyWebhook takes both.
const VERIFIER_OPTIONS = ["toleranceSeconds", "maxBodyBytes"];
const VERIFY_OPTIONS = ["now"];

// Options are an object of known keys: catches a caller of the former verifyWebhook(...,
// nowSeconds), and a misspelt or misplaced option that would otherwise be ignored.
function checkOptions(options, known) {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object") {
    throw new TypeError(`anon-modal/server: options must be an object of ${known.join(", ")}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`anon-modal/server: options.${key} is not an option here; the options are ${known.join(", ")}`);
    }
  }
  return options;
}

function nowSeconds(options) {
  const now = checkOptions(options, VERIFY_OPTIONS).now;
  if (now === undefined) return Math.floor(Date.now() / 1000);
  const date = now instanceof Date || tag(now) === "[object Date]";
  if (!date && typeof now !== "number") throw new TypeError("anon-modal/server: options.now must be Unix seconds or a Date");
  const value = date ? Math.floor(Date.prototype.getTime.call(now) / 1000) : now;
  // A clock that tells no time (`new Date(undefined)`) is the caller's mistake, as milliseconds
  // are, not a delivery's: answered with a 400, it would refuse every delivery.
  if (!Number.isFinite(value)) {
    throw new RangeError(`anon-modal/server: options.now tells no time (${date ? "an invalid Date" : value}): pass a valid Date, or Math.floor(Date.now() / 1000)`);
  }
  return date ? value : seconds(value, "options.now", "a Date, or Math.floor(Date.now() / 1000)");
}

/**
 * `value`, Unix seconds; a RangeError, naming `name` and what to pass, for one too large to be
 * seconds (from the year 5138 on: src/clock.rs), which is most likely Date.now()'s milliseconds.
 */
function seconds(value, name, fix) {
  if (Number.isFinite(value) && Math.abs(value) >= secondsBelow()) {
    throw new RangeError(`anon-modal/server: ${name} is Unix seconds, and ${value} is not (milliseconds, from Date.now()?): pass ${fix}`);
  }
  return value;
}

// A whole-number option as the wasm takes it (a u32), or undefined for the default.
function numberOption(options, key, unit) {
  const value = options[key];
  if (value === undefined) return value;
  if (typeof value !== "number") throw new TypeError(`anon-modal/server: options.${key} must be a number of ${unit}`);
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 32 - 1) {
    throw new RangeError(`anon-modal/server: options.${key} must be a whole number of ${unit} from 0 to 4294967295`);
  }
  return value;
}

/**
 * Verifies deliveries with keys decoded once: one per endpoint, reused for every request.
 * `secretOrSecrets`: the endpoint's signing secret (`whsec_...`), an ed25519 public key
 * (`whpk_...`), or a list of them while keys rotate (any one may match).
 */
export class WebhookVerifier {
  #verifier;

  constructor(secretOrSecrets, options) {
    const keys = secrets(secretOrSecrets);
    const given = checkOptions(options, VERIFIER_OPTIONS);
    const tolerance = numberOption(given, "toleranceSeconds", "seconds");
    const maxBodyBytes = numberOption(given, "maxBodyBytes", "bytes");
    this.#verifier = call(() => new Verifier(keys, tolerance, maxBodyBytes));
  }

  // The wasm verifier, or a TypeError once free() let it go.
  get #live() {
    if (!this.#verifier) throw new TypeError("anon-modal/server: this WebhookVerifier was freed; make a new one");
    return this.#verifier;
  }

  #check(body, headers, options, parseEvent) {
    const verifier = this.#live;
    // A string's UTF-8 is at least its length: one too long is refused before it is encoded.
    if (typeof body === "string") call(() => verifier.checkSize(body.length));
    const view = bytes(body);
    // A body over the limit is refused before a copy of it is made.
    call(() => verifier.checkSize(view.byteLength));
    const raw = unshared(view);
    const values = readHeaders(headers);
    const now = nowSeconds(options);
    call(() => verifier.verify(raw, values, now, parseEvent));
    return raw;
  }

  /** The largest body, in bytes, that `verify` reads; a larger one is PAYLOAD_TOO_LARGE. */
  get maxBodyBytes() {
    return this.#live.maxBodyBytes;
  }

  /**
   * A Fetch `Request`'s raw body, taken only up to `maxBodyBytes`: past it (or past a declared
   * `content-length`), PAYLOAD_TOO_LARGE and the body's stream cancelled, so that an unsigned
   * request cannot make the server hold a body of any size, as `await request.arrayBuffer()`
   * would.
   */
  async readBody(request) {
    const verifier = this.#live;
    const body = request?.body;
    if (request?.bodyUsed || (body !== null && typeof body?.getReader !== "function")) {
      const given = request?.bodyUsed
        ? 'a Request whose body was already read: call readBody before anything reads it (in Elysia, parse: "none" on the route)'
        : describe(request);
      throw new TypeError(
        `anon-modal/server: readBody takes a Fetch Request whose body is unread (Deno, Bun, Workers, Next.js route handlers), not ${given}; in Node's http or Express, read the raw body as the examples do (${nextPages()} first)`,
      );
    }
    const limit = verifier.maxBodyBytes;
    let reader;
    // The rest is not kept; a stream that fails to cancel, or cannot, changes nothing here.
    const discard = () => {
      try {
        reader ??= body?.getReader();
        Promise.resolve(reader?.cancel()).catch(() => {});
      } catch {
        // A stream locked by someone else is theirs to cancel.
      }
    };
    // PAYLOAD_TOO_LARGE, with the verifier's own code and message, the body cancelled first.
    const refuse = (size) => {
      try {
        call(() => verifier.checkSize(size));
      } catch (error) {
        discard();
        throw error;
      }
    };
    const declared = Number(request.headers?.get?.("content-length"));
    if (declared > limit) refuse(declared);
    reader = body?.getReader();
    const chunks = [];
    let size = 0;
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      // A network request's chunks are bytes; anything else would be counted wrong. By their
      // tag, as `bytes` reads a body: a stream made in another realm (a `vm` sandbox) has bytes
      // that are no `Uint8Array` of this one.
      if (!ArrayBuffer.isView(value) || tag(value) !== "[object Uint8Array]") {
        discard();
        throw new TypeError(`anon-modal/server: readBody reads a stream of Uint8Array chunks, not ${describe(value)}`);
      }
      size += value.length;
      if (size > limit) refuse(size);
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }

  /** Checks the signature and that the body is an Anon event; returns the whole event. */
  verify(body, headers, options) {
    const raw = this.#check(body, headers, options, true);
    // The bytes verified, decoded: a string's lone surrogate was verified as U+FFFD, and a byte
    // order mark is skipped, as by the wasm.
    return JSON.parse(decoder.decode(raw));
  }

  /** Checks the signature only, whatever the body holds. */
  verifySignature(body, headers, options) {
    this.#check(body, headers, options, false);
  }

  /** Frees the decoded keys now rather than when the verifier is collected. */
  free() {
    this.#verifier?.free();
    this.#verifier = undefined;
  }
}

/** One-shot `new WebhookVerifier(secretOrSecrets, options).verify(body, headers, options)`. */
export function verifyWebhook(body, headers, secretOrSecrets, options) {
  const { now, ...verifierOptions } = checkOptions(options, [...VERIFIER_OPTIONS, ...VERIFY_OPTIONS]);
  const verifier = new WebhookVerifier(secretOrSecrets, verifierOptions);
  try {
    return verifier.verify(body, headers, { now });
  } finally {
    verifier.free();
  }
}

/**
 * True when `event`, as `verify` returned it, is of `type`. A documented type's event has been
 * checked in full by then, so this is all TypeScript needs to narrow it.
 */
export function isWebhookEvent(event, type) {
  return event !== null && typeof event === "object" && event.type === type;
}

/**
 * The `Date` an Anon timestamp (an event's `created`) means, read as the verifier reads it: a
 * time without a zone is UTC, where `new Date(text)` reads it as local time.
 */
export function parseAnonTimestamp(text) {
  if (typeof text !== "string") throw new TypeError("anon-modal/server: parseAnonTimestamp(text: string)");
  const millis = call(() => timestampMillis(text));
  if (Number.isNaN(millis)) throw new RangeError(`anon-modal/server: not an ISO 8601 timestamp: ${JSON.stringify(text)}`);
  return new Date(millis);
}

/** The signature header value for a delivery: `v1,...` with a `whsec_` key, `v1a,...` with `whsk_`. */
export function signWebhook(key, id, timestampSeconds, body) {
  if (typeof key !== "string" || typeof id !== "string" || typeof timestampSeconds !== "number") {
    throw new TypeError("anon-modal/server: signWebhook(key: string, id: string, timestampSeconds: number, body)");
  }
  const raw = unshared(bytes(body));
  // Checked inside call(): the bound comes from the wasm, loaded there.
  const timestamp = () => seconds(timestampSeconds, "signWebhook's timestampSeconds", "Math.floor(Date.now() / 1000)");
  return call(() => sign(key, id, timestamp(), raw));
}

/** The `whpk_` public key of a `whsk_` ed25519 signing key, to configure on the receiving side. */
export function webhookPublicKey(secretKey) {
  if (typeof secretKey !== "string") throw new TypeError("anon-modal/server: webhookPublicKey(secretKey: string)");
  return call(() => publicKey(secretKey));
}
