// anon-modal in plain JavaScript: open the modal with your backend's create-modal call, list the
// events. openAnonModal loads the wasm, calls the backend once however often the button is
// clicked while it waits, and embeds.
import { openAnonModal } from "anon-modal";

const events = document.getElementById("events");
const log = (text) => events.append(Object.assign(document.createElement("li"), { textContent: text }));
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
const config = fetch("/api/config").then((r) => r.json());
window.__creates = 0;
window.__openAnonModal = openAnonModal; // the tests call it as the page's own script does

async function createModal() {
  window.__creates++;
  const body = JSON.stringify({ user_id: "user_1", source_provider: "adp" });
  return (await fetch("/api/create-modal", { method: "POST", body })).json(); // { url, expires_at, ... }
}
window.__createModal = createModal; // and the page's server call

document.getElementById("open").addEventListener("click", async () => {
  const { insecureLocalhost } = await config;
  window.__modal = await openAnonModal(createModal, {
    allowInsecureLocalhost: insecureLocalhost, // only for the local mock platform
    onOpened: () => log("opened"),
    onCompleted: (e) => log(`completed ${e.data?.migration_id}`),
    onClosed: () => log("closed"),
    onFailed: (e) => log(`failed ${e.data?.error_message ?? e.code}`),
  });
});
