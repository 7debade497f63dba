// `make demo`: the app on http://127.0.0.1:8080 and the mock Anon platform on
// http://localhost:8081 (two origins). With ANON_API_KEY set, the app talks to the real Anon
// instead (ANON_BASE_URL, ANON_WEBHOOK_SECRET) and no mock is started.
import { startMock, DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET } from "./mock/server.mjs";
import { startApp } from "./app/server.mjs";

const appPort = Number(process.env.APP_PORT ?? 8080);
const mockPort = Number(process.env.MOCK_PORT ?? 8081);
const real = Boolean(process.env.ANON_API_KEY);

let mock = null;
if (!real) {
  mock = await startMock({ port: mockPort, appOrigin: `http://127.0.0.1:${appPort}`, webhookUrl: `http://127.0.0.1:${appPort}/webhooks/anon` });
}
const app = await startApp({
  port: appPort,
  anonBaseUrl: real ? (process.env.ANON_BASE_URL ?? "https://api.anon.com") : mock.url,
  apiKey: real ? process.env.ANON_API_KEY : DEFAULT_API_KEY,
  webhookSecret: real ? (process.env.ANON_WEBHOOK_SECRET ?? "") : DEFAULT_WEBHOOK_SECRET,
  insecureLocalhost: !real,
  hostileOrigins: real ? [] : [`http://127.0.0.1:${mockPort}`, mock.url],
});
console.log(`anon-modal demo: open ${app.url}`);
console.log(real ? `  talking to the real Anon at ${process.env.ANON_BASE_URL ?? "https://api.anon.com"}` : `  mock Anon platform at ${mock.url} (webhooks to ${app.url}/webhooks/anon)`);
console.log("  Ctrl-C to stop");
