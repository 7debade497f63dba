// Types of `anon-modal/mock` where TypeScript resolves as Node 10 did (`"moduleResolution": "node"`):
// it reads no "exports" and looks for mock/index.d.ts. The types themselves are in cli.d.mts.
export * from "./cli.mjs";
