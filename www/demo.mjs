// `make demo`: the app on http://127.0.0.1:8080 and the mock Anon platform on
// http://localhost:8081 (two origins). The mock is started as any app would start it, with its
// command (`anon-modal-mock`), and the app is given the base URL, API key and webhook secret it
// prints. With ANON_API_KEY set, the app talks to the real Anon instead (ANON_BASE_URL,
// ANON_WEBHOOK_SECRET, and ANON_MODAL_ORIGIN where the modal URLs are not on
// https://dashboard.anon.com) and no mock is started.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startApp } from "./app/server.mjs";

const appPort = Number(process.env.APP_PORT ?? 8080);
const mockPort = Number(process.env.MOCK_PORT ?? 8081);
const real = Boolean(process.env.ANON_API_KEY);

/** Starts `anon-modal-mock` and resolves with the settings it prints (ANON_BASE_URL, ...). */
function startMockCommand(args) {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./mock/cli.mjs", import.meta.url)), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk) => {
      out += chunk;
      const settings = Object.fromEntries([...out.matchAll(/^\s*(ANON_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
      if (settings.ANON_WEBHOOK_SECRET) {
        child.stdout.off("data", onData);
        child.stdout.pipe(process.stdout);
        resolve({ child, settings });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.once("exit", (code) => reject(new Error(`anon-modal-mock exited (${code}) before it was ready`)));
  });
}

let mock = null;
if (!real) {
  mock = await startMockCommand(["--port", String(mockPort), "--webhook-url", `http://127.0.0.1:${appPort}/webhooks/anon`]);
  process.on("exit", () => mock.child.kill());
  const stop = () => process.exit(0);
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
if (real && !process.env.ANON_WEBHOOK_SECRET) {
  console.error("anon-modal demo: with ANON_API_KEY, set ANON_WEBHOOK_SECRET too (the endpoint's whsec_... signing secret)");
  process.exit(1);
}
// Set as Anon's quickstart sets it, a bare host (worker.anon.com), or a URL with its scheme.
const anonBaseUrl = real ? (process.env.ANON_BASE_URL ?? "worker.anon.com") : mock.settings.ANON_BASE_URL;
const app = await startApp({
  port: appPort,
  anonBaseUrl,
  apiKey: real ? process.env.ANON_API_KEY : mock.settings.ANON_API_KEY,
  webhookSecret: real ? process.env.ANON_WEBHOOK_SECRET : mock.settings.ANON_WEBHOOK_SECRET,
  // The page's frame-src lets the modal in: the quickstart checks its messages come from
  // https://dashboard.anon.com, not from the API's host. The mock serves both on one origin.
  modalOrigin: real ? (process.env.ANON_MODAL_ORIGIN ?? "https://dashboard.anon.com") : undefined,
  insecureLocalhost: !real,
  hostileOrigins: real ? [] : [`http://127.0.0.1:${mockPort}`, anonBaseUrl],
});
console.log(`anon-modal demo: open ${app.url}`);
console.log(real ? `  talking to the real Anon at ${anonBaseUrl}` : `  mock Anon platform at ${anonBaseUrl} (webhooks to ${app.url}/webhooks/anon)`);
console.log("  Ctrl-C to stop");
