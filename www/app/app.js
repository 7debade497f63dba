// The demo page: embeds the modal with anon-modal and shows a live timeline of modal events,
// rejected messages, webhooks the backend verified and the files it found. Everything written
// to the page goes through textContent (the page runs under Trusted Types).
import { init, embedAnonModal } from "/pkg/index.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const config = await (await fetch("/api/config")).json();
await init();
$("mode").textContent = config.insecureLocalhost ? `local mock platform · ${config.anonOrigin}` : config.anonOrigin;

const violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  violations.push(`${e.violatedDirective} ${e.blockedURI}`);
  log("error", "CSP", `violation: ${e.violatedDirective} ${e.blockedURI}`);
});
window.__demo = { violations, modal: null, embed: embedAnonModal };

function log(kind, label, text) {
  const li = document.createElement("li");
  li.dataset.kind = kind;
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString();
  const name = document.createElement("span");
  name.className = "kind";
  name.textContent = label;
  const body = document.createElement("span");
  body.textContent = text;
  li.append(time, name, body);
  $("timeline").append(li);
}

const describe = (e) => [e.data?.migration_id && `migration ${e.data.migration_id}`, e.data?.user_id && `user ${e.data.user_id}`, e.data?.error_message, e.code]
  .filter(Boolean).join(" · ");

$("start").addEventListener("submit", async (event) => {
  event.preventDefault();
  const res = await fetch("/api/create-modal", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user_id: $("user").value, source_provider: $("provider").value }),
  });
  const body = await res.json();
  if (!res.ok) return log("error", "error", `${res.status} ${body.error?.code}: ${body.error?.message}`);
  try {
    window.__demo.modal = embedAnonModal(body.url, {
      expiresAt: params.get("expiresAt") ?? body.expires_at,
      readyTimeoutMs: Number(params.get("readyTimeoutMs") ?? 30000),
      allowInsecureLocalhost: config.insecureLocalhost,
      title: "Import your data with Anon",
      onOpened: (e) => log("callback", "opened", describe(e)),
      onCompleted: (e) => log("callback", "completed", describe(e)),
      onFailed: (e) => log("callback", "failed", describe(e)),
      onClosed: (e) => log("callback", "closed", describe(e)),
      // Anon's step events reach `onEvent`, which gets every event, and no typed callback.
      onEvent: (e) => e.type.startsWith("migration_modal_step.") && log("step", e.type.replace("migration_modal_", ""), [e.data?.modal_step, describe(e)].join(" · ")),
      onReject: (reason, e) => log("reject", "rejected", `${reason} from ${e.origin || "(no origin)"}`),
    });
  } catch (e) {
    log("error", "error", `${e.code}: ${e.message}`);
  }
});

$("hostile").addEventListener("click", () => {
  for (const origin of config.hostileOrigins) {
    const frame = document.createElement("iframe");
    frame.src = `${origin}/hostile`;
    frame.title = `hostile frame on ${origin}`;
    $("hostile-frames").append(frame);
  }
  log("server", "attack", `framed ${config.hostileOrigins.join(" and ")}`);
});

let since = 0;
async function poll() {
  try {
    const { entries, next } = await (await fetch(`/api/timeline?since=${since}`)).json();
    since = next;
    for (const e of entries) {
      if (e.kind === "webhook") log("webhook", "webhook ✓", [e.type, `migration ${e.migration_id}`, e.object_type === "migration" ? e.status : e.object_type && `${e.object_type} ${e.object?.id ?? ""}`.trim(), e.error_message]
        .filter(Boolean).join(" · ") + " (signature verified)");
      else if (e.kind === "webhook-duplicate") log("duplicate", "webhook again", e.text);
      else if (e.kind === "files") log("files", "files", e.files.map((f) => `${f.type}: ${f.name} (${f.size} B)`).join(" · "));
      else log(e.kind, e.kind === "server" ? "server" : e.kind, e.text);
    }
  } catch {}
  setTimeout(poll, 300);
}
poll();
