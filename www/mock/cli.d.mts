// Types of `anon-modal/mock`: the local Anon platform (docs/mock.md).

/** How to start the mock. */
export interface MockOptions {
  /** Port to listen on (default 8081; 0 picks a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Host name in the mock's URLs (default localhost). */
  publicHost?: string;
  /** The API key the mock accepts (default `DEFAULT_API_KEY`). */
  apiKey?: string;
  /** The `whsec_` secret webhooks are signed with (default `DEFAULT_WEBHOOK_SECRET`). */
  webhookSecret?: string;
  /** Where webhooks are delivered; none are sent without it. */
  webhookUrl?: string | null;
  /** Origins that may embed the modal; none: the origin the modal request's Referer names. */
  appOrigins?: string[];
  /** One origin that may embed the modal (same as `appOrigins: [appOrigin]`). */
  appOrigin?: string;
  /** Delivery attempts per webhook (default 2). */
  attempts?: number;
  /** The first retry's delay in milliseconds, doubled for each next one (default 500). */
  retryBaseMs?: number;
  /** Milliseconds between a migration's steps (default 300). */
  stepMs?: number;
  /** Receives a line for each modal created and each delivery attempt. */
  log?: (line: string) => void;
}

/** A webhook delivery: one Svix message and its attempts (status codes or error codes). */
export interface MockDelivery {
  id: string;
  type: string;
  event: { id: string; object: "event"; created: string; type: string; data: { migration_id: string; object: Record<string, unknown>; error_message?: string } };
  body: string;
  attempts: (number | string)[];
}

/** A running mock. */
export interface Mock {
  /** Its base URL, e.g. `http://localhost:8081`. */
  url: string;
  apiKey: string;
  webhookSecret: string;
  state: { deliveries: MockDelivery[]; webhookUrl: string | null; appOrigins: string[] };
  /** Sends a delivery again with the same svix-id and body, signed anew (Svix's replay). */
  redeliver(svixId: string): Promise<void>;
  /** Resolves once every delivery queued so far has been acknowledged or given up. */
  settled(): Promise<void>;
  /**
   * Runs the migration of a modal (the create-modal response's `id`) as its page's buttons do,
   * without a browser: `"complete"` (*Log in*), `"partial"` (*Simulate a failed task*) or
   * `"fail"` (*Simulate a failure*); resolves once its webhooks are acknowledged or given up.
   */
  finish(modalId: string, outcome?: "complete" | "partial" | "fail"): Promise<void>;
  setWebhookUrl(url: string | null): void;
  /** The origins that may embed the modal; `null` or `[]`: learn it from the Referer. */
  setAppOrigin(origins: string | string[] | null): void;
  close(): Promise<void>;
}

/** Starts the mock platform. */
export function startMock(options?: MockOptions): Promise<Mock>;
/** Svix's `v1,<base64>` signature of `{id}.{timestamp}.{body}` with a `whsec_` secret. */
export function svixSignature(secret: string, id: string, timestamp: number | string, body: string): string;
/** The command line's options; throws an Error whose message names a bad value. */
export function parseArgs(argv: string[]): MockOptions & { help?: boolean; quiet?: boolean };
export const DEFAULT_API_KEY: string;
export const DEFAULT_WEBHOOK_SECRET: string;
