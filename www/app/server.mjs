// The demo app's backend: what an Anon customer runs on their own server.
//   GET  /                     the page (strict CSP, Trusted Types), /app.js, /style.css, /pkg/*
//   POST /api/create-modal     calls Anon's POST /api/v1/migration-modal with the API key,
//                              which never leaves this server (one call at a time per user:
//                              Anon's documents warn that modals created in quick succession
//                              for one user interfere), and returns { url, expires_at }
//   POST /webhooks/anon        verifies Anon's Svix-signed webhooks with verifyWebhook (the
//                              package's server entry), acknowledges a repeated svix-id without
//                              doing the work again, and lists the files on migration.completed
//                              and migration_task.failed (a failed task may leave files)
//   GET  /api/timeline?since=N what the server saw (webhooks, files), for the page to show
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { verifyWebhook } from "../../pkg/server.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, "../../pkg");
/** How many delivery ids the app remembers to recognise a repeated delivery. */
const SEEN_LIMIT = 10_000;
/** How long a call to Anon may take: a stalled one would hold its user's create-modal slot. */
const ANON_TIMEOUT_MS = 15_000;

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".ts": "text/plain" };

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

/** A signed body that is a JSON object but no event: no `type` (the Testing tab's svix.ping sends {"success": true}). Anything else (no JSON, an array) is refused, kept failed in the dashboard. */
function isNoEvent(raw) {
  try {
    const value = JSON.parse(raw.toString("utf8").replace(/^\uFEFF/, "")); // read as the verifier reads it
    return typeof value === "object" && value !== null && !Array.isArray(value) && typeof value.type !== "string";
  } catch {
    return false;
  }
}

