// Types of `anon-modal/server`: verifying Anon's webhooks (Standard Webhooks / Svix) on Node,
// Deno, Bun and Cloudflare workerd.

// <generated: webhook-error-codes>
/** The stable `code` of an `AnonWebhookError` (Rust's `WebhookError::ALL`). */
export type WebhookErrorCode =
  | "MISSING_HEADER"
  | "INVALID_HEADER"
  | "INVALID_TIMESTAMP"
  | "TIMESTAMP_TOO_OLD"
  | "TIMESTAMP_TOO_NEW"
  | "INVALID_SIGNATURE"
  | "INVALID_SECRET"
  | "INVALID_PAYLOAD"
  | "PAYLOAD_TOO_LARGE";
// </generated>

/** A migration's status; statuses Anon adds later come through as they are sent. */
// <generated: migration-statuses>
export type MigrationStatus =
  | "NOT_STARTED"
  | "WORKING"
  | "COMPLETE"
  | "COMPLETED_WITH_FAILURES"
  | "FAILED"
  | (string & {});
// </generated>

/** A migration: the resource object of `migration.*` events. Fields Anon adds later are kept. */
export interface Migration {
  /**
   * A UUID, or `null` while the migration has no company yet (one just created, say); a body
   * without the key is taken too, and then has none.
   */
  company_id?: string | null;
  /**
   * ISO 8601; Anon writes it without a zone, which means UTC (`new Date(text)` reads that as
   * local time; `parseAnonTimestamp(text)` does not). Not a time: `INVALID_PAYLOAD`.
   */
  created: string;
  /** `mig_...` */
  id: string;
  /** As Anon names users (`usr_...` in its documents): not necessarily the `user_id` you sent. */
  created_by_user_id: string;
  /** `"migration"` in Anon's documents; not checked, so typed as any string beside it. */
  object: "migration" | (string & {});
  status: MigrationStatus;
  [field: string]: unknown;
}

/** The `data` of an event: `object` is the resource the event is about. */
export interface WebhookEventData<Resource> {
  migration_id: string;
  object: Resource;
  /** On `*.failed` events: why it failed. `null` where a sender writes one for "none". */
  error_message?: string | null;
  [field: string]: unknown;
}

/** The envelope every event shares. */
export interface WebhookEventEnvelope<Type extends string, Resource, Data = WebhookEventData<Resource>> {
  /** `evt_...` */
  id: string;
  /** `"event"` in Anon's documents; not checked, so typed as any string beside it. */
  object: "event" | (string & {});
  /**
   * ISO 8601; Anon writes it without a zone, which means UTC (`new Date(text)` reads that as
   * local time; `parseAnonTimestamp(text)` does not). Not a time: `INVALID_PAYLOAD`.
   */
  created: string;
  type: Type;
  data: Data;
  [field: string]: unknown;
}

/** The `migration.*` event types Anon documents. */
// <generated: migration-event-types>
export type MigrationEventType =
  | "migration.created"
  | "migration.started"
  | "migration.completed"
  | "migration.failed";
// </generated>

/** A `migration.*` event: `data.object` is the `Migration`. */
export type MigrationEvent<Type extends MigrationEventType = MigrationEventType> = {
  [T in Type]: WebhookEventEnvelope<T, Migration>;
}[Type];

/** The `migration_task.*` event types Anon documents. */
// <generated: task-event-types>
export type MigrationTaskEventType =
  | "migration_task.failed";
// </generated>

/** A task of a migration failed; the task object's schema is not documented, so it is kept whole. */
export type MigrationTaskFailedEvent = WebhookEventEnvelope<MigrationTaskEventType, Record<string, unknown>>;

/**
 * An event type this version does not know: kept whole, never rejected for its `data`, an
 * object whose fields may be anything or absent (`migration_id` and `object` included; a newer
 * `migration.*` type's `object` may be a migration, or a stub).
 */
export type UnknownWebhookEvent = WebhookEventEnvelope<string, unknown, { [field: string]: unknown }>;

/**
 * A verified delivery's body, whole (fields Anon adds later included), discriminated on `type`.
 * TypeScript keeps `UnknownWebhookEvent` (whose `type` is any string) in play after
 * `event.type === "migration.completed"`: narrow with `isWebhookEvent(event, "migration.completed")`.
 */
export type WebhookEvent = MigrationEvent | MigrationTaskFailedEvent | UnknownWebhookEvent;

