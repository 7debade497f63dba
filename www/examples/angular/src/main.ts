// <anon-migration-modal> in an Angular application: the template binds the element's attributes
// to the component's signals and listens to its events by name (CUSTOM_ELEMENTS_SCHEMA lets
// Angular compile an element it does not declare); `@if` removing the element destroys the modal.
import { Component, CUSTOM_ELEMENTS_SCHEMA, provideZonelessChangeDetection, signal } from "@angular/core";
import { bootstrapApplication } from "@angular/platform-browser";
import type { AnonModal, CreatedModal, ModalCompletedEvent, ModalFailedEvent } from "anon-modal";
import type { AnonMigrationModalElement } from "anon-modal/element";
import "anon-modal/element";

declare global {
  interface Window {
    __violations: string[];
    __creates: number;
    __modals: (AnonModal | null)[];
  }
}
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
window.__creates = 0;
window.__modals = [];

@Component({
  selector: "app-root",
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Import your data (Angular, &lt;anon-migration-modal&gt;)</h1>
    <button id="open" (click)="open()">Import data</button>
    <button id="unmount" (click)="mounted.set(false)">Remove the importer</button>
    @if (mounted()) {
      <anon-migration-modal
        [attr.url]="created()?.url ?? null"
        [attr.expires-at]="created()?.expires_at ?? null"
        [attr.allow-insecure-localhost]="insecureLocalhost() ? '' : null"
        (migration_modal.opened)="opened($event)"
        (migration_modal.completed)="completed($event)"
        (migration_modal.closed)="settled('closed')"
        (migration_modal.failed)="failed($event)"
      ></anon-migration-modal>
    }
    <ol id="events">
      @for (event of events(); track $index) {
        <li>{{ event }}</li>
      }
    </ol>
  `,
})
class App {
  readonly mounted = signal(true);
  readonly created = signal<CreatedModal | null>(null);
  readonly insecureLocalhost = signal(false);
  readonly events = signal<string[]>([]);
  #opening = false;

  /** Creates a modal on the app's server, once however often it is asked while one is open. */
  async open() {
    if (this.#opening || this.created()) return;
    this.#opening = true;
    try {
      window.__creates++;
      const body = JSON.stringify({ user_id: "user_1", source_provider: "gusto" });
      const [created, config] = await Promise.all([
        fetch("/api/create-modal", { method: "POST", body }).then((r) => r.json() as Promise<CreatedModal>),
        fetch("/api/config").then((r) => r.json() as Promise<{ insecureLocalhost: boolean }>),
      ]);
      this.insecureLocalhost.set(config.insecureLocalhost); // only for the local mock platform
      this.created.set(created);
    } finally {
      this.#opening = false;
    }
  }

  opened(event: Event) {
    window.__modals.push((event.target as AnonMigrationModalElement).modal);
    this.log("opened");
  }

  completed(event: Event) {
    this.log(`completed ${(event as CustomEvent<ModalCompletedEvent>).detail.data?.migration_id}`);
  }

  failed(event: Event) {
    const { detail } = event as CustomEvent<ModalFailedEvent>;
    this.settled(`failed ${detail.data?.error_message ?? detail.code}`);
  }

  /** The modal tore itself down: the next open creates a new one. */
  settled(text: string) {
    this.log(text);
    this.created.set(null);
  }

  log(text: string) {
    this.events.update((events) => [...events, text]);
  }
}

bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((error) => console.error(error));
