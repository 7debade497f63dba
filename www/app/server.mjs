// The demo app's backend: what an Anon customer runs on their own server.
//   GET  /                     the page (strict CSP, Trusted Types), /app.js, /style.css, /pkg/*
//   POST /api/create-modal     calls Anon's POST /api/v1/migration-modal with the API key,
//                              which never leaves this server, and returns { url, expires_at }
//   POST /webhooks/anon        verifies Anon's Svix-signed webhooks with verifyWebhook (this
//                              crate's Node build) and, on migration.completed, lists the files
//   GET  /api/timeline?since=N what the server saw (webhooks, files), for the page to show
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { verifyWebhook } = require("../../pkg-node/anon_modal.js");
const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, "../../pkg");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".ts": "text/plain" };

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

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
 * Starts the app.
 * @param {{port?: number, anonBaseUrl: string, apiKey: string, webhookSecret: string,
 *          insecureLocalhost?: boolean, hostileOrigins?: string[], modalTtlSeconds?: number,
 *          staticDir?: string, trustedTypes?: boolean | string}} options
 * `staticDir` serves a built site (the framework examples) instead of the demo page;
 * `trustedTypes`: a string names the policies a framework creates (Vue: "vue"), `false` drops
 * the Trusted Types directives (Svelte's own templates need that). anon-modal needs no policy.
 */
export async function startApp(options) {
  const anonOrigin = new URL(options.anonBaseUrl).origin;
  const timeline = [];
  const record = (entry) => timeline.push({ at: new Date().toISOString(), ...entry });
  const frameSrc = [anonOrigin, ...(options.hostileOrigins ?? [])].join(" ");
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    `frame-src ${frameSrc}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    ...(options.trustedTypes === false ? [] : ["require-trusted-types-for 'script'", `trusted-types ${typeof options.trustedTypes === "string" ? options.trustedTypes : "'none'"}`]),
  ].join("; ");

  async function anon(pathname, init = {}) {
    const res = await fetch(options.anonBaseUrl + pathname, {
      ...init,
      headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json", ...init.headers },
    });
    const body = await res.json().catch(() => ({}));
    return { status: res.status, body };
  }

  async function listFiles(migrationId) {
    const { status, body } = await anon(`/api/v1/files?migration_id=${encodeURIComponent(migrationId)}`);
    if (status !== 200) return record({ kind: "error", text: `Files API answered ${status}` });
    const files = [];
    for (const f of body.data) {
      // Download each file's content, as a real import would, and show its first bytes.
      const res = await fetch(f.url, { headers: { authorization: `Bearer ${options.apiKey}` } });
      const text = await res.text();
      files.push({ name: f.name, layer: f.type, size: f.size, content_type: f.content_type, preview: text.slice(0, 60) });
    }
    record({ kind: "files", migration_id: migrationId, files });
  }

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
    // The package keeps its JavaScript snippets in /pkg/snippets/...: sub-folders allowed.
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
        const headers = options.modalTtlSeconds ? { "x-mock-ttl-seconds": String(options.modalTtlSeconds) } : {};
        const { status, body } = await anon("/api/v1/migration-modal", {
          method: "POST",
          headers,
          body: JSON.stringify({ user_id: input.user_id, source_provider: input.source_provider }),
        });
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
          record({ kind: "webhook-rejected", text: `webhook rejected: ${e.code}` });
          return json(res, 400, { error: { code: e.code, message: e.message } });
        }
        record({ kind: "webhook", type: event.type, migration_id: event.data.migration_id, error_message: event.data.error_message ?? null, svix_id: req.headers["svix-id"] });
        json(res, 200, { received: true });
        // The webhook is answered: a failure to list the files now goes to the timeline (the
        // catch below would answer a second time).
        if (event.type === "migration.completed") {
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
