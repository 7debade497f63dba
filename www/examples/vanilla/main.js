// anon-modal in plain JavaScript: ask your backend for a modal URL, embed it, list the events.
import { init, embedAnonModal } from "anon-modal";

const events = document.getElementById("events");
const log = (text) => events.append(Object.assign(document.createElement("li"), { textContent: text }));
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));

document.getElementById("open").addEventListener("click", async () => {
  const [{ url, expires_at }, config] = await Promise.all([
    fetch("/api/create-modal", { method: "POST", body: JSON.stringify({ user_id: "user_1", source_provider: "hubspot" }) }).then((r) => r.json()),
    fetch("/api/config").then((r) => r.json()),
    init(),
  ]);
  window.__modal = embedAnonModal(url, {
    expiresAt: expires_at,
    allowInsecureLocalhost: config.insecureLocalhost, // only for the local mock platform
    onOpened: () => log("opened"),
    onCompleted: (e) => log(`completed ${e.migration_id}`),
    onClosed: () => log("closed"),
    onFailed: (e) => log(`failed ${e.error_message ?? e.code}`),
  });
});
