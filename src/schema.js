// The one test of a message's values that wasm-bindgen's JsValue has no call for.

/** `true` for a number (`typeof`: no conversion, nothing of the value runs). */
export function isNumber(value) {
  return typeof value === "number";
}
