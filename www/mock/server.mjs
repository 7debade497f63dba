// A local mock of the Anon platform, faithful to the parts an Anon customer touches:
//   POST /api/v1/migration-modal      create a modal (Bearer key) -> signed, expiring URL
//   GET  /modal/:id?exp=&sig=         the modal page (a small migration flow that posts
//                                     opened / show / hide / completed / failed / closed)
//   GET  /api/v1/files?migration_id=  the Files API: list, get one, download its content
//   GET  /api/v1/files/:id[/content]  (bronze = raw, silver = schema'd JSON)
//   Svix-style webhooks to the app    migration.created / started / completed / failed,
//                                     migration_task.failed; 2 attempts, exponential back-off
// It also serves /hostile, a page that posts perfect-looking modal messages to its parent, for
// the demo's "hostile frames" button and the end-to-end tests.
import http from "node:http";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import { renderModalPage, renderHostilePage, renderExpiredPage } from "./pages.mjs";

const require = createRequire(import.meta.url);
const { signWebhook } = require("../../pkg-node/anon_modal.js");

export const DEFAULT_API_KEY = "sk_test_anon_modal_demo";
export const DEFAULT_WEBHOOK_SECRET = "whsec_" + Buffer.from("anon-modal-demo-webhook-secret!!").toString("base64");
const PROVIDERS = ["salesforce", "hubspot", "pipedrive", "zendesk"];

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};
const error = (res, status, code, message) => json(res, status, { error: { code, message } });
const now = () => new Date().toISOString();
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

/**
 * Starts the mock platform.
 * @param {{port?: number, host?: string, publicHost?: string, apiKey?: string,
 *          webhookSecret?: string, webhookUrl?: string, appOrigin?: string,
 *          retryBaseMs?: number, stepMs?: number}} options
 */
