// anon-modal in Vue 3 (render functions, so no build plugin is needed), with the package's
// composable: the modal is destroyed when the importer unmounts, even one still opening. `?auto`
// opens it from a watchEffect as the importer mounts.
import { createApp, h, ref, watchEffect } from "vue";
import { useAnonModal } from "anon-modal/vue";

window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
const config = await (await fetch("/api/config")).json();
window.__creates = 0;
window.__modals = [];

const Importer = {
  props: ["label", "user", "auto"],
  emits: ["event"],
  setup(props, { emit }) {
    const { open, destroy, modal, pending, error } = useAnonModal(() => ({
      allowInsecureLocalhost: config.insecureLocalhost, // only for the local mock platform
      title: `Import your data (${props.label})`,
      onOpened: () => emit("event", "opened"),
      onCompleted: (e) => emit("event", `completed ${e.data?.migration_id} (${props.label})`),
      onClosed: () => emit("event", "closed"),
    }));

    /** Your backend's create-modal call: `{ url, expires_at, ... }`. */
    async function createModal() {
      window.__creates++;
      const body = JSON.stringify({ user_id: props.user, source_provider: "navan" });
      return (await fetch("/api/create-modal", { method: "POST", body })).json();
    }

    const start = () =>
      open(createModal).then((modal) => {
        if (modal && !window.__modals.includes(modal)) window.__modals.push(modal);
      });
    // What open reads (the options, the props the server call sends) is not the effect's
    // dependency: a new label or user opens nothing.
    watchEffect(() => props.auto && start());
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
    const round = ref(1);
    const events = ref([]);
    const auto = new URLSearchParams(location.search).has("auto");
    return () => h("main", [
      h("h1", "Import your data (Vue)"),
      mounted.value
        ? h(Importer, { label: `round ${round.value}`, user: `user_${round.value}`, auto, onEvent: (e) => events.value.push(e) })
        : null,
      h("button", { id: "next-round", onClick: () => round.value++ }, "Next round"),
      h("button", { id: "unmount", onClick: () => (mounted.value = false) }, "Unmount the importer"),
      h("ol", { id: "events" }, events.value.map((e) => h("li", e))),
    ]);
  },
}).mount("#app");
