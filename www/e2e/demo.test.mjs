// `make demo` against the real Anon (ANON_API_KEY set): the page's Content-Security-Policy
// must let the modal in from where Anon serves it, https://dashboard.anon.com (the origin the
// quickstart tells apps to check), not only from the API's host; else the modal is
// FRAME_BLOCKED before a user sees it. No request reaches Anon: only the page is fetched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "./user-app.mjs";

async function pageCsp(env) {
  const port = await freePort();
  const demo = spawn(process.execPath, [fileURLToPath(new URL("../demo.mjs", import.meta.url))], {
    env: { ...process.env, APP_PORT: String(port), ANON_API_KEY: "sk_not_used", ANON_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise((resolve, reject) => {
      let out = "";
      demo.stdout.setEncoding("utf8").on("data", (chunk) => (out += chunk).includes("anon-modal demo: open") && resolve());
      demo.once("exit", (code) => reject(new Error(`the demo exited (${code}): ${out}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return res.headers.get("content-security-policy").split("; ").find((d) => d.startsWith("frame-src"));
  } finally {
    demo.kill();
  }
}

test("the demo on the real Anon lets the modal's origin frame, and ANON_MODAL_ORIGIN changes it", async () => {
  assert.equal(await pageCsp({}), "frame-src https://dashboard.anon.com");
  assert.equal(await pageCsp({ ANON_MODAL_ORIGIN: "https://modal.example" }), "frame-src https://modal.example");
});
