// What the tests of a user's own app share: the package as a user installs it (the packed
// tarball in a scratch directory outside the repo, or the built tree), a free port, and
// `npx anon-modal-mock` started as its documentation says.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };

/** The package to test: the tarball installed as a user would, or the built tree. */
export function thePackage() {
  const dir = path.join(root, "target/npm");
  const tarballs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".tgz")) : [];
  if (tarballs.length === 1 && process.env.ANON_MODAL_MOCK_FROM !== "built") {
    const tarball = path.join(dir, tarballs[0]);
    // A tarball of an earlier build would pass for this one.
    for (const built of ["pkg/index.js", "pkg/anon_modal_bg.wasm"]) {
      const file = path.join(root, built);
      if (fs.existsSync(file) && fs.statSync(file).mtimeMs > fs.statSync(tarball).mtimeMs) {
        throw new Error(`${path.relative(root, tarball)} is older than ${built}: run node scripts/package.mjs (make test-e2e does)`);
      }
    }
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" });
    if (listing.includes("package/mock/cli.mjs")) {
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "anon-modal-app-"));
      // Removed as the test file's process exits, so runs do not pile installs up in the temp dir.
      process.once("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
      fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ name: "an-app", private: true }));
      execFileSync("npm", ["install", "--no-save", "--no-fund", "--no-audit", "--offline", "--loglevel=error", tarball], { cwd: scratch });
      return { from: tarballs[0], dir: path.join(scratch, "node_modules/anon-modal"), command: ["npx", ["--no-install", "anon-modal-mock"]], cwd: scratch };
    }
  }
  return { from: "pkg/", dir: path.join(root, "pkg"), command: [process.execPath, [path.join(root, "www/mock/cli.mjs")]], cwd: root };
}

export async function freePort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts the command; resolves once it printed its settings. */
export function startCommand(pkg, args) {
  const [bin, pre] = pkg.command;
  // Its own process group: Ctrl-C in a terminal signals npx and the mock together.
  const child = spawn(bin, [...pre, ...args], { cwd: pkg.cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (c) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      const settings = Object.fromEntries([...out.matchAll(/^\s*(ANON_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
      if (settings.ANON_WEBHOOK_SECRET) resolve({ child, settings, output: () => out });
    });
    child.once("exit", (code) => reject(new Error(`anon-modal-mock exited (${code}): ${out}${err}`)));
  });
}

/**
 * The user's create-modal route: asks the mock for a modal with the API key, which stays on
 * the server as Anon's quickstart shows, and answers with the mock's response.
 */
export async function createModal(settings, res) {
  // As the README writes it.
  const base = settings.ANON_BASE_URL || "worker.anon.com";
  const anon = await fetch(`${base.includes("://") ? base : `https://${base}`}/api/v1/migration-modal`, {
    method: "POST",
    headers: { authorization: `Bearer ${settings.ANON_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ user_id: "user_1", source_provider: "gusto" }),
  });
  res.writeHead(anon.status, { "content-type": "application/json" });
  res.end(await anon.text());
}
