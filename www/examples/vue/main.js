// anon-modal in Vue 3 (render functions, so no build plugin is needed).
import { createApp, h, onBeforeUnmount, ref } from "vue";
import { init, embedAnonModal } from "anon-modal";

window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));

const Importer = {
  emits: ["event"],
  setup(_, { emit }) {
    let modal = null;
    const open = async () => {
      const body = JSON.stringify({ user_id: "user_1", source_provider: "pipedrive" });
      const [{ url, expires_at }, config] = await Promise.all([
        fetch("/api/create-modal", { method: "POST", body }).then((r) => r.json()),
        fetch("/api/config").then((r) => r.json()),
        init(),
      ]);
      modal = embedAnonModal(url, {
        expiresAt: expires_at,
        allowInsecureLocalhost: config.insecureLocalhost, // only for the local mock platform
        onOpened: () => emit("event", "opened"),
        onCompleted: (e) => emit("event", `completed ${e.migration_id}`),
        onClosed: () => emit("event", "closed"),
      });
      window.__modals = [modal];
    };
    onBeforeUnmount(() => modal?.destroy());
    return () => h("button", { id: "open", onClick: open }, "Import data");
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
