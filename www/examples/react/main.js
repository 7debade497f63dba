// anon-modal in React 19 (no JSX, so no build plugin is needed), under StrictMode.
import { createElement as h, StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { useAnonModal } from "./use-anon-modal.js";

window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));

function Importer({ onEvent }) {
  const [modal, setModal] = useState(null);
  useAnonModal(modal?.url ?? null, {
    expiresAt: modal?.expires_at,
    allowInsecureLocalhost: modal?.insecureLocalhost, // only for the local mock platform
    onOpened: () => onEvent("opened"),
    onCompleted: (e) => onEvent(`completed ${e.migration_id}`),
    onClosed: () => onEvent("closed"),
  });
  const open = async () => {
    const body = JSON.stringify({ user_id: "user_1", source_provider: "salesforce" });
    const created = await (await fetch("/api/create-modal", { method: "POST", body })).json();
    const config = await (await fetch("/api/config")).json();
    setModal({ ...created, insecureLocalhost: config.insecureLocalhost });
  };
  return h("button", { id: "open", onClick: open }, "Import data");
}

function App() {
  const [mounted, setMounted] = useState(true);
  const [events, setEvents] = useState([]);
  const onEvent = (text) => setEvents((list) => [...list, text]);
  return h("main", null,
    h("h1", null, "Import your data (React)"),
    mounted ? h(Importer, { onEvent }) : null,
    h("button", { id: "unmount", onClick: () => setMounted(false) }, "Unmount the importer"),
    h("ol", { id: "events" }, events.map((e, i) => h("li", { key: i }, e))));
}

createRoot(document.getElementById("root")).render(h(StrictMode, null, h(App)));