async function readBody(req, limit = 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error("body too large"), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Anon's base URL from the `ANON_BASE_URL` setting: a bare host, as Anon's quickstart sets it
 * (`worker.anon.com`, called over https), or a URL with its scheme, as the local mock prints it
 * (`http://localhost:8081`). No trailing slash, so that a path can follow.
 */
export function anonBaseUrl(setting) {
  const text = setting.trim();
  // A scheme and a slash (`http:/` too) start a URL; `localhost:8081` is a host and its port.
  const url = new URL(/^[a-z][a-z\d+.-]*:\//i.test(text) ? text : `https://${text}`);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`ANON_BASE_URL must be a host (worker.anon.com) or an http(s) URL, not ${JSON.stringify(setting)}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/**
 * Starts the app.
 * @param {{port?: number, anonBaseUrl: string, apiKey: string, webhookSecret: string,
 *          modalOrigin?: string, insecureLocalhost?: boolean, hostileOrigins?: string[],
 *          modalTtlSeconds?: number, staticDir?: string, trustedTypes?: boolean | string,
 *          frameSrc?: string, reportOnlyFrameSrc?: string, anonTimeoutMs?: number}} options
 * `anonBaseUrl` is the `ANON_BASE_URL` setting, a bare host or a URL (`anonBaseUrl()`);
 * `anonTimeoutMs` bounds each call to Anon (default 15 s); `modalOrigin` is where the modal URLs are (default: `anonBaseUrl`'s origin, as on the mock);
 * `frameSrc` replaces the CSP's frame-src (a test of a page whose policy blocks the modal), and
 * `reportOnlyFrameSrc` adds a report-only policy with that frame-src (one that blocks nothing);
 * `staticDir` serves a built site (the framework examples) instead of the demo page;
 * `trustedTypes`: a string names the policies a framework creates (Vue: "vue"), `false` drops
 * the Trusted Types directives (Svelte's own templates need that). anon-modal needs no policy.
 */
export async function startApp(options) {
  const anonBase = anonBaseUrl(options.anonBaseUrl);
  const anonOrigin = new URL(anonBase).origin;
  const timeline = [];
  const record = (entry) => timeline.push({ at: new Date().toISOString(), ...entry });
  const frameSrc = [options.modalOrigin ?? anonOrigin, ...(options.hostileOrigins ?? [])].join(" ");
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `frame-src ${options.frameSrc ?? frameSrc}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    ...(options.trustedTypes === false ? [] : ["require-trusted-types-for 'script'", `trusted-types ${typeof options.trustedTypes === "string" ? options.trustedTypes : "'none'"}`]),
  ].join("; ");

  async function anon(pathname, init = {}) {
    const res = await fetch(anonBase + pathname, {
      ...init,
      signal: AbortSignal.timeout(options.anonTimeoutMs ?? ANON_TIMEOUT_MS),
      headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json", ...init.headers },
    });
    // A body that is no JSON reads as none; one that stalls past the timeout is the timeout.
    const body = await res.json().catch((e) => {
      if (e?.name === "TimeoutError") throw e;
      return {};
    });
    return { status: res.status, body };
  }

  async function listFiles(migrationId) {
    const { status, body } = await anon(`/api/v1/files?migration_id=${encodeURIComponent(migrationId)}`);
    if (status !== 200) return record({ kind: "error", text: `Files API answered ${status}` });
    const files = [];
    for (const f of body.data) {
      // Download each file, as a real import would; `type` says what it holds (a screenshot,
      // raw rows, JSON), so only text is previewed.
      const res = await fetch(f.url);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = /^(text\/|application\/json)/.test(f.content_type) ? bytes.toString("utf8").slice(0, 60) : null;
      files.push({ id: f.id, name: f.name, type: f.type, size: f.size, content_type: f.content_type, downloaded: bytes.length, preview: text });
    }
    record({ kind: "files", migration_id: migrationId, files });
  }

  // Delivery ids already handled, oldest first. A repeated delivery (a retry after a lost
  // answer, a replay) is acknowledged again but its work is not done twice.
  const seen = new Set();
  const firstTime = (id) => {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value);
    return true;
  };
  // One create-modal call per user at a time: a double click gets the same modal.
  const creating = new Map();
  const createModal = (input) => {
    let pending = creating.get(input.user_id);
    if (!pending) {
      const headers = options.modalTtlSeconds ? { "x-mock-ttl-seconds": String(options.modalTtlSeconds) } : {};
      pending = anon("/api/v1/migration-modal", {
        method: "POST",
        headers,
        body: JSON.stringify({ user_id: input.user_id, source_provider: input.source_provider }),
      }).finally(() => creating.delete(input.user_id));
      creating.set(input.user_id, pending);
    }
    return pending;
  };

  /** The file for a GET path: from `staticDir` or /pkg/ (sub-folders allowed, never outside
   * them), or the demo page and its assets. `null` when there is none. */
  function staticFile(p) {
    const inside = (dir, rest) => {
      const base = path.resolve(dir);
      const file = path.resolve(base, "." + (rest.endsWith("/") ? rest + "index.html" : rest));
      return file.startsWith(base + path.sep) ? file : null;
    };
    if (options.staticDir) return inside(options.staticDir, p);
    if (p === "/") return path.join(here, "index.html");
    // The package under /pkg/ (index.js, the wasm, mock/): sub-folders allowed.
    return p.startsWith("/pkg/") ? inside(pkgDir, p.slice(4)) : path.join(here, path.basename(p));
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://app.invalid");
      const p = url.pathname;
      if (req.method === "POST" && p === "/api/create-modal") {
        let input;
        try {
          input = JSON.parse((await readBody(req, 16 * 1024)).toString("utf8"));
        } catch {
          return json(res, 400, { error: { code: "invalid_request", message: "The body must be JSON." } });
        }
        if (typeof input !== "object" || input === null) {
          return json(res, 400, { error: { code: "invalid_request", message: "The body must be a JSON object." } });
        }
        let answer;
        try {
          answer = await createModal(input);
        } catch (e) {
          // fetch's own failures: the timeout, or no connection (a TypeError). Anything else is ours.
          const late = e?.name === "TimeoutError";
          if (!late && !(e instanceof TypeError && e.message === "fetch failed")) throw e;
          record({ kind: "error", text: `create modal: ${late ? "Anon did not answer in time" : `Anon unreachable (${e.cause?.code ?? e.message})`}` });
          return json(res, late ? 504 : 502, { error: { code: "upstream", message: late ? "Anon did not answer in time; try again." : "Anon could not be reached; try again." } });
        }
        const { status, body } = answer;
        if (status !== 201 && status !== 200) {
          const message = body?.error?.message ?? "Anon refused the request.";
          record({ kind: "error", text: `create modal: Anon answered ${status}: ${message}` });
          return json(res, status >= 500 ? 502 : status, { error: { code: body?.error?.code ?? "upstream", message } });
        }
        record({ kind: "server", text: `modal ${body.id} created for migration ${body.migration_id}` });
        return json(res, 200, { url: body.url, expires_at: body.expires_at, migration_id: body.migration_id });
      }
      if (req.method === "POST" && p === "/webhooks/anon") {
        const raw = await readBody(req);
        let event;
        try {
          event = verifyWebhook(raw, req.headers, options.webhookSecret);
        } catch (e) {
          if (e.code === "INVALID_PAYLOAD" && isNoEvent(raw)) {
            // Signed by the sender, but no event at all (the dashboard's svix.ping test sends
            // {"success": true}): acknowledged. An event this version cannot read is refused
            // below, so that it stays failed in the dashboard, to resend after an upgrade.
            record({ kind: "webhook-not-event", text: `signed, but no event: ${raw}` });
            return json(res, 202, { received: true, event: false });
          }
          record({ kind: "webhook-rejected", text: `webhook rejected: ${e.code}` });
          return json(res, 400, { error: { code: e.code, message: e.message } });
        }
        const deliveryId = req.headers["svix-id"] ?? req.headers["webhook-id"];
        if (!firstTime(deliveryId)) {
          record({ kind: "webhook-duplicate", text: `${event.type} ${deliveryId} again: acknowledged, already handled`, svix_id: deliveryId });
          return json(res, 200, { received: true, duplicate: true });
        }
        // data.object is the resource: the migration for migration.*, the task (its schema is
        // not documented, so it is shown as it came) for migration_task.*.
        const object = event.data.object;
        record({
          kind: "webhook", type: event.type, migration_id: event.data.migration_id, object_type: object?.object ?? null,
          status: object?.status ?? null, object, error_message: event.data.error_message ?? null, svix_id: deliveryId,
        });
        json(res, 200, { received: true });
        // The webhook is answered: a failure to list the files now goes to the timeline (the
        // catch below would answer a second time).
        if (event.type === "migration.completed" || event.type === "migration_task.failed") {
          await listFiles(event.data.migration_id).catch((e) => record({ kind: "error", text: `Files API: ${e.message}` }));
        }
        return;
      }
      if (req.method === "GET" && p === "/api/timeline") {
        const since = Number(url.searchParams.get("since") ?? 0) || 0;
        return json(res, 200, { entries: timeline.slice(since), next: timeline.length });
      }
      if (req.method === "GET" && p === "/api/config") {
        return json(res, 200, { anonOrigin, insecureLocalhost: !!options.insecureLocalhost, hostileOrigins: options.hostileOrigins ?? [] });
      }
      if (req.method === "GET") {
        const file = staticFile(p);
        const type = file && TYPES[path.extname(file)];
        const body = type ? await fs.readFile(file).catch(() => null) : null;
        if (!body) return json(res, 404, { error: { code: "not_found", message: `No ${p}.` } });
        const headers = { "content-type": type, "cache-control": "no-store" };
        if (type.startsWith("text/html")) headers["content-security-policy"] = csp;
        if (type.startsWith("text/html") && options.reportOnlyFrameSrc) {
          headers["content-security-policy-report-only"] = `frame-src ${options.reportOnlyFrameSrc}`;
        }
        res.writeHead(200, headers);
        return res.end(body);
      }
      return json(res, 404, { error: { code: "not_found", message: `No route for ${req.method} ${p}.` } });
    } catch (e) {
      return json(res, e.status ?? 500, { error: { code: "internal", message: e.message } });
    }
  });
  await new Promise((resolve) => server.listen(options.port ?? 8080, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    timeline,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}
