import { mount } from "svelte";
import App from "./App.svelte";

window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
const config = await (await fetch("/api/config")).json();
window.__creates = 0;
window.__modals = [];
mount(App, { target: document.getElementById("app"), props: { insecureLocalhost: config.insecureLocalhost } });
