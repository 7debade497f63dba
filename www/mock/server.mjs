// A local mock of the Anon platform, in the shapes of Anon's own documents:
//   POST /api/v1/migration-modal      create a modal (Bearer key) -> {object: "migration_modal",
//                                     id, migration_id, url, created, expires_at}
//   GET  /modal/:id?exp=&sig=         the modal page (a small migration flow that posts
//                                     opened / show / hide / completed / failed / closed to
//                                     the page that framed it)
//   GET  /api/v1/files?migration_id=  the Files API: list and get file objects; each file's
//   GET  /api/v1/files/:id            `url` is a signed download link (/files/:id/content)
//   Svix webhooks to the app          migration.created / .started / .completed / .failed and
//                                     migration_task.failed, with Svix's seven headers, signed
//                                     with node:crypto; 2 attempts, exponential back-off
// The page allowed to frame the modal, and to receive its messages, is the one the app origins
// name, or, when none is given, the one the modal page's Referer names (the library frames it
// with referrerpolicy "strict-origin", so the Referer is the bare origin of the host page), as
// a real modal learns who embeds it.
// It also serves /hostile, a page that posts perfect-looking modal messages to its parent, for
// the demo's "hostile frames" button and the end-to-end tests.
import http from "node:http";
import https from "node:https";
import crypto from "node:crypto";
import { renderModalPage, renderHostilePage, renderErrorPage } from "./pages.mjs";
import { ulid, ksuid, isoSeconds, naiveMicros, svixSignature } from "./ids.mjs";

export { svixSignature } from "./ids.mjs";
export const DEFAULT_API_KEY = "sk_test_anon_modal_demo";
export const DEFAULT_WEBHOOK_SECRET = "whsec_" + Buffer.from("anon-modal-demo-webhook-secret!!").toString("base64");
/** The user-agent header of Svix's HTTP sender, as Anon's webhooks page shows it. */
export const SVIX_USER_AGENT = "Svix-Webhooks/1.66.0 (sender-9YMgn; +https://www.svix.com/http-sender/)";
// The `source_provider` values Anon's API reference lists (it also takes none: the modal then
// asks the user which).
export const PROVIDERS = [
  "gusto", "quickbooks", "adp", "navan", "toast", "clover", "travelperk", "egencia", "shopkeep", "spoton", "gusto_service_account",
  "target", "amazon", "home_depot", "lowes", "uber_eats", "fedex", "costco", "staples", "ups", "kaiserpermanente", "anthem",
];

// A 1x1 PNG: the screenshot a CompanyInfo extraction leaves.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const CSV = "Id,Name,Email\n003A,Ada Lovelace,ada@example.com\n003B,Alan Turing,alan@example.com\n";
const JSON_FILE = JSON.stringify([
  { id: "003A", name: "Ada Lovelace", email: "ada@example.com" },
  { id: "003B", name: "Alan Turing", email: "alan@example.com" },
], null, 2);

/**
 * What each outcome of the modal's flow leaves: the files (type, name, content type, content),
 * the task that fails (if any), and the migration's final status and event.
 */
const OUTCOMES = {
  complete: {
    files: [
      ["CompanyInfo-EntityType-Screenshot", "company-info.png", "image/png", PNG],
      ["Contacts-EntityType-Raw", "contacts.csv", "text/csv", CSV],
      ["Contacts-EntityType-Json", "contacts.json", "application/json", JSON_FILE],
    ],
    status: "COMPLETE",
    event: "migration.completed",
  },
  partial: {
    files: [
      ["CompanyInfo-EntityType-Screenshot", "company-info.png", "image/png", PNG],
      ["Contacts-EntityType-Raw", "contacts.csv", "text/csv", CSV],
    ],
    task: { entity_type: "Contacts", error_message: "The source provider stopped answering while contacts were exported." },
    status: "COMPLETED_WITH_FAILURES",
    event: "migration.completed",
  },
  fail: {
    files: [["CompanyInfo-EntityType-Screenshot", "company-info.png", "image/png", PNG]],
    task: { entity_type: "Contacts", error_message: "The source provider revoked the token." },
    status: "FAILED",
    event: "migration.failed",
    error_message: "1 of 2 tasks failed.",
  },
};

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};
const error = (res, status, code, message) => json(res, status, { error: { code, message } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readJson(req, limit = 64 * 1024) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error("body too large"), { status: 413 });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    throw Object.assign(new Error("body is not JSON"), { status: 400 });
  }
}

