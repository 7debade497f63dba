// Loads the Leptos app: wasm-bindgen's glue (app.js, written by ../build.mjs) fetches and
// instantiates app_bg.wasm, whose main() mounts the app. A module file, not an inline script:
// the app server's Content-Security-Policy allows only 'self' and 'wasm-unsafe-eval'.
import init from "./app.js";

// Before the wasm loads, so that a violation while it loads is counted too.
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
await init();
