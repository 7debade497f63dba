// Conversions for src/options.rs that take one call in JavaScript and several across the wasm
// boundary. What the values mean (whether the URL has expired) is decided in Rust.

/**
 * The time `value` names, in milliseconds since the epoch: a `Date`, an ISO 8601 string or a
 * number of milliseconds. `NaN` for anything else, such as `null` or `true`, which `new Date`
 * would take as 0 and 1.
 */
export function timeOf(value) {
  return typeof value === "string" || typeof value === "number" || value instanceof Date ? new Date(value).getTime() : NaN;
}
