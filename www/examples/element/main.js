// <anon-migration-modal> in a plain page: importing the element defines it; setting its `url`
// mounts the modal, its events bubble up as CustomEvents, removing it destroys the modal.
import "./anon-modal/element.js";

const element = document.getElementById("modal");
const events = document.getElementById("events");
const log = (text) => events.append(Object.assign(document.createElement("li"), { textContent: text }));
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
window.__creates = 0;
window.__modals = [];

// The events bubble: the document hears them.
document.addEventListener("migration_modal.opened", () => {
  log("opened");
  window.__modals.push(element.modal);
});
document.addEventListener("migration_modal.completed", (e) => log(`completed ${e.detail.data?.migration_id}`));
document.addEventListener("migration_modal.closed", () => log("closed"));
document.addEventListener("migration_modal.failed", (e) => log(`failed ${e.detail.data?.error_message ?? e.detail.code}`));

document.getElementById("open").addEventListener("click", async () => {
  window.__creates++;
  const body = JSON.stringify({ user_id: "user_1", source_provider: "gusto" });
  const [created, config] = await Promise.all([
    fetch("/api/create-modal", { method: "POST", body }).then((r) => r.json()),
    fetch("/api/config").then((r) => r.json()),
  ]);
  element.toggleAttribute("allow-insecure-localhost", config.insecureLocalhost); // only for the local mock platform
  element.setAttribute("expires-at", created.expires_at);
  element.setAttribute("url", created.url);
});
document.getElementById("unmount").addEventListener("click", () => element.remove());