/** The event types Anon documents, each with its own event type. */
export type KnownWebhookEventType = MigrationEventType | MigrationTaskEventType;

/** The event of one known type, e.g. `WebhookEventOf<"migration.failed">`. */
export type WebhookEventOf<Type extends KnownWebhookEventType> = Extract<WebhookEvent, { type: Type }>;

/**
 * Narrows an event from `verify` to one documented type: after
 * `if (isWebhookEvent(event, "migration.completed"))`, `event.data.object` is a `Migration`.
 * `verify` has checked such an event in full, so the check is the type alone.
 */
export function isWebhookEvent<Type extends KnownWebhookEventType>(
  event: WebhookEvent,
  type: Type,
): event is WebhookEventOf<Type>;

/**
 * A request's headers: a plain object (names in any case; Node's `req.headers` and
 * `req.headersDistinct` too, repeated values as arrays), a Fetch `Headers`, or anything with
 * `get(lowerCaseName)`. A `svix-*` name wins over its `webhook-*` name, even empty; an empty
 * value is a missing header (`MISSING_HEADER`). A whole number is read as its digits (a test's
 * timestamp, as `signWebhook` takes it).
 */
export type WebhookHeadersInput =
  | Readonly<Record<string, string | number | readonly string[] | undefined>>
  | { get(name: string): string | null | undefined };

/** The raw body exactly as received: never re-serialized JSON. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * A Fetch `Request` as `readBody` reads it (written out, so that the types need no DOM lib):
 * Deno's, Bun's, Cloudflare's and Next.js's requests are all one.
 */
export interface FetchRequest {
  readonly body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
  readonly bodyUsed?: boolean;
  readonly headers: { get(name: string): string | null };
}

/**
 * The bytes `readBody` gives: a `Uint8Array` over an `ArrayBuffer`, which Web APIs such as
 * `crypto.subtle.digest` and `new Response` take as is (TypeScript 5.7's
 * `Uint8Array<ArrayBuffer>`, written so that earlier versions read it as `Uint8Array`).
 */
export type BodyBytes = ReturnType<Uint8Array["slice"]>;

/**
 * Keys to verify with: the endpoint's signing secret (`whsec_<base64>`, the prefix and the
 * base64 padding optional), an ed25519 public key (`whpk_<base64>`, for `v1a` signatures), or a
 * list of them while keys rotate (a delivery signed with any one passes). In a list, an
 * `undefined` or empty entry (an environment variable not set, or set to nothing) is skipped,
 * so the list can stay once the old key's variable is gone; a list with no key left is
 * `INVALID_SECRET`.
 */
export type WebhookSecrets = string | readonly (string | undefined)[];

export interface WebhookVerifierOptions {
  /** How far the delivery's timestamp may be from now, either way, in whole seconds. Default: 300 (5 minutes). */
  toleranceSeconds?: number;
  /**
   * The largest body read, in bytes; a larger one is refused unread (`PAYLOAD_TOO_LARGE`).
   * Default: 1048576 (1 MiB). Anon's events are well under a kilobyte.
   */
  maxBodyBytes?: number;
}

export interface VerifyOptions {
  /**
   * The current time, as Unix seconds or a `Date` (milliseconds, such as `Date.now()`, and no
   * time, such as `NaN` or an invalid `Date`, throw a `RangeError`). Default: the system clock.
   */
  now?: number | Date;
}

/** A refused delivery or key. `code` is stable; `message` says what to do. */
export class AnonWebhookError extends Error {
  constructor(code: WebhookErrorCode, message: string);
  readonly name: "AnonWebhookError";
  readonly code: WebhookErrorCode;
}

/** True for an `AnonWebhookError`, from this copy of the package or another (ESM and CommonJS). */
export function isAnonWebhookError(error: unknown): error is AnonWebhookError;

/**
 * Verifies deliveries with keys decoded once: make one per endpoint and reuse it.
 * @throws {AnonWebhookError} `INVALID_SECRET` when a key is empty or not valid, or the list is empty.
 * @throws {RangeError} when `toleranceSeconds` or `maxBodyBytes` is a number but not a whole
 * number from 0 to 2^32 - 1.
 * @throws {TypeError} for a secret that is not a string (`undefined`: is its environment
 * variable set?), a `toleranceSeconds` or `maxBodyBytes` that is no number (`"300"` from the
 * environment), or an option it does not take (`now` goes to `verify`).
 */
