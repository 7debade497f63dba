// anon-modal in React 19 (no JSX, so no build plugin is needed), under StrictMode, with the
// package's hook. `?auto` opens the modal from an effect as the importer mounts: StrictMode runs
// that effect twice around a simulated unmount, and one server call and one modal remain.
import { createElement as h, StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { useAnonModal } from "anon-modal/react";

window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
const config = await (await fetch("/api/config")).json();
window.__creates = 0;
window.__modals = [];
window.__opens = 0;

/** Your backend's create-modal call: `{ url, expires_at, ... }`. */
async function createModal() {
  window.__creates++;
  const body = JSON.stringify({ user_id: "user_1", source_provider: "quickbooks" });
  return (await fetch("/api/create-modal", { method: "POST", body })).json();
}

function Importer({ onEvent, label }) {
  const { open, destroy, modal, pending, error } = useAnonModal({
    allowInsecureLocalhost: config.insecureLocalhost, // only for the local mock platform
    onOpened: () => onEvent("opened"),
    onCompleted: (e) => onEvent(`completed ${e.data?.migration_id} (${label})`),
    onClosed: () => onEvent("closed"),
  });
  const start = async () => {
    window.__opens++;
    const modal = await open(createModal);
    if (modal && !window.__modals.includes(modal)) window.__modals.push(modal);
  };
  useEffect(() => {
    if (new URLSearchParams(location.search).has("auto")) start();
  }, []);
  return h("div", null,
    h("button", { id: "open", onClick: start, disabled: pending }, "Import data"),
    h("button", { id: "cancel", onClick: destroy }, "Cancel"),
    h("p", { id: "state" }, modal ? "open" : pending ? "opening" : "idle"),
    error ? h("p", { role: "alert" }, error.message) : null);
}

function App() {
  const [mounted, setMounted] = useState(true);
  const [events, setEvents] = useState([]);
  const [round, setRound] = useState(1);
  // New callbacks each render: the hook calls the latest ones without mounting again.
  const onEvent = (text) => setEvents((list) => [...list, text]);
  return h("main", null,
    h("h1", null, "Import your data (React)"),
    mounted ? h(Importer, { onEvent, label: `round ${round}` }) : null,
    h("button", { id: "next-round", onClick: () => setRound((n) => n + 1) }, "Next round"),
    h("button", { id: "unmount", onClick: () => setMounted(false) }, "Unmount the importer"),
    h("ol", { id: "events" }, events.map((e, i) => h("li", { key: i }, e))));
}

createRoot(document.getElementById("root")).render(h(StrictMode, null, h(App)));
