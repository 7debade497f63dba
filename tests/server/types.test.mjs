// anon-modal/server's types as a TypeScript user gets them from the packed tarball: an ES module
// and a CommonJS consumer (module node16, so the `types` conditions of `import` and `require`
// are the ones used) compile with tsc --strict, and the lines marked @ts-expect-error must fail.
// Run: node --test tests/server/ (after node scripts/package.mjs)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { installedApp, bin } from "./helpers.mjs";

const esm = `
import {
  verifyWebhook, WebhookVerifier, signWebhook, webhookPublicKey, AnonWebhookError, isAnonWebhookError, isWebhookEvent,
  parseAnonTimestamp, type WebhookEvent, type WebhookEventOf, type WebhookErrorCode, type Migration, type MigrationStatus,
} from "anon-modal/server";

declare const body: string;
const event: WebhookEvent = verifyWebhook(body, { "Svix-Id": "m", "svix-timestamp": "1", "svix-signature": ["v1,x"] }, "whsec_x", { now: new Date(), toleranceSeconds: 60 });
switch (event.type) {
  case "migration.completed": {
    // The exact event of a known type.
    const completed = event as WebhookEventOf<"migration.completed">;
    const migration: Migration = completed.data.object;
    const status: MigrationStatus = migration.status;
    const id: string = completed.data.object.id;
    void status; void id;
    break;
  }
  case "migration_task.failed": {
    const task = event as WebhookEventOf<"migration_task.failed">;
    const object: Record<string, unknown> = task.data.object;
    const why: string | null | undefined = task.data.error_message;
    void object; void why;
    break;
  }
  default: {
    // Unknown types are kept: a string, and the object as sent.
    const type: string = event.type;
    const object: unknown = event.data.object;
    // @ts-expect-error: a newer type's data need not hold a migration_id
    const migrationId: string = event.data.migration_id;
    // @ts-expect-error: an unknown type's object is whatever JSON was sent
    void event.data.object.id;
    void type; void object; void migrationId;
  }
}
const status: MigrationStatus = "SOMETHING_NEW";
void status;
// The instant of an event, to keep the newest per migration.
const created: Date = parseAnonTimestamp(event.created);
void created;
// The guard narrows where \`event.type ===\` leaves the unknown event in play.
if (isWebhookEvent(event, "migration.completed")) {
  const migration: Migration = event.data.object;
  const completedStatus: MigrationStatus = event.data.object.status;
  void migration; void completedStatus;
}
if (isWebhookEvent(event, "migration_task.failed")) {
  const why: string | null | undefined = event.data.error_message;
  void why;
}
// @ts-expect-error: only the documented types narrow
isWebhookEvent(event, "migration.deleted");

const verifier = new WebhookVerifier(["whsec_a", "whpk_b"], { toleranceSeconds: 300 });
verifier.verifySignature(new Uint8Array(), new Headers(), { now: 1750133013 });
const again: WebhookEvent = verifier.verify(new ArrayBuffer(0), { get: (name: string) => null });
void again;
// A Fetch Request's body, read up to the limit, is what verify takes.
const read = verifier.readBody(new Request("http://127.0.0.1/", { method: "POST", body: "{}" }));
read.then((raw) => {
  verifier.verify(raw, new Headers());
  // Bytes over an ArrayBuffer, as Web APIs take them.
  void crypto.subtle.digest("SHA-256", raw);
  void new Response(raw);
  const view: Uint8Array = raw;
  void view;
});
// @ts-expect-error: readBody reads a Request, not a body already read
verifier.readBody("{}");
verifier.free();
const sig: string = signWebhook("whsk_x", "msg", 1750133013, "{}");
const pk: string = webhookPublicKey("whsk_x");
void sig; void pk;

try {
  verifyWebhook(body, {}, "whsec_x");
} catch (error) {
  if (isAnonWebhookError(error)) {
    const code: WebhookErrorCode = error.code;
    const name: "AnonWebhookError" = error.name;
    void code; void name;
  }
  if (error instanceof AnonWebhookError) {
    if (error.code === "TIMESTAMP_TOO_OLD") { /* a stale retry */ }
  }
}

// @ts-expect-error: a parsed body is not the raw body
verifyWebhook({ id: "evt_1" }, {}, "whsec_x");
// @ts-expect-error: not an error code
const wrong: WebhookErrorCode = "INVALID_SIGNATURES";
// @ts-expect-error: the clock is seconds or a Date
verifyWebhook(body, {}, "whsec_x", { now: "now" });
// A test's timestamp as signWebhook takes it: a number.
verifyWebhook(body, { "svix-id": "m", "svix-timestamp": 1750133013, "svix-signature": signWebhook("whsec_x", "m", 1750133013, body) }, "whsec_x");
// @ts-expect-error: a known event's object is a Migration
const bad: WebhookEventOf<"migration.created">["data"]["object"]["status"] = 42;
// @ts-expect-error: secrets are strings
new WebhookVerifier(42);
// A rotation's list as process.env gives it (its type in @types/node): an unset variable is undefined.
declare const env: { [name: string]: string | undefined };
new WebhookVerifier([env.ANON_WEBHOOK_SECRET_OLD, env.ANON_WEBHOOK_SECRET]);
// @ts-expect-error: one secret alone must be set
new WebhookVerifier(env.ANON_WEBHOOK_SECRET);
void wrong; void bad;
`;

const cjs = `
import server = require("anon-modal/server");
const event: server.WebhookEvent = server.verifyWebhook("{}", {}, "whsec_x");
const code: server.WebhookErrorCode = "INVALID_PAYLOAD";
// @ts-expect-error: not an error code
const wrong: server.WebhookErrorCode = "NOPE";
void event; void code; void wrong;
`;

test("the package's types: an ES module and a CommonJS consumer compile, the wrong lines do not", () => {
  const app = installedApp();
  try {
    fs.writeFileSync(path.join(app, "consumer.mts"), esm);
    fs.writeFileSync(path.join(app, "consumer.cts"), cjs);
    fs.writeFileSync(
      path.join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022", "dom"], types: [], noUnusedLocals: true, exactOptionalPropertyTypes: true },
        files: ["consumer.mts", "consumer.cts"],
      }),
    );
    let listing;
    try {
      listing = execFileSync(bin("tsc"), ["-p", ".", "--listFiles"], { cwd: app, encoding: "utf8" });
    } catch (error) {
      assert.fail(`tsc failed:\n${String(error.stdout).split("\n").filter((l) => !l.startsWith("/")).join("\n")}${error.stderr}`);
    }
    // The types come from the package's own declarations, one for each condition.
    assert.match(listing, /node_modules\/anon-modal\/server\.d\.ts$/m);
    assert.match(listing, /node_modules\/anon-modal\/server\.d\.cts$/m);
    // They need no DOM lib and no @types/node: a server project may have neither.
    const bare = { compilerOptions: { strict: true, noEmit: true, module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022"], types: [] }, files: ["consumer.cts"] };
    fs.writeFileSync(path.join(app, "tsconfig.bare.json"), JSON.stringify(bare));
    try {
      execFileSync(bin("tsc"), ["-p", "tsconfig.bare.json"], { cwd: app, encoding: "utf8" });
    } catch (error) {
      assert.fail(`tsc without the DOM lib failed:\n${error.stdout}${error.stderr}`);
    }
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});