export class WebhookVerifier {
  constructor(secretOrSecrets: WebhookSecrets, options?: WebhookVerifierOptions);
  /** The largest body, in bytes, that `verify` reads (`maxBodyBytes`, default 1048576). */
  readonly maxBodyBytes: number;
  /**
   * A Fetch `Request`'s raw body (Deno, Bun, Workers, Next.js route handlers), taken only up to
   * `maxBodyBytes`, so that an unsigned request cannot make the server hold a body of any size
   * as `await request.arrayBuffer()` would. A `null` body is an empty one.
   * @throws {AnonWebhookError} `PAYLOAD_TOO_LARGE` past the limit (or a `content-length` over
   *   it): the body's stream is cancelled and no more of it kept.
   * @throws {TypeError} when `request` is no Fetch `Request`, or its body was already read.
   */
  readBody(request: FetchRequest): Promise<BodyBytes>;
  /**
   * Checks the signature, the timestamp and that the body is an Anon event; returns the whole event.
   * @throws {AnonWebhookError}
   * @throws {TypeError} for a body or headers of the wrong kind (a parsed object, a request rather than its headers, no headers, [name, value] pairs), or an option it does not take.
   * @throws {RangeError} when `options.now` tells no time (`NaN`, an invalid `Date`) or is in milliseconds rather than seconds.
   */
  verify(body: WebhookBody, headers: WebhookHeadersInput, options?: VerifyOptions): WebhookEvent;
  /**
   * Checks the signature and the timestamp only, whatever the body holds.
   * @throws {AnonWebhookError}
   * @throws {TypeError} for a body or headers of the wrong kind (a parsed object, a request rather than its headers, no headers, [name, value] pairs), or an option it does not take.
   * @throws {RangeError} when `options.now` tells no time (`NaN`, an invalid `Date`) or is in milliseconds rather than seconds.
   */
  verifySignature(body: WebhookBody, headers: WebhookHeadersInput, options?: VerifyOptions): void;
  /**
   * Frees the decoded keys now rather than when the verifier is garbage-collected; the verifier
   * then throws a `TypeError` if used again.
   */
  free(): void;
}

/**
 * Verifies one delivery and returns the whole event; a `WebhookVerifier` decodes the keys once
 * for many.
 * @throws {AnonWebhookError}
 * @throws {TypeError} for a body or headers of the wrong kind (a parsed object, a request rather than its headers, no headers, [name, value] pairs), a secret that is not a string, an option it does not take, or a `toleranceSeconds` or `maxBodyBytes` that is not a number.
 * @throws {RangeError} when `options.now` tells no time (`NaN`, an invalid `Date`) or is in milliseconds rather than seconds, or `toleranceSeconds` or `maxBodyBytes` is not a whole number from 0 to 2^32 - 1.
 */
export function verifyWebhook(
  body: WebhookBody,
  headers: WebhookHeadersInput,
  secretOrSecrets: WebhookSecrets,
  options?: WebhookVerifierOptions & VerifyOptions,
): WebhookEvent;

/**
 * The `Date` an Anon timestamp (an event's `created`, `data.object.created`) means, to the
 * millisecond, read as the verifier reads it: a time without a zone is UTC (where
 * `new Date(text)` reads it as local time), and every ISO 8601 form the verifier accepts is read
 * (`+00` and a comma before the fraction, which `new Date(text)` cannot read).
 * @throws {RangeError} for text that is not such a timestamp
 * @throws {TypeError} for a value that is not a string
 */
export function parseAnonTimestamp(text: string): Date;

/**
 * The signature header value for a delivery, for tests and mock senders: `v1,<base64>` with a
 * `whsec_` secret, `v1a,<base64>` with a `whsk_` ed25519 secret key.
 * @throws {AnonWebhookError} `INVALID_SECRET`, `INVALID_TIMESTAMP`
 * @throws {RangeError} a timestamp in milliseconds (`Date.now()`) rather than seconds
 */
export function signWebhook(key: string, id: string, timestampSeconds: number, body: WebhookBody): string;

/**
 * The `whpk_` public key of a `whsk_` ed25519 secret key: what the receiving side verifies with.
 * @throws {AnonWebhookError} `INVALID_SECRET`
 */
export function webhookPublicKey(secretKey: string): string;
