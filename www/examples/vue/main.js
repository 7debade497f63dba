// anon-modal in Vue 3 (render functions, so no build plugin is needed), with the package's
// composable: the modal is destroyed when the importer unmounts, even one still opening.
import { createApp, h, ref } from "vue";
import { useAnonModal } from "anon-modal/vue";

window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
const config = await (await fetch("/api/config")).json();
window.__creates = 0;
window.__modals = [];

/** Your backend's create-modal call: `{ url, expires_at, ... }`. */
async function createModal() {
  window.__creates++;
  const body = JSON.stringify({ user_id: "user_1", source_provider: "pipedrive" });
  return (await fetch("/api/create-modal", { method: "POST", body })).json();
}

const Importer = {
  emits: ["event"],
  setup(_, { emit }) {
    const { open, destroy, modal, pending, error } = useAnonModal({
      allowInsecureLocalhost: config.insecureLocalhost, // only for the local mock platform
      onOpened: () => emit("event", "opened"),
      onCompleted: (e) => emit("event", `completed ${e.migration_id}`),
      onClosed: () => emit("event", "closed"),
    });
    const start = () =>
      open(createModal).then((modal) => {
        if (modal && !window.__modals.includes(modal)) window.__modals.push(modal);
      });
    return () => h("div", [
      h("button", { id: "open", onClick: start }, "Import data"),
      h("button", { id: "cancel", onClick: destroy }, "Cancel"),
      h("p", { id: "state" }, modal.value ? "open" : pending.value ? "opening" : "idle"),
      error.value ? h("p", { role: "alert" }, error.value.message) : null,
    ]);
  },
};

createApp({
  setup() {
    const mounted = ref(true);
    const events = ref([]);
    return () => h("main", [
      h("h1", "Import your data (Vue)"),
      mounted.value ? h(Importer, { onEvent: (e) => events.value.push(e) }) : null,
      h("button", { id: "unmount", onClick: () => (mounted.value = false) }, "Unmount the importer"),
      h("ol", { id: "events" }, events.value.map((e) => h("li", e))),
    ]);
  },
}).mount("#app");
