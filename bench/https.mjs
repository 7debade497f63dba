// What the speed benchmarks share: an https (HTTP/2) server for the repository's files and the test
// pages, with a self-signed certificate made at run time, and a headless Chromium in which the
// page (https://app.test:PORT) and the modal (https://modal.test:PORT) are two sites, as an
// app and Anon's modal are.
import http2 from "node:http2";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "..");
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
const HOSTS = ["app.test", "modal.test"];

/** A key and a self-signed certificate for the two hosts, made in a temporary directory. */
function certificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anon-modal-bench-"));
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=app.test",
    "-addext", `subjectAltName=${HOSTS.map((h) => "DNS:" + h).join(",")}`], { stdio: "ignore" });
  const pair = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  fs.rmSync(dir, { recursive: true, force: true });
  return pair;
}

/**
 * Starts the server. `pages` maps a path to a function `(url, origins) => html` for the
 * generated pages (HTML, or `{ type, body }`); any other path is a file of the repository. Returns `{ page, modal, close }`,
 * `page` and `modal` being the two origins.
 */
export async function serve(pages = {}) {
  const origins = {};
  // HTTP/2, as a site served over https mostly is: one connection per origin, requests in parallel.
  const server = http2.createSecureServer({ ...certificate(), allowHTTP1: true }, (req, res) => {
    const url = new URL(req.url, "https://x");
    const page = pages[url.pathname];
    if (page) {
      const out = page(url, origins);
      res.writeHead(200, { "content-type": typeof out === "string" ? "text/html" : out.type });
      return res.end(typeof out === "string" ? out : out.body);
    }
    const file = path.join(root, path.normalize(url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  origins.page = `https://${HOSTS[0]}:${port}`;
  origins.modal = `https://${HOSTS[1]}:${port}`;
  return { ...origins, close: () => server.close() };
}

/** Debian's Chromium, headless, resolving both hosts to the server. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
      `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(", ")}`],
  });
}

/** A fresh context that trusts the self-signed certificate. */
export function context(browser) {
  return browser.newContext({ ignoreHTTPSErrors: true });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