export async function startMock(options = {}) {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const urlSecret = crypto.randomBytes(32);
  const retryBaseMs = options.retryBaseMs ?? 500;
  const stepMs = options.stepMs ?? 300;
  const state = {
    webhookUrl: options.webhookUrl ?? null,
    appOrigin: options.appOrigin ?? "*",
    modals: new Map(),
    migrations: new Map(),
    files: new Map(),
    deliveries: [],
  };

  const sign = (id, exp) => crypto.createHmac("sha256", urlSecret).update(`${id}.${exp}`).digest("base64url");
  const authorized = (req) => {
    const header = req.headers.authorization ?? "";
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
    const want = Buffer.from(apiKey);
    return given.length === want.length && crypto.timingSafeEqual(given, want);
  };

  async function deliver(type, migration, extra = {}) {
    const body = JSON.stringify({
      id: "evt_" + crypto.randomBytes(8).toString("hex"),
      object: "event",
      created: now(),
      type,
      data: { migration_id: migration.id, object: type.startsWith("migration_task") ? "migration_task" : "migration", ...extra },
    });
    const id = "msg_" + crypto.randomBytes(12).toString("base64url");
    const record = { id, type, attempts: [] };
    state.deliveries.push(record);
    if (!state.webhookUrl) return;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const res = await fetch(state.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "svix-id": id,
            "svix-timestamp": String(timestamp),
            "svix-signature": signWebhook(webhookSecret, id, timestamp, body),
          },
          body,
        });
        record.attempts.push(res.status);
        if (res.ok) return;
      } catch (e) {
        record.attempts.push(String(e.cause?.code ?? e.message));
      }
      if (attempt < 2) await sleep(retryBaseMs * 2 ** (attempt - 1));
    }
  }

  async function runMigration(migration, outcome) {
    migration.status = "WORKING";
    await deliver("migration.started", migration);
    await sleep(stepMs);
    if (outcome === "fail") {
      migration.status = "FAILED";
      await deliver("migration_task.failed", migration, { error_message: "The source provider revoked the token." });
      await deliver("migration.failed", migration, { error_message: "1 of 2 tasks failed." });
      return;
    }
    const created = now();
    const raw = "Id,Name,Email\n003A,Ada Lovelace,ada@example.com\n003B,Alan Turing,alan@example.com\n";
    const silver = JSON.stringify([
      { id: "003A", name: "Ada Lovelace", email: "ada@example.com" },
      { id: "003B", name: "Alan Turing", email: "alan@example.com" },
    ], null, 2);
    for (const [name, layer, contentType, content] of [
      ["contacts.csv", "bronze", "text/csv", raw],
      ["contacts.json", "silver", "application/json", silver],
    ]) {
      const id = "file_" + crypto.randomBytes(6).toString("hex");
      state.files.set(id, {
        meta: { id, created, name, type: layer, url: `${base}/api/v1/files/${id}/content`, size: Buffer.byteLength(content), content_type: contentType, migration_id: migration.id },
        content,
      });
    }
    migration.status = "COMPLETE";
    await deliver("migration.completed", migration);
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, base);
      const path = url.pathname;
      if (req.method === "POST" && path === "/api/v1/migration-modal") {
        if (!authorized(req)) return error(res, 401, "unauthorized", "Missing or invalid API key.");
        const body = await readJson(req);
        if (typeof body.user_id !== "string" || !body.user_id) return error(res, 400, "invalid_request", "user_id is required (a string).");
        if (!PROVIDERS.includes(body.source_provider)) return error(res, 400, "invalid_request", `source_provider must be one of ${PROVIDERS.join(", ")}.`);
        const ttl = Math.min(Number(req.headers["x-mock-ttl-seconds"] ?? 600), 3600);
        const id = "mm_" + crypto.randomBytes(8).toString("hex");
        const migrationId = "mig_" + crypto.randomBytes(8).toString("hex");
        const created = now();
        const exp = Date.now() + ttl * 1000;
        const migration = { id: migrationId, object: "migration", company_id: "co_demo", created, created_by_user_id: body.user_id, status: "NOT_STARTED" };
        state.migrations.set(migrationId, migration);
        state.modals.set(id, { id, migrationId, userId: body.user_id, provider: body.source_provider });
        deliver("migration.created", migration);
        return json(res, 201, {
          object: "migration_modal",
          id,
          migration_id: migrationId,
          url: `${base}/modal/${id}?exp=${exp}&sig=${sign(id, exp)}`,
          created,
          expires_at: new Date(exp).toISOString(),
        });
      }
      if (req.method === "GET" && path.startsWith("/modal/")) {
        const id = path.slice("/modal/".length);
        const exp = Number(url.searchParams.get("exp"));
        const sig = url.searchParams.get("sig") ?? "";
        const modal = state.modals.get(id);
        const want = Buffer.from(sign(id, exp));
        const good = modal && sig.length === want.length && crypto.timingSafeEqual(want, Buffer.from(sig));
        res.setHeader("content-security-policy", `frame-ancestors ${state.appOrigin === "*" ? "*" : state.appOrigin}`);
        if (!good) return html(res, 403, renderExpiredPage("This modal link is invalid."));
        if (exp < Date.now()) return html(res, 410, renderExpiredPage("This modal link has expired."));
        return html(res, 200, renderModalPage({ ...modal, targetOrigin: state.appOrigin }));
      }
      if (req.method === "POST" && path.startsWith("/modal/") && path.endsWith("/finish")) {
        // The modal page reports the user's choice; the platform then runs the migration.
        const id = path.slice("/modal/".length, -"/finish".length);
        const modal = state.modals.get(id);
        if (!modal) return error(res, 404, "not_found", "No such modal.");
        const body = await readJson(req);
        runMigration(state.migrations.get(modal.migrationId), body.outcome === "fail" ? "fail" : "complete");
        return json(res, 202, { ok: true });
      }
      if (req.method === "GET" && path === "/hostile") return html(res, 200, renderHostilePage());
      if (req.method === "GET" && path.startsWith("/api/v1/files")) {
        if (!authorized(req)) return error(res, 401, "unauthorized", "Missing or invalid API key.");
        const rest = path.slice("/api/v1/files".length);
        if (rest === "" || rest === "/") {
          const migrationId = url.searchParams.get("migration_id");
          if (!migrationId) return error(res, 400, "invalid_request", "migration_id is required.");
          const data = [...state.files.values()].filter((f) => f.meta.migration_id === migrationId).map((f) => f.meta);
          return json(res, 200, { object: "list", data, has_more: false });
        }
        const [, fileId, tail] = rest.split("/");
        const file = state.files.get(fileId);
        if (!file) return error(res, 404, "not_found", "No such file.");
        if (tail === "content") {
          res.writeHead(200, { "content-type": file.meta.content_type });
          return res.end(file.content);
        }
        return json(res, 200, file.meta);
      }
      if (req.method === "GET" && path.startsWith("/api/v1/migrations/")) {
        if (!authorized(req)) return error(res, 401, "unauthorized", "Missing or invalid API key.");
        const migration = state.migrations.get(path.slice("/api/v1/migrations/".length));
        return migration ? json(res, 200, migration) : error(res, 404, "not_found", "No such migration.");
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

  await new Promise((resolve) => server.listen(options.port ?? 8081, options.host ?? "127.0.0.1", resolve));
  const base = `http://${options.publicHost ?? "localhost"}:${server.address().port}`;
  return {
    url: base,
    state,
    setWebhookUrl: (u) => { state.webhookUrl = u; },
    setAppOrigin: (o) => { state.appOrigin = o; },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