/** An origin as browsers write it (`http://127.0.0.1:5173`), or an error naming the value. */
export function parseOrigin(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${value}" is not an origin: give scheme, host and port, e.g. http://localhost:5173`);
  }
  if (url.origin === "null" || url.origin !== value.replace(/\/$/, "")) {
    throw new Error(`"${value}" is not an origin: give scheme, host and port only, e.g. ${url.origin === "null" ? "http://localhost:5173" : url.origin}`);
  }
  return url.origin;
}

/** POSTs `body` with exactly `headers`; resolves with the status code. */
function post(target, headers, body, timeoutMs) {
  return new Promise((resolve, reject) => {
    const url = new URL(target);
    const req = (url.protocol === "https:" ? https : http).request(url, { method: "POST", headers, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timed out"), { code: "TIMEOUT" })));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Starts the mock platform.
 * @param {{port?: number, host?: string, publicHost?: string, apiKey?: string,
 *          webhookSecret?: string, webhookUrl?: string | null, appOrigins?: string[],
 *          appOrigin?: string, attempts?: number, retryBaseMs?: number, stepMs?: number,
 *          log?: (line: string) => void}} options
 * `appOrigins` (or one `appOrigin`): the pages that may frame the modal; none = the page the
 * modal's Referer names. `publicHost` names the mock in its URLs (default `localhost`, another
 * origin than an app on 127.0.0.1).
 */
export async function startMock(options = {}) {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const urlSecret = crypto.randomBytes(32);
  const attempts = options.attempts ?? 2;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const stepMs = options.stepMs ?? 300;
  const log = options.log ?? (() => {});
  const companyId = crypto.randomUUID();
  const state = {
    webhookUrl: options.webhookUrl ?? null,
    appOrigins: (options.appOrigins ?? (options.appOrigin ? [options.appOrigin] : [])).map(parseOrigin),
    modals: new Map(),
    migrations: new Map(),
    users: new Map(),
    files: new Map(),
    tasks: new Map(),
    deliveries: [],
  };
  // First attempts go out one at a time, in the order the events happened; a delivery that
  // fails is retried on its own back-off while later ones go on, as Svix does (it promises no
  // order). `pending` holds each delivery until it is acknowledged or given up.
  let queue = Promise.resolve();
  const pending = new Set();

  const sign = (what, exp) => crypto.createHmac("sha256", urlSecret).update(`${what}.${exp}`).digest("base64url");
  const signedOk = (what, exp, sig) => {
    const want = Buffer.from(sign(what, exp));
    const given = Buffer.from(sig ?? "");
    return given.length === want.length && crypto.timingSafeEqual(given, want);
  };
  const authorized = (req) => {
    const header = req.headers.authorization ?? "";
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
    const want = Buffer.from(apiKey);
    return given.length === want.length && crypto.timingSafeEqual(given, want);
  };

  /** One attempt at `record`; true once acknowledged (or with nowhere to send it). */
  async function attempt(record) {
    if (!state.webhookUrl) return true;
    // Svix signs each attempt anew: same svix-id, the attempt's own timestamp.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      accept: "*/*",
      "content-length": String(Buffer.byteLength(record.body)),
      "content-type": "application/json",
      "svix-id": record.id,
      "svix-signature": svixSignature(webhookSecret, record.id, timestamp, record.body),
      "svix-timestamp": String(timestamp),
      "user-agent": SVIX_USER_AGENT,
    };
    try {
      const status = await post(state.webhookUrl, headers, record.body, 15_000);
      record.attempts.push(status);
      log(`webhook ${record.type} ${record.id} -> ${status}`);
      return status >= 200 && status < 300;
    } catch (e) {
      record.attempts.push(String(e.code ?? e.message));
      log(`webhook ${record.type} ${record.id} -> ${e.code ?? e.message}`);
      return false;
    }
  }

  /** Queues `record`'s first attempt; resolves once it is acknowledged or given up. */
  function send(record) {
    const first = queue.then(() => attempt(record));
    queue = first.then(() => {});
    const done = first.then(async (acknowledged) => {
      for (let n = 2; !acknowledged && n <= attempts; n++) {
        await sleep(retryBaseMs * 2 ** (n - 2));
        acknowledged = await attempt(record);
      }
    });
    pending.add(done);
    done.finally(() => pending.delete(done));
    return done;
  }

  /** Sends an event: `object` is the resource object, copied as it is now. */
  function deliver(type, migrationId, object, errorMessage) {
    const data = { migration_id: migrationId, object: structuredClone(object) };
    if (errorMessage !== undefined) data.error_message = errorMessage;
    const event = { id: "evt_" + ulid(), object: "event", created: naiveMicros(), type, data };
    // Indented: bytes that JSON.stringify of the parsed event does not give back, so that a
    // handler verifying a re-serialised body fails here, not only against Anon's sender.
    const body = JSON.stringify(event, null, 2);
    const record = { id: "msg_" + ksuid(), type, event, body, attempts: [] };
    state.deliveries.push(record);
    return send(record);
  }

  /** Sends a delivery again, as Svix's "Replay" does: the same svix-id and body, signed anew. */
  function redeliver(messageId) {
    const record = state.deliveries.find((d) => d.id === messageId);
    if (!record) throw new Error(`no delivery ${messageId}`);
    return send(record);
  }

  function addFile(migrationId, [type, name, contentType, text]) {
    const content = Buffer.from(text);
    const id = crypto.randomUUID();
    const exp = Date.now() + 3600_000;
    state.files.set(id, {
      meta: {
        object: "file", id, created: isoSeconds(), name, type,
        url: `${base}/files/${id}/content?exp=${exp}&sig=${sign("file:" + id, exp)}`,
        size: content.length, content_type: contentType, migration_id: migrationId,
      },
      content,
    });
  }

  async function runMigration(migration, outcomeName) {
    const outcome = OUTCOMES[outcomeName];
    migration.status = "WORKING";
    // The work goes on without waiting for its webhooks to be acknowledged, as Anon's does.
    deliver("migration.started", migration.id, migration);
    await sleep(stepMs);
    for (const file of outcome.files) addFile(migration.id, file);
    if (outcome.task) {
      const task = {
        object: "migration_task", id: "mtsk_" + ulid(), migration_id: migration.id, created: naiveMicros(),
        entity_type: outcome.task.entity_type, status: "FAILED", error_message: outcome.task.error_message,
      };
      state.tasks.set(task.id, task);
      deliver("migration_task.failed", migration.id, task, task.error_message);
    }
    migration.status = outcome.status;
    deliver(outcome.event, migration.id, migration, outcome.error_message);
  }

  /** The page that framed the modal, and where its messages go. */
  function framing(req) {
    let parent = null;
    try {
      const origin = new URL(req.headers.referer).origin;
      if (origin !== "null") parent = origin;
    } catch {}
    const allowed = state.appOrigins;
    if (allowed.length === 0) return { ancestors: parent ?? "'none'", target: parent };
    const target = parent && allowed.includes(parent) ? parent : allowed.length === 1 ? allowed[0] : null;
    return { ancestors: allowed.join(" "), target };
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, base);
      const path = url.pathname;
      if (req.method === "POST" && path === "/api/v1/migration-modal") {
        if (!authorized(req)) return error(res, 401, "unauthorized", "Missing or invalid API key.");
        const body = await readJson(req);
        if (typeof body.user_id !== "string" || !body.user_id) return error(res, 400, "invalid_request", "user_id is required (a string).");
        if (body.source_provider !== undefined && !PROVIDERS.includes(body.source_provider)) {
          return error(res, 400, "invalid_request", `source_provider, if given, must be one of ${PROVIDERS.join(", ")}.`);
        }
        const ttl = Math.min(Number(req.headers["x-mock-ttl-seconds"] ?? 600), 3600);
        const id = crypto.randomUUID();
        const migrationId = "mig_" + ulid();
        if (!state.users.has(body.user_id)) state.users.set(body.user_id, "usr_" + ulid());
        const exp = Date.now() + ttl * 1000;
        const migration = {
          company_id: companyId, created: naiveMicros(), id: migrationId,
          created_by_user_id: state.users.get(body.user_id), object: "migration", status: "NOT_STARTED",
        };
        state.migrations.set(migrationId, migration);
        state.modals.set(id, { id, migrationId, userId: body.user_id, provider: body.source_provider });
        deliver("migration.created", migrationId, migration);
        log(`modal ${id} created for user ${body.user_id}: migration ${migrationId}`);
        return json(res, 200, {
          object: "migration_modal",
          id,
          migration_id: migrationId,
          url: `${base}/modal/${id}?exp=${exp}&sig=${sign(id, exp)}`,
          created: isoSeconds(),
          expires_at: isoSeconds(exp),
        });
      }
      if (req.method === "GET" && path.startsWith("/modal/")) {
        const id = path.slice("/modal/".length);
        const exp = Number(url.searchParams.get("exp"));
        const modal = state.modals.get(id);
        const { ancestors, target } = framing(req);
        res.setHeader("content-security-policy", `frame-ancestors ${ancestors}`);
        if (!modal || !signedOk(id, exp, url.searchParams.get("sig"))) return html(res, 403, renderErrorPage("Link unavailable", "This modal link is invalid."));
        if (exp < Date.now()) return html(res, 410, renderErrorPage("Link unavailable", "This modal link has expired."));
        if (!target) {
          log(`modal ${id}: no app origin given and no Referer to learn it from; pass --app-origin`);
          return html(res, 400, renderErrorPage("Cannot tell who embeds this modal", "Start the mock with --app-origin, or frame it with the library (referrerpolicy strict-origin)."));
        }
        return html(res, 200, renderModalPage({ ...modal, targetOrigin: target, providers: PROVIDERS }));
      }
      if (req.method === "POST" && path.startsWith("/modal/") && path.endsWith("/finish")) {
        // The modal page reports the user's choice; the platform then runs the migration.
        const id = path.slice("/modal/".length, -"/finish".length);
        const modal = state.modals.get(id);
        if (!modal) return error(res, 404, "not_found", "No such modal.");
        const body = await readJson(req);
        const outcome = Object.hasOwn(OUTCOMES, body.outcome) ? body.outcome : "complete";
        runMigration(state.migrations.get(modal.migrationId), outcome);
        // No body: the page never reads one, and a body left unread shows as an aborted
        // request once the modal is removed.
        res.writeHead(204, { "cache-control": "no-store" });
        return res.end();
      }
      if (req.method === "GET" && path === "/hostile") return html(res, 200, renderHostilePage());
      if (req.method === "GET" && path.startsWith("/files/")) {
        // A file's download link: signed and expiring, no API key (as a storage link would be).
        const [, , fileId, tail] = path.split("/");
        const file = state.files.get(fileId);
        const exp = Number(url.searchParams.get("exp"));
        if (!file || tail !== "content" || !signedOk("file:" + fileId, exp, url.searchParams.get("sig")) || exp < Date.now()) {
          return error(res, 404, "not_found", "No such file, or the link expired.");
        }
        res.writeHead(200, { "content-type": file.meta.content_type, "content-length": file.content.length });
        return res.end(file.content);
      }
      if (req.method === "GET" && path.startsWith("/api/v1/files")) {
        if (!authorized(req)) return error(res, 401, "unauthorized", "Missing or invalid API key.");
        const rest = path.slice("/api/v1/files".length);
        if (rest === "" || rest === "/") {
          const migrationId = url.searchParams.get("migration_id");
          if (!migrationId) return error(res, 400, "invalid_request", "migration_id is required.");
          const data = [...state.files.values()].filter((f) => f.meta.migration_id === migrationId).map((f) => f.meta);
          return json(res, 200, { object: "list", data, has_more: false });
        }
        const file = state.files.get(rest.slice(1));
        return file ? json(res, 200, file.meta) : error(res, 404, "not_found", "No such file.");
      }
      return error(res, 404, "not_found", `No route for ${req.method} ${path}.`);
    } catch (e) {
      return error(res, e.status ?? 500, e.status ? "invalid_request" : "internal", e.message);
    }
  });

  function html(res, status, body) {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(body);
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8081, options.host ?? "127.0.0.1", resolve);
  });
  const base = `http://${options.publicHost ?? "localhost"}:${server.address().port}`;
  /** Resolves once every delivery sent so far has been acknowledged or given up. */
  const settled = async () => {
    while (pending.size) await Promise.all(pending);
  };
  return {
    url: base,
    apiKey,
    webhookSecret,
    state,
    redeliver,
    settled,
    /** Runs a modal's migration as its page's buttons do, then waits for its webhooks. */
    finish: async (modalId, outcome = "complete") => {
      const modal = state.modals.get(modalId);
      if (!modal) throw new Error(`finish: no modal ${modalId} (the create-modal response's id)`);
      if (!Object.hasOwn(OUTCOMES, outcome)) {
        throw new Error(`finish: the outcome is ${Object.keys(OUTCOMES).map((o) => JSON.stringify(o)).join(", ")}, not ${JSON.stringify(outcome)}`);
      }
      await runMigration(state.migrations.get(modal.migrationId), outcome);
      await settled();
    },
    setWebhookUrl: (u) => { state.webhookUrl = u; },
    /** The origins that may frame the modal (a string or a list); none = learn it from the Referer. */
    setAppOrigin: (o) => { state.appOrigins = (o == null ? [] : [].concat(o)).map(parseOrigin); },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
