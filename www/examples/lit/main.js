// <anon-migration-modal> inside a Lit component's shadow root: Lit binds its attributes from the
// component's state and listens to its events with `@migration_modal.closed`; the events are
// composed, so the page outside the shadow root hears them too.
import { LitElement, html } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import "anon-modal/element";

const events = document.getElementById("events");
const log = (text) => events.append(Object.assign(document.createElement("li"), { textContent: text }));
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
window.__creates = 0;
window.__modals = [];

class DataImporter extends LitElement {
  static properties = { created: { state: true }, insecureLocalhost: { state: true } };

  /** Creates a modal on the app's server, once however often it is asked while one is open. */
  async open() {
    if (this.created || this.opening) return;
    this.opening = true;
    try {
      window.__creates++;
      const body = JSON.stringify({ user_id: "user_1", source_provider: "gusto" });
      const [created, config] = await Promise.all([
        fetch("/api/create-modal", { method: "POST", body }).then((r) => r.json()),
        fetch("/api/config").then((r) => r.json()),
      ]);
      this.insecureLocalhost = config.insecureLocalhost; // only for the local mock platform
      this.created = created;
    } finally {
      this.opening = false;
    }
  }

  render() {
    // Without a url the element mounts nothing; `closed` clears it, and the next open starts afresh.
    return html`<anon-migration-modal
      url=${ifDefined(this.created?.url)}
      expires-at=${ifDefined(this.created?.expires_at)}
      ?allow-insecure-localhost=${this.insecureLocalhost}
      @migration_modal.opened=${(e) => window.__modals.push(e.target.modal)}
      @migration_modal.closed=${() => (this.created = undefined)}
      @migration_modal.failed=${() => (this.created = undefined)}
    ></anon-migration-modal>`;
  }
}
customElements.define("data-importer", DataImporter);

// The page outside the component: the events cross its shadow root (they are composed).
document.addEventListener("migration_modal.opened", () => log("opened"));
document.addEventListener("migration_modal.completed", (e) => log(`completed ${e.detail.data?.migration_id}`));
document.addEventListener("migration_modal.closed", () => log("closed"));
document.addEventListener("migration_modal.failed", (e) => log(`failed ${e.detail.data?.error_message ?? e.detail.code}`));

const importer = document.getElementById("importer");
document.getElementById("open").addEventListener("click", () => importer.open());
// Removing the component disconnects the element in its shadow root, which destroys the modal.
document.getElementById("unmount").addEventListener("click", () => importer.remove());
